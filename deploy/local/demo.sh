#!/usr/bin/env bash
# The Phú Thọ demo data set (see demo/README.md).
#   demo.sh          - load it once (deterministic; skipped when already loaded), wait until scoring has
#                      counted everything, then start the low-rate live feed in the background
#   demo.sh load     - load (again: harmless, every event id is deterministic and deduplicated)
#   demo.sh lag      - print how many events the scoring consumer still has to count
#   demo.sh stop     - stop the live feed
set -euo pipefail
source "$(dirname "$0")/common.sh"
DEMO_JAR="$ROOT/demo/target/demo.jar"
MARK="$STATE/demo/loaded"
FEED_PID="$STATE/run/demo-feed.pid"
INGEST_URL="${INGEST_URL:-http://127.0.0.1:${INGEST_PORT:-8081}}"
mkdir -p "$STATE/demo" "$STATE/run"

# Sum of the scoring consumer group's lag on egov.events (0 = everything accepted has been counted).
lag() {
  bash "$ROOT/deploy/local/kafka.sh" tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand \
    --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --describe --group egov-scoring 2>/dev/null \
    | awk '$2 == "egov.events" && $6 ~ /^[0-9]+$/ { s += $6 } END { print s + 0 }'
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

case "${1:-start}" in
  start) [ -f "$MARK" ] || load; feed ;;
  load) load ;;
  lag) lag ;;
  stop)
    if [ -f "$FEED_PID" ]; then kill "$(cat "$FEED_PID")" 2>/dev/null || true; rm -f "$FEED_PID"; fi ;;
  *) die "usage: demo.sh [start|load|lag|stop]" ;;
esac
