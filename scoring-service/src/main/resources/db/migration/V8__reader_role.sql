-- egov_reader: the role reporting-service logs in as. It may read every table of schema scoring,
-- those created later by the owner included (default privileges), and write none (issue 12).
-- The role is cluster-wide and holds a password, so it is made outside the migrations:
-- deploy/local/postgres.sh creates it on the local stack (as the superuser), CloudNativePG's managed
-- roles in Kubernetes (password from Secret egov-db-reader). Where it is still missing and the
-- migrating role may create roles, it is created here without login; an operator then gives it one
-- (ALTER ROLE egov_reader LOGIN PASSWORD '...'). No password is ever in a migration.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'egov_reader') THEN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
            CREATE ROLE egov_reader NOLOGIN;
        ELSE
            RAISE EXCEPTION 'role egov_reader does not exist and % may not create it: create it first (deploy/local/postgres.sh, or the CloudNativePG managed role)', current_user;
        END IF;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA scoring TO egov_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA scoring TO egov_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA scoring GRANT SELECT ON TABLES TO egov_reader;
