-- Change notices written in the same transaction as the facts (or the criteria version) they
-- announce, then relayed to egov.indicators by scoring's NoticeOutbox and deleted once Kafka has
-- them: a crash between the commit and the publish can delay a notice, never lose it.
-- A row is either a unit notice (unit, days) or a criteria notice (criteria, version).
CREATE TABLE notice_outbox (
    id         bigserial   PRIMARY KEY,
    unit       text,
    days       date[],
    criteria   text,
    version    integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((unit IS NOT NULL AND days IS NOT NULL) OR (criteria IS NOT NULL AND version IS NOT NULL))
);
