#!/usr/bin/env bash
# The fault suite's own PostgreSQL 15 cluster (never the shared server on 5432): data under
# .local/chaos/pg, TCP only on 127.0.0.1:$CHAOS_PGPORT (default 15432), run as the postgres OS user.
#   pg.sh start | stop | kill | status | createdb NAME | wipe
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${CHAOS_STATE_DIR:-$ROOT/.local/chaos}"
DIR="$STATE/pg"
DATA="$DIR/data"
PORT="${CHAOS_PGPORT:-15432}"
BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
[ "$PORT" != 5432 ] || { echo "pg.sh: refusing to manage port 5432 (the shared server)" >&2; exit 1; }

as_pg() {
  if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; else sudo -u postgres "$@"; fi
}

init() {
  mkdir -p "$DIR"
  chown postgres:postgres "$DIR" 2>/dev/null || true
  if [ ! -f "$DATA/PG_VERSION" ]; then
    as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
}

running() { as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

start() {
  init
  running && return 0
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DIR/postgres.log" -w -t 60 \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200" start >/dev/null
  PGPORT=$PORT EGOV_STATE_DIR="$STATE" bash "$ROOT/deploy/local/postgres.sh" start
}

case "${1:-}" in
  start) start ;;
  stop) running && as_pg "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null || true ;;
  kill) [ -f "$DATA/postmaster.pid" ] && kill -9 "$(head -n 1 "$DATA/postmaster.pid")" 2>/dev/null || true ;;
  status) running ;;
  createdb)
    as_pg psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -d postgres \
      -c "CREATE DATABASE \"$2\" OWNER egov" >/dev/null ;;
  wipe) running && as_pg "$BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null || true; rm -rf "$DATA" ;;
  *) echo "usage: pg.sh start|stop|kill|status|createdb NAME|wipe" >&2; exit 2 ;;
esac
