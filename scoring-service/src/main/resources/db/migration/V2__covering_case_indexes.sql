-- The rankings read a league's cases of a period as two range scans, one per index (received in
-- the period; resolved in it but received outside it). With the columns those counts need in
-- the index, both are index-only scans: no heap page is read (BENCHMARKS.md, B4).
CREATE INDEX onestop_case_received_cover ON onestop_case (unit, received_day)
    INCLUDE (resolved_day, due_day, channel, online_level);
DROP INDEX onestop_case_received;
CREATE INDEX onestop_case_resolved_cover ON onestop_case (unit, resolved_day)
    INCLUDE (received_day, due_day);
DROP INDEX onestop_case_resolved;
