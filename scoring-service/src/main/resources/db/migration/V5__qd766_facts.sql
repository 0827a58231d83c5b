-- SPEC 7.1 (issue 14): the facts of the national service index of Decision 766/QĐ-TTg.
-- Agreed schema: /work/bin/SCHEMA-V5.md. scoring-service is the only writer.

-- The flags of the winning case.received (NULL = not received yet) and case.resolved.
ALTER TABLE onestop_case
    ADD COLUMN fee_required boolean, ADD COLUMN full_online_eligible boolean, ADD COLUMN digitized boolean,
    ADD COLUMN reused_data boolean, ADD COLUMN data_store boolean, ADD COLUMN citizen_data boolean,
    ADD COLUMN synced_national boolean,
    ADD COLUMN result_document boolean, ADD COLUMN electronic_result boolean,
    -- Not in the agreed schema: case_payment.paid_online copied onto the case by the writer (when the
    -- case or an online payment arrives, whichever is later), so that the readings count online
    -- payments from the covering index instead of probing case_payment once per fee case.
    ADD COLUMN paid_online boolean,
    -- Likewise case_rating.satisfied of the latest rating (NULL = not rated).
    ADD COLUMN rated_satisfied boolean;

-- Payments (case.paid): several payments of one case count once; online if any was. May come
-- before the case: counted once the case is received (onestop_case.paid_online, kept by the writer).
CREATE TABLE case_payment (
    unit        text    NOT NULL,
    case_id     text    NOT NULL,
    paid_online boolean NOT NULL,
    PRIMARY KEY (unit, case_id)
);

-- Ratings (case.rated): the latest (by event time) counts.
CREATE TABLE case_rating (
    unit      text        NOT NULL,
    case_id   text        NOT NULL,
    rated_at  timestamptz NOT NULL,
    satisfied boolean     NOT NULL,
    PRIMARY KEY (unit, case_id)
);

-- Feedback (phản ánh, kiến nghị), the case rules: each side replaced only by a strictly later time.
CREATE TABLE feedback (
    unit         text NOT NULL,
    feedback_id  text NOT NULL,
    received_at  timestamptz,  -- from the winning feedback.received
    received_day date,
    due_day      date,         -- its dueAt, local date
    resolved_at  timestamptz,  -- from the winning feedback.resolved
    resolved_day date,
    satisfied    boolean,      -- the citizen's verdict, NULL when not given
    PRIMARY KEY (unit, feedback_id)
);
CREATE INDEX feedback_received ON feedback (unit, received_day) INCLUDE (resolved_day, due_day);
CREATE INDEX feedback_resolved ON feedback (unit, resolved_day) INCLUDE (received_day, due_day, satisfied);

-- Assessment records: a later time for the same (unit, indicator, period) replaces the record.
-- period_from / period_to: the local dates of the fixed period (SPEC 5) the record is for.
CREATE TABLE assessment (
    unit        text        NOT NULL,
    indicator   text        NOT NULL,
    period      text        NOT NULL,
    period_from date        NOT NULL,
    period_to   date        NOT NULL,
    recorded_at timestamptz NOT NULL,
    numerator   bigint      NOT NULL,
    denominator bigint,     -- NULL: a count
    note        text,
    PRIMARY KEY (unit, indicator, period)
);
CREATE INDEX assessment_period ON assessment (unit, period_from) INCLUDE (period_to, indicator, numerator, denominator);

-- The league readings stay index-only (BENCHMARKS.md, B4): the covering indexes of V2 also carry
-- the new flags, paid_online and rated_satisfied.
CREATE INDEX onestop_case_received_cover2 ON onestop_case (unit, received_day)
    INCLUDE (resolved_day, due_day, channel, online_level, paid_online, rated_satisfied, fee_required, full_online_eligible,
             digitized, reused_data, data_store, citizen_data, synced_national, result_document, electronic_result);
DROP INDEX onestop_case_received_cover;
CREATE INDEX onestop_case_resolved_cover2 ON onestop_case (unit, resolved_day)
    INCLUDE (received_day, due_day, result_document, electronic_result, rated_satisfied);
DROP INDEX onestop_case_resolved_cover;
