#!/usr/bin/env bash
# A/B benchmark of the scoring consumer alone (issue 17): the same events, already on a topic, are
# counted by one or more builds of scoring-service, alternately, each into an empty database of its
# own; each run is timed from the JVM's start to zero lag of its consumer group (every offset
# committed, so every event counted). Leaves ingest out (bench/SpoolLoader.java writes the spool
# straight to the topic, as ingest publishes it). Does not touch the stack's topics or database.
#
#   bench/scoring-ab.sh load                      topics PREFIX* and the spool onto PREFIXegov.events
#   bench/scoring-ab.sh run LABEL=APPDIR ...      ROUNDS rounds of every variant, alternating (A B A B)
#   bench/scoring-ab.sh peer                      the Kafka Streams peer on the same topic (both guarantees)
#   bench/scoring-ab.sh clean                     delete the topics and databases
#
# APPDIR: a copy of a build's scoring-service/target/quarkus-app (copy it: the next build overwrites it).
# Settings (environment): SPOOL (/tmp/hperf-spool: java -jar demo/target/demo.jar spool --out DIR
# --batch 5000 --years 2020 --scale 1), PREFIX (hperf.), ROUNDS (2), PORT (18282), DB (egov_hperf),
# JAVA_EXTRA (added JVM options, e.g. a JFR recording; JAVA_EXTRA_<LABEL> for one variant), PG_LOG (1: log every statement's duration), PEER (a built copy of ../shared/peers/kstreams-peer),
# OUT (/tmp/hperf-results.tsv, one line per run).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SPOOL=${SPOOL:-/tmp/hperf-spool}
PREFIX=${PREFIX:-hperf.}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-18282}
DB=${DB:-egov_hperf}
OUT=${OUT:-/tmp/hperf-results.tsv}
BOOTSTRAP=${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}
KLIB="$ROOT/.local/kafka/lib"
TOPIC="${PREFIX}egov.events"
JAVA_OPTS="-Xmx512m -XX:+UseG1GC -XX:G1HeapRegionSize=4m"   # as deploy/local/services.sh

psql_su() { su postgres -c "psql -q -h 127.0.0.1 -d postgres $*" >/dev/null; }
count() { PGPASSWORD=egov psql -h 127.0.0.1 -U egov -d "$DB" -Atc "$1"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }  # utime + stime, in clock ticks
lag_zero() {
  java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$ROOT/demo/target/demo.jar" lag \
    --bootstrap "$BOOTSTRAP" --group "$1" --topic "$TOPIC" --until-zero true >/dev/null
}

load() {
  [ -d "$SPOOL" ] || { echo "no spool at $SPOOL (see the header)" >&2; exit 1; }
  bash "$ROOT/deploy/local/kafka.sh" topics "$PREFIX"
  java -cp "$KLIB/*" "$ROOT/bench/SpoolLoader.java" "$SPOOL" "$TOPIC" "$BOOTSTRAP"
}

# one_run LABEL APPDIR ROUND: prints label, round, events/s, seconds, counted, JVM CPU s, PostgreSQL CPU s.
one_run() {
  local label=$1 app=$2 round=$3 group="hperf-$1-$3-$(date +%s)"
  psql_su -c "'DROP DATABASE IF EXISTS $DB WITH (FORCE)'" -c "'CREATE DATABASE $DB OWNER egov'"
  if [ -n "${PG_LOG:-}" ]; then  # every statement's duration in the server log (no parameters): the profile
    psql_su -c "'ALTER DATABASE $DB SET log_min_duration_statement = 0'" -c "'ALTER DATABASE $DB SET log_parameter_max_length = 0'"
  fi
  local log="/tmp/hperf-$label-$round.log" t0 t1 pid
  t0=$(date +%s.%N)
  EGOV_TOPICS_PREFIX="$PREFIX" EGOV_SCORING_GROUP="$group" QUARKUS_HTTP_PORT="$PORT" \
  EGOV_DB_URL="postgresql://127.0.0.1:5432/$DB" EGOV_DB_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
  EGOV_JWT_PUBLIC_KEY="$ROOT/.local/keys/public.pem" KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP" EGOV_LOG_JSON=false \
    java $JAVA_OPTS ${JAVA_EXTRA:-} $(eval echo "\${JAVA_EXTRA_$label:-}") -jar "$app/quarkus-run.jar" > "$log" 2>&1 &
  pid=$!
  lag_zero "$group"
  t1=$(date +%s.%N)
  # CPU of the JVM and of the database sessions of this run (its pool's backends), before they end.
  local jcpu pcpu=0 b
  jcpu=$(cpu_ticks "$pid")
  for b in $(count "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()"); do
    pcpu=$((pcpu + $(cpu_ticks "$b")))
  done
  local counted
  # Events counted: the dedupe keys (seen_key from V9 on, seen_event before it).
  counted=$(count "SELECT count(*) FROM scoring.$(count "SELECT coalesce(to_regclass('scoring.seen_key')::text, 'scoring.seen_event')" | sed 's/^scoring\.//')")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  bash "$ROOT/deploy/local/kafka.sh" tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand \
    --bootstrap-server "$BOOTSTRAP" --delete --group "$group" >/dev/null 2>&1 || true
  local tck; tck=$(getconf CLK_TCK)
  awk -v l="$label" -v r="$round" -v t0="$t0" -v t1="$t1" -v n="$counted" -v j="$jcpu" -v p="$pcpu" -v k="$tck" \
    'BEGIN { s = t1 - t0; printf "%s\t%d\t%.0f\t%.1f\t%d\t%.1f\t%.1f\n", l, r, n / s, s, n, j / k, p / k }'
}

run() {
  [ $# -gt 0 ] || { echo "usage: scoring-ab.sh run LABEL=APPDIR ..." >&2; exit 64; }
  printf 'label\tround\tevents/s\tseconds\tcounted\tjvm_cpu_s\tpg_cpu_s\n'
  local r v line
  for r in $(seq 1 "$ROUNDS"); do
    for v in "$@"; do
      line=$(one_run "${v%%=*}" "${v#*=}" "$r")
      echo "$line"; echo "$(date -Iseconds)	$line" >> "$OUT"
    done
  done
  echo "medians (events/s):"
  for v in "$@"; do
    grep -P "^\S+\t${v%%=*}\t" "$OUT" | tail -n "$ROUNDS" | cut -f4 | sort -n |
      awk -v l="${v%%=*}" '{a[NR] = $1} END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; print "  " l ": " m }'
  done
}

peer() {
  [ -n "${PEER:-}" ] || { echo "PEER=path of a built kstreams-peer copy" >&2; exit 64; }
  local cp="$PEER/target/kstreams-peer-1.0.jar:$PEER/target/lib/*" g
  for g in exactly_once_v2 at_least_once; do
    java -Xmx512m -cp "$cp" peer.PeerApp --bootstrap "$BOOTSTRAP" --topic "$TOPIC" --guarantee "$g" \
      --state-dir "/tmp/hperf-peer-state-$g" 2>"/tmp/hperf-peer-$g.log" | tee -a "/tmp/hperf-peer.jsonl"
  done
}

clean() {
  bash "$ROOT/deploy/local/kafka.sh" delete-topics "$PREFIX"
  psql_su -c "'DROP DATABASE IF EXISTS $DB WITH (FORCE)'"
}

case "${1:-}" in
  load) load ;;
  run) shift; run "$@" ;;
  peer) peer ;;
  clean) clean ;;
  *) sed -n '2,20p' "$0"; exit 64 ;;
esac
