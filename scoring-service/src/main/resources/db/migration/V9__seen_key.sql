-- Issue 17: the dedupe keys hashed to a fixed width. seen_event held each counted (source, id) as two
-- texts: an index entry of about 56 bytes compared with the database collation, the slowest statement
-- of a batch and the first index to outgrow memory at national scale. seen_key holds 16 bytes per
-- event: the first 16 bytes of SHA-256 of the source's UTF-8 length (4 bytes, big-endian), the source
-- and the id (UTF-8), as a uuid (compared as 16 bytes). scoring's FactsStore.seenKey computes the
-- same. Two different events share a key with a probability of about n²/2¹²⁹ (10⁻²¹ for a billion).
-- Which events were counted stays readable in doc_item, meeting_item and item_event.
CREATE TABLE seen_key (
    key uuid PRIMARY KEY
);
INSERT INTO seen_key (key)
SELECT DISTINCT encode(substring(sha256(int4send(octet_length(source)) || convert_to(source, 'UTF8')
                                         || convert_to(id, 'UTF8')) FROM 1 FOR 16), 'hex')::uuid
FROM seen_event;
DROP TABLE seen_event;
