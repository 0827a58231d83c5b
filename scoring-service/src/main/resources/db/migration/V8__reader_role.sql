-- egov_reader: the role reporting-service logs in as. It may read every table of schema scoring,
-- those created later by the owner included (default privileges), and write none (issue 12).
-- The role itself is cluster-wide: deploy/local/postgres.sh creates it on the local stack (as the
-- superuser), CloudNativePG's managed roles in Kubernetes (password from Secret egov-db-reader).
-- Where it does not exist yet and the migrating role may create roles, it is created here with the
-- password of the Flyway placeholder readerPassword (EGOV_DB_READER_PASSWORD; local default only).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'egov_reader') THEN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
            EXECUTE format('CREATE ROLE egov_reader LOGIN PASSWORD %L', '${readerPassword}');
        ELSE
            RAISE EXCEPTION 'role egov_reader does not exist and % may not create it: create it first (deploy/local/postgres.sh, or the CloudNativePG managed role)', current_user;
        END IF;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA scoring TO egov_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA scoring TO egov_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA scoring GRANT SELECT ON TABLES TO egov_reader;
