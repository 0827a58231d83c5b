#!/usr/bin/env bash
# The Phú Thọ demo data set (see demo/README.md).
#   demo.sh          - in the background: load it once (deterministic; skipped when already loaded), wait
#                      until scoring has counted everything, then run the low-rate live feed
#                      (make up returns as soon as the services are up; progress in .local/run/demo.log)
#   demo.sh wait     - wait until the data set is loaded and counted (loads it now if nobody is loading it)
#   demo.sh load     - load in the foreground (again: harmless, every event id is deterministic and deduplicated)
#   demo.sh lag      - print how many events the scoring consumer still has to count
#   demo.sh stop     - stop the live feed
set -euo pipefail
source "$(dirname "$0")/common.sh"
DEMO_JAR="$ROOT/demo/target/demo.jar"
MARK="$STATE/demo/loaded"
FEED_PID="$STATE/run/demo-feed.pid"
LOADER_PID="$STATE/run/demo-loader.pid"
INGEST_URL="${INGEST_URL:-http://127.0.0.1:${INGEST_PORT:-8081}}"
mkdir -p "$STATE/demo" "$STATE/run"

# Sum of the scoring consumer group's lag on egov.events (0 = everything accepted has been counted;
# -1 = a partition with events has no committed offset yet).
lag() {
  java -Xmx128m -jar "$DEMO_JAR" lag --bootstrap "$KAFKA_BOOTSTRAP_SERVERS" --group egov-scoring \
    --topic "${EGOV_TOPICS_PREFIX:-}egov.events"
}

load() {
  [ -f "$DEMO_JAR" ] || die "$DEMO_JAR is missing: build first (make up builds it)"
  log "loading the demo data set into $INGEST_URL (a few minutes the first time)"
  java -Xmx1g -jar "$DEMO_JAR" load --ingest "$INGEST_URL" --token-cmd "$ROOT/deploy/local/token.sh" \
    --threads "${DEMO_THREADS:-4}" --batch 5000
  log "waiting until the scoring service has counted every event"
  local last=-1 now
  while :; do
    now=$(lag)
    [ "$now" = 0 ] && break
    [ "$now" != "$last" ] && log "  $now events still to count"
    last=$now
    sleep 2
  done
  date -Is > "$MARK"
  log "demo data set loaded"
}

feed() {
  if [ -f "$FEED_PID" ] && kill -0 "$(cat "$FEED_PID")" 2>/dev/null; then return; fi
  nohup java -Xmx128m -jar "$DEMO_JAR" feed --ingest "$INGEST_URL" --token-cmd "$ROOT/deploy/local/token.sh" \
    --rate "${DEMO_FEED_RATE:-2}" > "$STATE/run/demo-feed.log" 2>&1 &
  echo $! > "$FEED_PID"
  log "live feed running (pid $(cat "$FEED_PID"), log $STATE/run/demo-feed.log)"
}

loader_running() { [ -f "$LOADER_PID" ] && kill -0 "$(cat "$LOADER_PID")" 2>/dev/null; }

case "${1:-start}" in
  start)
    if [ -f "$MARK" ]; then feed
    elif loader_running; then log "the demo data set is already loading (log: $STATE/run/demo.log)"
    else
      nohup bash "$0" load-then-feed > "$STATE/run/demo.log" 2>&1 &
      echo $! > "$LOADER_PID"
      log "loading the demo data set in the background (3.6 M events, a few minutes on a new machine);"
      log "  progress: tail -f $STATE/run/demo.log; wait for it: deploy/local/demo.sh wait"
    fi ;;
  load-then-feed) load; feed; rm -f "$LOADER_PID" ;;
  wait)
    while loader_running && [ ! -f "$MARK" ]; do sleep 2; done
    [ -f "$MARK" ] || load ;;
  load) load ;;
  lag) lag ;;
  stop)
    if loader_running; then kill "$(cat "$LOADER_PID")" 2>/dev/null || true; pkill -f "demo.jar load" 2>/dev/null || true; rm -f "$LOADER_PID"; fi
    if [ -f "$FEED_PID" ]; then kill "$(cat "$FEED_PID")" 2>/dev/null || true; rm -f "$FEED_PID"; fi ;;
  *) die "usage: demo.sh [start|wait|load|lag|stop]" ;;
esac
