#!/usr/bin/env bash
# PostgreSQL for the local stack: reuse a server that accepts connections; else start the
# installed Debian cluster; else install it with apt. Then create the egov role and databases.
#   postgres.sh start | clean (drop the project's databases)
set -euo pipefail
source "$(dirname "$0")/common.sh"

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" = 0 ]; then su postgres -c "$(printf '%q ' "$@")"; else sudo -u postgres "$@"; fi
}

ensure_server() {
  if pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
    return
  fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    log "PostgreSQL is not installed: installing it with apt"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  fi
  local version; version=$(ls /etc/postgresql | sort -V | tail -n 1)
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || [ $? -eq 2 ]
  wait_for 30 postgres pg_isready -q -h "$PGHOST" -p "$PGPORT" || die "PostgreSQL did not accept connections"
}

ensure_databases() {
  as_postgres psql -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -d postgres <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$EGOV_DB_USER') THEN
    CREATE ROLE "$EGOV_DB_USER" LOGIN PASSWORD '$EGOV_DB_PASSWORD';
  END IF;
  -- reporting-service's read-only role (SELECT granted by migration V8 of scoring-service).
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'egov_reader') THEN
    CREATE ROLE egov_reader LOGIN PASSWORD '$EGOV_DB_READER_PASSWORD';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE "$EGOV_DB" OWNER "$EGOV_DB_USER"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$EGOV_DB')\gexec
SELECT 'CREATE DATABASE "${EGOV_DB}_test" OWNER "$EGOV_DB_USER"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${EGOV_DB}_test')\gexec
SQL
}

# Server settings the platform relies on; all apply on reload, no restart.
# - max_wal_size, checkpoint_timeout: the scoring consumer writes continuously. With Debian's
#   defaults a replay checkpoints every few seconds, and the first change to each page after a
#   checkpoint writes the whole page to the WAL again.
# - autovacuum on: some images turn it off; without it the upserted counter tables keep every dead
#   row version and the planner never gets statistics.
# - jit off, no parallel workers: the reporting queries run for tens of milliseconds; compiling them
#   (JIT) or starting parallel workers cost more than the query (a 225-commune year: 400 ms with
#   them, 30 ms without, BENCHMARKS.md), and on a small machine the cores are the services'.
tune() {
  as_postgres psql -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -d postgres \
    -c "ALTER SYSTEM SET max_wal_size = '${EGOV_PG_MAX_WAL_SIZE:-4GB}'" \
    -c "ALTER SYSTEM SET checkpoint_timeout = '${EGOV_PG_CHECKPOINT_TIMEOUT:-15min}'" \
    -c "ALTER SYSTEM SET autovacuum = on" \
    -c "ALTER SYSTEM SET jit = off" \
    -c "ALTER SYSTEM SET max_parallel_workers_per_gather = 0" \
    -c "SELECT pg_reload_conf()" >/dev/null || log "could not tune PostgreSQL (not a superuser?): keeping its settings"
}

case "${1:-start}" in
  start)
    command -v pg_isready >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
    ensure_server
    ensure_databases
    tune
    log "PostgreSQL ready on $PGHOST:$PGPORT, databases $EGOV_DB and ${EGOV_DB}_test"
    ;;
  clean)
    ensure_server
    as_postgres psql -q -h "$PGHOST" -p "$PGPORT" -d postgres -c "DROP DATABASE IF EXISTS \"$EGOV_DB\" WITH (FORCE)" -c "DROP DATABASE IF EXISTS \"${EGOV_DB}_test\" WITH (FORCE)" >/dev/null
    log "dropped databases $EGOV_DB and ${EGOV_DB}_test"
    ;;
  *) die "usage: postgres.sh start|clean" ;;
esac
