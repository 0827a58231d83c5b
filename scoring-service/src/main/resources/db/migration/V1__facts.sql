-- The facts scoring-service keeps (it is the only writer of this schema).
-- Every indicator of any period is a sum over these tables; see scoring-service/README.md.

-- Idempotent consumption: one row per CloudEvent (source, id) ever counted.
CREATE TABLE seen_event (
    source text NOT NULL,
    id     text NOT NULL,
    PRIMARY KEY (source, id)
);

-- One row per administrative case (hồ sơ), identified by (unit, case_id).
-- Corrections: for the received and the resolved side separately, the event with the later
-- `time` wins. All *_day columns are local dates in Asia/Ho_Chi_Minh.
CREATE TABLE onestop_case (
    unit             text        NOT NULL,
    case_id          text        NOT NULL,
    received_at      timestamptz,          -- event time of the winning case.received
    received_day     date,
    channel          text,                 -- DIRECT | ONLINE | POSTAL
    online_level     smallint,             -- 3 | 4 when ONLINE
    received_due_day date,                 -- ngày hẹn trả, from case.received
    resolved_at      timestamptz,          -- event time of the winning case.resolved
    resolved_day     date,
    resolved_due_day date,                 -- dueAt carried by case.resolved (extension), if any
    due_day          date GENERATED ALWAYS AS (COALESCE(resolved_due_day, received_due_day)) STORED,
    PRIMARY KEY (unit, case_id)
);
CREATE INDEX onestop_case_received ON onestop_case (unit, received_day);
CREATE INDEX onestop_case_resolved ON onestop_case (unit, resolved_day);

-- Documents per unit and local day (văn bản đi / đến).
CREATE TABLE docs_daily (
    unit                 text   NOT NULL,
    day                  date   NOT NULL,
    issued               bigint NOT NULL DEFAULT 0,
    issued_open          bigint NOT NULL DEFAULT 0, -- issued and not confidential: the rates' denominator
    signed               bigint NOT NULL DEFAULT 0, -- not confidential, signed by organization or leader
    org_signed           bigint NOT NULL DEFAULT 0,
    leader_signed        bigint NOT NULL DEFAULT 0,
    electronic           bigint NOT NULL DEFAULT 0,
    via_axis             bigint NOT NULL DEFAULT 0,
    received             bigint NOT NULL DEFAULT 0,
    received_electronic  bigint NOT NULL DEFAULT 0,
    received_online      bigint NOT NULL DEFAULT 0, -- processedOnline
    PRIMARY KEY (unit, day)
);

-- Online meetings hosted per unit and local day (họp trực tuyến).
CREATE TABLE vc_daily (
    unit             text   NOT NULL,
    day              date   NOT NULL,
    meetings         bigint NOT NULL DEFAULT 0,
    endpoints        bigint NOT NULL DEFAULT 0,
    participants     bigint NOT NULL DEFAULT 0,
    duration_minutes bigint NOT NULL DEFAULT 0,
    commune_reach    bigint NOT NULL DEFAULT 0, -- lowestTier = COMMUNE
    PRIMARY KEY (unit, day)
);

-- Criteria sets (bộ tiêu chí), versioned: a PUT adds a new version; the highest is current.
CREATE TABLE criteria_set (
    id         text        NOT NULL,
    version    integer     NOT NULL,
    name       text,
    groups     jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, version)
);
INSERT INTO criteria_set (id, version, name, groups) VALUES ('default-2026', 1, 'Bộ tiêu chí mặc định 2026', '[
  {"name": "Tiến độ giải quyết", "indicators": [{"key": "onestop.onTimeRate", "maxPoints": 30, "fullMarksAt": 1.00}]},
  {"name": "Dịch vụ công trực tuyến", "indicators": [{"key": "onestop.onlineRate", "maxPoints": 15, "fullMarksAt": 0.50},
                                                     {"key": "onestop.fullOnlineRate", "maxPoints": 10, "fullMarksAt": 0.30}]},
  {"name": "Văn bản điện tử", "indicators": [{"key": "docs.signedRate", "maxPoints": 15, "fullMarksAt": 0.90},
                                             {"key": "docs.electronicRate", "maxPoints": 10, "fullMarksAt": 0.90},
                                             {"key": "docs.leaderSignedRate", "maxPoints": 10, "fullMarksAt": 0.80}]},
  {"name": "Họp trực tuyến", "indicators": [{"key": "vc.communeReachRate", "maxPoints": 10, "fullMarksAt": 0.80}]}
]');
