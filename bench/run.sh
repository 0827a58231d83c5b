#!/usr/bin/env bash
# make bench: every benchmark against the local stack, with the raw-tool baselines taken in the same
# run, written to BENCHMARKS.md (machine, commands, raw figures, ratios, date).
# Knobs: BENCH_RECORDS (B0 records, default 2000000), BENCH_SCALES (B5, default "1 4 16"),
#        BENCH_QUICK=1 (smaller everything, to try the script).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/deploy/local/common.sh"
OUT="$STATE/bench"; mkdir -p "$OUT"
KAFKA="bash $ROOT/deploy/local/kafka.sh tool"
DEMO="java -Xmx1g -XX:G1HeapRegionSize=4m -jar $ROOT/demo/target/demo.jar"
TOKENS="$ROOT/deploy/local/token.sh"
RECORDS=${BENCH_RECORDS:-2000000}
[ "${BENCH_QUICK:-0}" = 1 ] && RECORDS=200000
RUN_ID=$(date +%H%M%S)
declare -A R   # results
command -v wrk >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

note() { printf '%s\n' "$*" | tee -a "$OUT/log.txt" >&2; }

# ---------- B0: raw Kafka and PostgreSQL on the same machine, in the same run ----------
b0() {
  local topic="bench.raw.$RUN_ID"
  $KAFKA org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --create \
    --topic "$topic" --partitions 12 --replication-factor 1 >/dev/null
  note "B0 ProducerPerformance: $RECORDS records of 300 B, acks=all linger.ms=5 batch.size=65536 compression lz4"
  $KAFKA org.apache.kafka.tools.ProducerPerformance --topic "$topic" --num-records "$RECORDS" --record-size 300 \
    --throughput -1 --producer-props bootstrap.servers="$KAFKA_BOOTSTRAP_SERVERS" acks=all linger.ms=5 \
    batch.size=65536 compression.type=lz4 enable.idempotence=true > "$OUT/b0-producer.txt" 2>&1
  R[producer]=$(tail -n 1 "$OUT/b0-producer.txt" | sed -E 's/.* ([0-9.]+) records\/sec.*/\1/')
  note "  producer: ${R[producer]} records/s"
  $KAFKA org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --topic "$topic" \
    --messages "$RECORDS" --group "bench-$RUN_ID" > "$OUT/b0-consumer.txt" 2>&1
  R[consumer]=$(awk -F', *' 'NR>1 && NF>5 {print $6}' "$OUT/b0-consumer.txt" | tail -n 1)
  note "  consumer: ${R[consumer]} records/s"
  $KAFKA org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --delete --topic "$topic" >/dev/null || true

  PGPASSWORD="$EGOV_DB_PASSWORD" psql -q -h "$PGHOST" -p "$PGPORT" -U "$EGOV_DB_USER" -d "$EGOV_DB" -c \
    "DROP TABLE IF EXISTS bench_counter; CREATE TABLE bench_counter (unit text, day date, n bigint, PRIMARY KEY (unit, day));"
  note "B0 pgbench: 100-row INSERT ... ON CONFLICT DO UPDATE statements, 4 clients, 20 s"
  PGPASSWORD="$EGOV_DB_PASSWORD" pgbench -n -h "$PGHOST" -p "$PGPORT" -U "$EGOV_DB_USER" -c 4 -j 2 -T "${BENCH_PG_SECONDS:-20}" \
    -f "$ROOT/bench/pgbench-upsert.sql" "$EGOV_DB" > "$OUT/b0-pgbench.txt" 2>&1
  local tps; tps=$(awk '/^tps/ {print $3; exit}' "$OUT/b0-pgbench.txt")
  R[pg_rows]=$(awk -v t="$tps" 'BEGIN { printf "%.0f", t * 100 }')
  note "  pgbench: $tps statements/s = ${R[pg_rows]} rows/s"
  PGPASSWORD="$EGOV_DB_PASSWORD" psql -q -h "$PGHOST" -p "$PGPORT" -U "$EGOV_DB_USER" -d "$EGOV_DB" -c "DROP TABLE bench_counter;"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }


# ---------- the stack under test: its own database and topics, so the demo stack is untouched ----------
BENCH_DB=egov_bench
start_bench_stack() {  # start_bench_stack PREFIX
  local prefix=$1
  bash "$ROOT/deploy/local/demo.sh" stop
  bash "$ROOT/deploy/local/services.sh" stop
  su postgres -c "psql -q -h $PGHOST -p $PGPORT -d postgres -c 'DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)' -c 'CREATE DATABASE $BENCH_DB OWNER $EGOV_DB_USER'" >/dev/null
  bash "$ROOT/deploy/local/kafka.sh" topics "$prefix"
  export EGOV_DB_URL="postgresql://$PGHOST:$PGPORT/$BENCH_DB" EGOV_DB_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB"
  export EGOV_TOPICS_PREFIX="$prefix"
  bash "$ROOT/deploy/local/services.sh" start
  bash "$ROOT/deploy/local/services.sh" wait 180
}

restore_demo_stack() {
  bash "$ROOT/deploy/local/services.sh" stop
  unset EGOV_DB_URL EGOV_DB_JDBC_URL EGOV_TOPICS_PREFIX
  bash "$ROOT/deploy/local/services.sh" start
  bash "$ROOT/deploy/local/services.sh" wait 180
  bash "$ROOT/deploy/local/demo.sh" start
}

wait_counted() {  # wait_counted PREFIX: until the scoring group has committed every offset (one small JVM polls every 500 ms)
  java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$ROOT/demo/target/demo.jar" lag --bootstrap "$KAFKA_BOOTSTRAP_SERVERS" --group egov-scoring --topic "${1}egov.events" --until-zero true >/dev/null
}

rss_sampler() {  # background: max RSS (MB) per service into $OUT/rss-$1.txt
  local tag=$1
  while :; do
    for s in ingest-service scoring-service reporting-service; do
      local pid; pid=$(cat "$STATE/run/$s.pid" 2>/dev/null) || continue
      echo "$s $(ps -o rss= -p "$pid" 2>/dev/null | awk '{printf "%d", $1/1024}')"
    done >> "$OUT/rss-$tag.raw"
    sleep 2
  done
}

max_rss() { awk -v s="$2" '$1 == s && $2 > m { m = $2 } END { print m + 0 }' "$OUT/rss-$1.raw"; }

now() { date +%s.%N; }

# ---------- B1, B2, B4 (and B3 at 1×) at each scale ----------
post_spool() {  # post_spool DIR SCALE LOG: POST the pre-generated batches
  $DEMO load --ingest http://127.0.0.1:8081 --token-cmd "$TOKENS" --threads 4 --years "$3" --scale "$2" \
    --from "$1" > "$4" 2>&1
}

run_scale() {
  local scale=$1 prefix="bench$RUN_ID-$1." years=${BENCH_YEARS:-2020}
  note "== scale ${scale}× (years $years, topics ${prefix}* and ${prefix}e2e.*, database $BENCH_DB)"
  # The batches are generated before any clock starts, as ProducerPerformance's records are:
  # the benchmarks time the platform, not the demo generator.
  local spool="$OUT/spool-$scale"; rm -rf "$spool"
  $DEMO spool --out "$spool" --batch 5000 --years "$years" --scale "$scale" > "$OUT/b1-spool-$scale.txt" 2>&1
  local events; events=$(awk -F'\t' '{ n += $4 } END { print n }' "$spool/batches.tsv")
  R[events_$scale]=$events
  local t0 t1 t2

  # B1: HTTP ingest alone (the scoring consumer is stopped, as no consumer runs during ProducerPerformance).
  start_bench_stack "$prefix"
  bash "$ROOT/deploy/local/services.sh" stop scoring-service
  t0=$(now); post_spool "$spool" "$scale" "$years" "$OUT/b1-load-$scale.txt"; t1=$(now)
  R[b1_$scale]=$(awk -v n="$events" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
  note "  B1 HTTP ingest: $events events accepted at ${R[b1_$scale]} events/s"

  # B2, scoring alone: the consumer starts on the topic B1 filled, into empty tables (JVM start included).
  t0=$(now)
  bash "$ROOT/deploy/local/services.sh" start scoring-service
  wait_counted "$prefix"
  t1=$(now)
  R[b2c_$scale]=$(awk -v n="$events" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
  note "  B2 scoring consumer alone: ${R[b2c_$scale]} events/s"
  bash "$ROOT/deploy/local/kafka.sh" delete-topics "$prefix"

  # B2 end to end: new topics and an empty database, everything running, first POST to every event counted.
  prefix="${prefix}e2e."
  start_bench_stack "$prefix"
  rm -f "$OUT/rss-$scale.raw"; rss_sampler "$scale" & local sampler=$!
  t0=$(now); post_spool "$spool" "$scale" "$years" "$OUT/b2-load-$scale.txt"; t1=$(now)
  wait_counted "$prefix"
  t2=$(now)
  kill "$sampler" 2>/dev/null || true
  rm -rf "$spool"
  R[b2_$scale]=$(awk -v n="$events" -v a="$t0" -v b="$t2" 'BEGIN { printf "%.0f", n / (b - a) }')
  R[b2post_$scale]=$(awk -v n="$events" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
  for s in ingest-service scoring-service reporting-service; do R[rss_${scale}_$s]=$(max_rss "$scale" "$s"); done
  note "  B2 end to end: ${R[b2_$scale]} events/s (first POST to every event counted; POSTs alone ${R[b2post_$scale]} events/s)"

  # B4: a 225-commune league over a year: the first (cold) computation, then warm under wrk.
  local url="http://127.0.0.1:8080/api/v1/rankings?province=PTO&tier=COMMUNE&period=2020"
  R[b4cold_$scale]=$(curl -s -o /dev/null -w '%{time_total}' "$url" | awk '{ printf "%.0f", $1 * 1000 }')
  wrk -t2 -c64 -d"${BENCH_WRK_SECONDS:-20}"s --latency "$url" > "$OUT/b4-wrk-$scale.txt"
  R[b4rps_$scale]=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$OUT/b4-wrk-$scale.txt")
  R[b4p99_$scale]=$(awk '$1 == "99%" { print $2 }' "$OUT/b4-wrk-$scale.txt")
  # The same, asking for gzip as browsers do (the compressed ranking is cached alongside the JSON).
  wrk -t2 -c64 -d"${BENCH_WRK_SECONDS:-20}"s --latency -H "Accept-Encoding: gzip" "$url" > "$OUT/b4-wrk-gzip-$scale.txt"
  R[b4gzrps_$scale]=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$OUT/b4-wrk-gzip-$scale.txt")
  R[b4gzp99_$scale]=$(awk '$1 == "99%" { print $2 }' "$OUT/b4-wrk-gzip-$scale.txt")
  # A cold computation in a service that has served requests before (its JIT warm): a year-long
  # range of the same league that nothing has cached yet.
  R[b4cold2_$scale]=$(curl -s -o /dev/null -w '%{time_total}' "${url%period=*}period=2020-01-02..2020-12-31" | awk '{ printf "%.0f", $1 * 1000 }')
  note "  B4 rankings: cold ${R[b4cold_$scale]} ms (first request of the service), ${R[b4cold2_$scale]} ms (warm service); warm ${R[b4rps_$scale]} requests/s, p99 ${R[b4p99_$scale]}; with gzip ${R[b4gzrps_$scale]} requests/s, p99 ${R[b4gzp99_$scale]}"

  if [ "$scale" = 1 ]; then
    $DEMO freshness --ingest http://127.0.0.1:8081 --reporting http://127.0.0.1:8080 --token-cmd "$TOKENS" \
      --rate 1000 --samples "${BENCH_FRESHNESS_SAMPLES:-200}" > "$OUT/b3-freshness.txt" 2>&1 || true
    R[b3]=$(grep '^freshness' "$OUT/b3-freshness.txt" || echo "failed: see $OUT/b3-freshness.txt")
    note "  B3 ${R[b3]}"
  fi
  bash "$ROOT/deploy/local/kafka.sh" delete-topics "$prefix"
}

b0
SCALES=${BENCH_SCALES:-1 4 16}
[ "${BENCH_QUICK:-0}" = 1 ] && SCALES=1
for sc in $SCALES; do run_scale "$sc"; done
restore_demo_stack

# ---------- BENCHMARKS.md ----------
P=${R[producer]}
{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` (bench/run.sh) on $(date -Is)."
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n 1)."
  echo "Everything below ran in the same run on the same machine; ratios are against the B0 baselines of this run."
  echo
  echo "## B0 baselines"
  echo "| tool | figure |"
  echo "|---|---|"
  echo "| Kafka ProducerPerformance, $RECORDS × 300 B, acks=all, linger.ms=5, batch.size=65536, lz4, 12 partitions | $P records/s |"
  echo "| Kafka ConsumerPerformance, same topic | ${R[consumer]} records/s |"
  echo "| pgbench, 100-row INSERT … ON CONFLICT DO UPDATE, 4 clients | ${R[pg_rows]} rows/s |"
  echo
  echo "## Results"
  echo "| scale | events | B1 HTTP ingest ev/s (× producer; target ≥ 0.25) | B2 end to end ev/s (× producer; target ≥ 0.15) | scoring alone ev/s (× producer; target ≥ 20,000 ev/s) | B4 cold ms: first request of the service / in a warm service (target ≤ 300) | B4 warm req/s (target ≥ 5,000) | B4 p99 (target ≤ 50 ms) | B4 warm with gzip: req/s, p99 | max RSS MB under B2, ingest / scoring / reporting |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for sc in $SCALES; do
    echo "| ${sc}× | ${R[events_$sc]} | ${R[b1_$sc]} ($(ratio "${R[b1_$sc]}" "$P")) | ${R[b2_$sc]} ($(ratio "${R[b2_$sc]}" "$P")) | ${R[b2c_$sc]} ($(ratio "${R[b2c_$sc]}" "$P")) | ${R[b4cold_$sc]} / ${R[b4cold2_$sc]} | ${R[b4rps_$sc]} | ${R[b4p99_$sc]} | ${R[b4gzrps_$sc]}, ${R[b4gzp99_$sc]} | ${R[rss_${sc}_ingest-service]} / ${R[rss_${sc}_scoring-service]} / ${R[rss_${sc}_reporting-service]} |"
  done
  echo
  echo "B3 freshness at a steady 1,000 events/s (target p99 ≤ 250 ms): \`${R[b3]:-not run}\`"
  echo
  echo "Raw outputs of this run: \`.local/bench/\` (git-ignored)."
} > "$OUT/results.md"
if [ -f "$ROOT/BENCHMARKS.md" ] && grep -q '^<!-- analysis -->' "$ROOT/BENCHMARKS.md"; then
  # keep the hand-written analysis below the marker, replace the measured part above it
  { cat "$OUT/results.md"; echo; sed -n '/^<!-- analysis -->/,$p' "$ROOT/BENCHMARKS.md"; } > "$OUT/BENCHMARKS.md"
  mv "$OUT/BENCHMARKS.md" "$ROOT/BENCHMARKS.md"
else
  cp "$OUT/results.md" "$ROOT/BENCHMARKS.md"
fi
note "wrote BENCHMARKS.md"
