#!/usr/bin/env bash
# Starts and stops the three services as background processes (pid and log files in .local/run).
#   services.sh start [SERVICE...]   - start those not already answering on their port
#   services.sh wait [SECONDS]       - wait until every health endpoint is UP (log tail on failure)
#   services.sh stop [SERVICE...]    - stop what this script started
#   services.sh status
set -euo pipefail
source "$(dirname "$0")/common.sh"

RUN="$STATE/run"
mkdir -p "$RUN"
ALL=(ingest-service scoring-service reporting-service)

# 4 MB G1 regions: a 5,000-event request body (about 1.5 MB) or a Kafka fetch buffer is then an
# ordinary young object, not a "humongous" one; with 1 MB regions every such allocation forced a
# collection, and HTTP ingest ran 2.5 times slower (BENCHMARKS.md).
JAVA_DEFAULTS="-Xmx512m -XX:+UseG1GC -XX:G1HeapRegionSize=4m"

port_of() {
  case "$1" in
    reporting-service) echo "${REPORTING_PORT:-8080}" ;;
    ingest-service) echo "${INGEST_PORT:-8081}" ;;
    scoring-service) echo "${SCORING_PORT:-8082}" ;;
    *) die "unknown service $1" ;;
  esac
}

healthy() { curl -fsS "http://127.0.0.1:$(port_of "$1")/q/health/ready" >/dev/null 2>&1; }

start_one() {
  local svc=$1 port jar pidfile
  port=$(port_of "$svc")
  jar="$ROOT/$svc/target/quarkus-app/quarkus-run.jar"
  pidfile="$RUN/$svc.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    log "$svc already running (pid $(cat "$pidfile"))"; return
  fi
  if port_open 127.0.0.1 "$port"; then
    log "$svc: port $port is already in use, assuming it is running"; return
  fi
  [ -f "$jar" ] || die "$jar is missing: build first (make up builds it)"
  log "starting $svc on port $port (log: $RUN/$svc.log)"
  EGOV_JWT_PUBLIC_KEY="${EGOV_JWT_PUBLIC_KEY:-$STATE/keys/public.pem}" \
  KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" \
  EGOV_LOG_JSON="${EGOV_LOG_JSON:-false}" \
    nohup java ${EGOV_JAVA_OPTS:-$JAVA_DEFAULTS} -jar "$jar" > "$RUN/$svc.log" 2>&1 &
  echo $! > "$pidfile"
}

wait_healthy() {
  local timeout=${1:-120} svc
  for svc in "${ALL[@]}"; do
    if ! wait_for "$timeout" "$svc" healthy "$svc"; then
      log "$svc did not become ready within ${timeout}s; health says:"
      curl -sS "http://127.0.0.1:$(port_of "$svc")/q/health" >&2 || true
      echo >&2
      log "last lines of $RUN/$svc.log:"
      tail -n 60 "$RUN/$svc.log" >&2 || true
      return 1
    fi
  done
}

stop_one() {
  local svc=$1 pidfile="$RUN/$1.pid" pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $svc (pid $pid)"
    kill "$pid"
    wait_for 30 "$svc stop" bash -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

cmd=${1:-status}; shift || true
[ $# -gt 0 ] && svcs=("$@") || svcs=("${ALL[@]}")
case "$cmd" in
  start) for s in "${svcs[@]}"; do start_one "$s"; done ;;
  wait) wait_healthy "${svcs[0]:-120}" ;;
  stop) for s in "${svcs[@]}"; do stop_one "$s"; done ;;
  # The e2e build starts what is not running and afterwards stops only what it started itself.
  start-for-tests)
    : > "$RUN/started-for-tests"
    for s in "${ALL[@]}"; do
      healthy "$s" || port_open 127.0.0.1 "$(port_of "$s")" || { start_one "$s"; echo "$s" >> "$RUN/started-for-tests"; }
    done
    wait_healthy 180 ;;
  stop-for-tests)
    [ -f "$RUN/started-for-tests" ] && while read -r s; do stop_one "$s"; done < "$RUN/started-for-tests"
    rm -f "$RUN/started-for-tests" ;;
  status) for s in "${ALL[@]}"; do healthy "$s" && echo "$s UP" || echo "$s DOWN"; done ;;
  *) die "usage: services.sh start|wait|stop|status|start-for-tests|stop-for-tests [SERVICE...]" ;;
esac
