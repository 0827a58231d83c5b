-- Operators' tools (SPEC 8): what the items behind a number, the at-risk list and the sources view
-- need, written by scoring-service in the batch's transaction (one multi-row statement per table).
-- Items exist for events consumed from this version on: the daily counters of older events cannot
-- be split into documents and meetings again (replay the topic into an empty schema for them).

-- One row per counted document event (văn bản đi: issued = true; văn bản đến: issued = false).
CREATE TABLE doc_item (
    unit             text    NOT NULL,
    day              date    NOT NULL,  -- local date of the event time: the docs_daily row it counted in
    source           text    NOT NULL,
    id               text    NOT NULL,
    document_id      text    NOT NULL,
    issued           boolean NOT NULL,
    confidential     boolean NOT NULL,
    electronic       boolean NOT NULL,
    signed_org       boolean NOT NULL,
    signed_leader    boolean NOT NULL,
    via_axis         boolean NOT NULL,
    processed_online boolean NOT NULL,
    PRIMARY KEY (unit, day, source, id)
);

-- One row per counted meeting event (họp trực tuyến).
CREATE TABLE meeting_item (
    unit             text     NOT NULL,
    day              date     NOT NULL,
    source           text     NOT NULL,
    id               text     NOT NULL,
    meeting_id       text     NOT NULL,
    duration_minutes integer  NOT NULL,
    endpoints        integer  NOT NULL,
    participants     integer  NOT NULL,
    lowest_tier      text     NOT NULL,
    PRIMARY KEY (unit, day, source, id)
);

-- The events that made an item: kind 'case' (case.received / resolved, later paid / rated),
-- 'feedback' (feedback.*), 'assessment' (item = indicator|period). One row per counted event.
CREATE TABLE item_event (
    kind    text        NOT NULL,
    unit    text        NOT NULL,
    item_id text        NOT NULL,
    source  text        NOT NULL,
    id      text        NOT NULL,
    type    text        NOT NULL,
    time    timestamptz NOT NULL
);
-- No unique key: seen_event already makes every (source, id) counted once; the reads look items up.
CREATE INDEX item_event_item ON item_event (unit, item_id);

-- Sources (CloudEvents `source`): GET /api/v1/sources and the silent-source alerts. A source is one
-- system of one province, so its volumes are kept per source, not per unit (a batch touches a few
-- rows, not one per unit); source_unit says which units a source sent for.
CREATE TABLE source_unit (
    source text NOT NULL,
    unit   text NOT NULL,
    PRIMARY KEY (source, unit)
);
CREATE INDEX source_unit_unit ON source_unit (unit, source);

-- Events per source, type and local day of the event time, with the latest event time.
CREATE TABLE source_day (
    source    text        NOT NULL,
    type      text        NOT NULL,
    day       date        NOT NULL,
    events    bigint      NOT NULL,
    last_time timestamptz NOT NULL,
    PRIMARY KEY (source, type, day)
);

-- Per hour (UTC hour of the event time), only for events less than 8 days old when consumed: the
-- "last 24 hours / 7 days" volumes. Replays of old years add nothing here.
CREATE TABLE source_hour (
    source text        NOT NULL,
    type   text        NOT NULL,
    hour   timestamptz NOT NULL,
    events bigint      NOT NULL,
    PRIMARY KEY (source, type, hour)
);

-- At risk (open cases due soon or overdue) and the due-soon / overdue alerts read open cases by due date.
CREATE INDEX onestop_case_open_due ON onestop_case (unit, due_day) INCLUDE (received_day)
    WHERE resolved_day IS NULL;
