# Shared settings for the deploy/local scripts. Every value can be overridden from the environment.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${EGOV_STATE_DIR:-$ROOT/.local}"          # git-ignored: data, logs, pids, keys
KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-$KAFKA_HOST:$KAFKA_PORT}"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
EGOV_DB="${EGOV_DB:-egov}"
EGOV_DB_USER="${EGOV_DB_USER:-egov}"
EGOV_DB_PASSWORD="${EGOV_DB_PASSWORD:-egov}"
EGOV_DB_READER_PASSWORD="${EGOV_DB_READER_PASSWORD:-egov_reader}"   # reporting-service's role egov_reader
mkdir -p "$STATE"

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# port_open HOST PORT: true when something accepts TCP connections there.
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_for SECONDS DESCRIPTION COMMAND...: poll COMMAND until it succeeds or the deadline passes.
wait_for() {
  local deadline=$(( $(date +%s) + $1 )) what=$2; shift 2
  until "$@"; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.5
  done
}

mvnw() { "$ROOT/mvnw" -q -B "$@"; }
