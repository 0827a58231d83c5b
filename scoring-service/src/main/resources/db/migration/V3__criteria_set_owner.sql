-- Who may replace a criteria set: NULL for a set shared by every province (default-2026 and any
-- set a national admin created), else the province whose admin created it (SPEC 4; issue 11).
ALTER TABLE criteria_set ADD COLUMN owner_province text;
