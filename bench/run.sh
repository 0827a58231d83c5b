#!/usr/bin/env bash
# make bench: every benchmark against the local stack, with the raw-tool baselines and the Kafka Streams
# peer taken in the same run, written to BENCHMARKS.md (machine, commands, raw figures, ratios, date).
# Knobs: BENCH_RECORDS (B0 records, default 2000000), BENCH_SCALES (default "1 4 16"),
#        BENCH_PEER_SCALES (the Kafka Streams peer, default "1 16"; PEER_DIR its source),
#        BENCH_BEFORE_REF (scoring before the SPEC v2 facts, default efa0110^; "none" skips it),
#        BENCH_BEFORE_SCALES (default: every scale), BENCH_YEARS (default 2020),
#        BENCH_WRK_SECONDS (20), BENCH_SPOOL_FILES (cut each spool to its first N batches),
#        BENCH_QUICK=1 (smaller everything, to try the script).
# The parts: bench/common.sh (settings, spool), measure.sh (CPU, bytes stored), peer.sh, before.sh,
# reads.sh (B4 leagues, operators' tools), report.sh (BENCHMARKS.md), plot-cost.sh (the SVG).
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH/common.sh"
source "$BENCH/measure.sh"
source "$BENCH/peer.sh"
source "$BENCH/before.sh"
source "$BENCH/reads.sh"
ensure_tool wrk wrk
ensure_tool jq jq
trap before_cleanup EXIT

SCALES=${BENCH_SCALES:-1 4 16}
[ "$QUICK" = 1 ] && SCALES=1
BEFORE_SCALES=${BENCH_BEFORE_SCALES:-$SCALES}
YEARS=${BENCH_YEARS:-2020}
YEAR=$(tr ',' '\n' <<<"$YEARS" | grep -m 1 -E '^[0-9]{4}$' || date +%Y)   # the year the reads ask for

# ---------- B0: raw Kafka and PostgreSQL on the same machine, in the same run ----------
b0() {
  local topic="bench.raw.$RUN_ID"
  $KAFKA org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --create \
    --topic "$topic" --partitions "$EVENTS_PARTITIONS" --replication-factor 1 >/dev/null
  # One ProducerPerformance setting for every ratio (issue 17): records of the spool's average event size.
  R[pp_settings]="$RECORDS × ${R[record_size]} B (the average event of the ${FIRST_SCALE}× spool), acks=all, linger.ms=5, batch.size=65536, lz4, idempotent, $EVENTS_PARTITIONS partitions"
  note "B0 ProducerPerformance: ${R[pp_settings]}"
  $KAFKA org.apache.kafka.tools.ProducerPerformance --topic "$topic" --num-records "$RECORDS" --record-size "${R[record_size]}" \
    --throughput -1 --producer-props bootstrap.servers="$KAFKA_BOOTSTRAP_SERVERS" acks=all linger.ms=5 \
    batch.size=65536 compression.type=lz4 enable.idempotence=true > "$OUT/b0-producer.txt" 2>&1
  R[producer]=$(tail -n 1 "$OUT/b0-producer.txt" | sed -E 's/.* ([0-9.]+) records\/sec.*/\1/')
  note "  producer: ${R[producer]} records/s"
  $KAFKA org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --topic "$topic" \
    --messages "$RECORDS" --group "bench-$RUN_ID" > "$OUT/b0-consumer.txt" 2>&1
  R[consumer]=$(awk -F', *' 'NR>1 && NF>5 {print $6}' "$OUT/b0-consumer.txt" | tail -n 1)
  note "  consumer: ${R[consumer]} records/s"
  $KAFKA org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --delete --topic "$topic" >/dev/null || true

  psql_q "$EGOV_DB" -c "DROP TABLE IF EXISTS bench_counter; CREATE TABLE bench_counter (unit text, day date, n bigint, PRIMARY KEY (unit, day));"
  note "B0 pgbench: 100-row INSERT ... ON CONFLICT DO UPDATE statements, 4 clients, 20 s"
  PGPASSWORD="$EGOV_DB_PASSWORD" pgbench -n -h "$PGHOST" -p "$PGPORT" -U "$EGOV_DB_USER" -c 4 -j 2 -T "${BENCH_PG_SECONDS:-20}" \
    -f "$ROOT/bench/pgbench-upsert.sql" "$EGOV_DB" > "$OUT/b0-pgbench.txt" 2>&1
  local tps; tps=$(awk '/^tps/ {print $3; exit}' "$OUT/b0-pgbench.txt")
  R[pg_rows]=$(awk -v t="$tps" 'BEGIN { printf "%.0f", t * 100 }')
  note "  pgbench: $tps statements/s = ${R[pg_rows]} rows/s"
  psql_q "$EGOV_DB" -c "DROP TABLE bench_counter;"
}

# ---------- the stack under test: its own database and topics, so the demo stack is untouched ----------
BENCH_DB=${BENCH_DB:-egov_bench}
start_bench_stack() {  # start_bench_stack PREFIX
  local prefix=$1
  bash "$ROOT/deploy/local/demo.sh" stop
  bash "$ROOT/deploy/local/services.sh" stop
  recreate_db "$BENCH_DB"
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
  $SMALL_JAVA -jar "$ROOT/demo/target/demo.jar" lag --bootstrap "$KAFKA_BOOTSTRAP_SERVERS" --group egov-scoring --topic "${1}egov.events" --until-zero true >/dev/null
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

# ---------- B1, B2, B4 (and B3, the operators' tools at 1×) at each scale ----------
post_spool() {  # post_spool DIR SCALE YEARS LOG: POST the pre-generated batches
  $DEMO load --ingest http://127.0.0.1:8081 --token-cmd "$TOKENS" --threads 4 --years "$3" --scale "$2" \
    --from "$1" > "$4" 2>&1
}

run_scale() { scale_alone "$1"; scale_end_to_end "$1"; }

# B1 and B2 "scoring alone" (today's, then before the SPEC v2 facts), then the peer on the same spool.
scale_alone() {
  local scale=$1 prefix="bench$RUN_ID-$1."
  note "== scale ${scale}× (years $YEARS, topics ${prefix}* and ${prefix}e2e.*, database $BENCH_DB)"
  # The batches are generated before any clock starts, as ProducerPerformance's records are:
  # the benchmarks time the platform, not the demo generator.
  local spool="$OUT/spool-$scale"
  make_spool "$scale" "$spool" "$YEARS"
  local events; events=$(spool_events "$spool")
  R[events_$scale]=$events
  local t0 t1 t2

  # B1: HTTP ingest alone (the scoring consumer is stopped, as no consumer runs during ProducerPerformance).
  start_bench_stack "$prefix"
  bash "$ROOT/deploy/local/services.sh" stop scoring-service
  t0=$(now); post_spool "$spool" "$scale" "$YEARS" "$OUT/b1-load-$scale.txt"; t1=$(now)
  R[b1_$scale]=$(per_second "$events" "$t0" "$t1")
  note "  B1 HTTP ingest: $events events accepted at ${R[b1_$scale]} events/s"

  # B2, scoring alone: the consumer starts on the topic B1 filled, into empty tables (JVM start included).
  t0=$(now)
  bash "$ROOT/deploy/local/services.sh" start scoring-service
  wait_counted "$prefix"
  t1=$(now)
  R[b2c_$scale]=$(per_second "$events" "$t0" "$t1")
  note "  B2 scoring consumer alone: ${R[b2c_$scale]} events/s"
  # The same replay by the scoring of BENCH_BEFORE_REF (its own database and group), today's stopped first.
  # It runs second, so the topic's pages are in the page cache for it and were not for today's.
  if in_list "$scale" "$BEFORE_SCALES"; then
    bash "$ROOT/deploy/local/services.sh" stop scoring-service
    before_run "$scale" "$prefix" "$events"
  fi
  bash "$ROOT/deploy/local/services.sh" stop
  bash "$ROOT/deploy/local/kafka.sh" delete-topics "$prefix"

  # The Kafka Streams peer on the same spool, the same broker, no service running (as for ProducerPerformance).
  if in_list "$scale" "$PEER_SCALES"; then peer_scale "$scale" "$spool"; fi
}

# B2 end to end and what is measured in its stack: CPU, bytes stored, B4 and its leagues; at 1× the
# operators' tools and B3.
scale_end_to_end() {
  local scale=$1 prefix="bench$RUN_ID-$1.e2e." spool="$OUT/spool-$1" events=${R[events_$1]} t0 t1 t2
  # B2 end to end: new topics and an empty database, everything running, first POST to every event counted.
  start_bench_stack "$prefix"
  rm -f "$OUT/rss-$scale.raw"; rss_sampler "$scale" & local sampler=$!
  cpu_snapshot "$OUT/cpu-$scale.before"
  # the loader in a subshell: its CPU (the demo JVM, a reaped child) is read from the subshell's cutime + cstime
  t0=$(now)
  # ($BASHPID taken first: inside the pipeline it would be the pipeline's own process)
  ( post_spool "$spool" "$scale" "$YEARS" "$OUT/b2-load-$scale.txt"; me=$BASHPID
    sed 's/^.*) //' "/proc/$me/stat" | awk '{ print $14 + $15 }' > "$OUT/cpu-$scale.loader" )
  t1=$(now)
  wait_counted "$prefix"
  t2=$(now)
  cpu_snapshot "$OUT/cpu-$scale.after"
  kill "$sampler" 2>/dev/null || true
  rm -rf "$spool"
  R[b2_$scale]=$(per_second "$events" "$t0" "$t2")
  R[b2post_$scale]=$(per_second "$events" "$t0" "$t1")
  for s in ingest-service scoring-service reporting-service; do R[rss_${scale}_$s]=$(max_rss "$scale" "$s"); done
  note "  B2 end to end: ${R[b2_$scale]} events/s (first POST to every event counted; POSTs alone ${R[b2post_$scale]} events/s)"
  cpu_report "$scale" "$events" "$(awk -v a="$t0" -v b="$t2" 'BEGIN { print b - a }')" \
    "$OUT/cpu-$scale.before" "$OUT/cpu-$scale.after" "$(cat "$OUT/cpu-$scale.loader")"
  db_cost "$scale" "$BENCH_DB" "$events"

  # B4: a 225-commune league over a year: the first (cold) computation, then warm under wrk.
  local url="http://127.0.0.1:8080/api/v1/rankings?province=PTO&tier=COMMUNE&period=$YEAR"
  cold_get "b4-league-$scale" "$url"
  R[b4cold_$scale]=${R[b4-league-${scale}_cold]}
  wrk -t2 -c64 -d"${WRK_SECONDS}"s --latency "$url" > "$OUT/b4-wrk-$scale.txt"
  R[b4rps_$scale]=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$OUT/b4-wrk-$scale.txt")
  R[b4p99_$scale]=$(awk '$1 == "99%" { print $2 }' "$OUT/b4-wrk-$scale.txt")
  # The same, asking for gzip as browsers do (the compressed ranking is cached alongside the JSON).
  wrk -t2 -c64 -d"${WRK_SECONDS}"s --latency -H "Accept-Encoding: gzip" "$url" > "$OUT/b4-wrk-gzip-$scale.txt"
  R[b4gzrps_$scale]=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$OUT/b4-wrk-gzip-$scale.txt")
  R[b4gzp99_$scale]=$(awk '$1 == "99%" { print $2 }' "$OUT/b4-wrk-gzip-$scale.txt")
  # A cold computation in a service that has served requests before (its JIT warm): a year-long
  # range of the same league that nothing has cached yet.
  R[b4cold2_$scale]=$(curl -s -o /dev/null -w '%{time_total}' "${url%period=*}period=$YEAR-01-02..$YEAR-12-31" | awk '{ printf "%.0f", $1 * 1000 }')
  note "  B4 rankings: cold ${R[b4cold_$scale]} ms (first request of the service), ${R[b4cold2_$scale]} ms (warm service); warm ${R[b4rps_$scale]} requests/s, p99 ${R[b4p99_$scale]}; with gzip ${R[b4gzrps_$scale]} requests/s, p99 ${R[b4gzp99_$scale]}"
  # B4 for the structure (today's communes over the year) and the 766 index (the weekly national league).
  leagues "$scale" "$YEAR"

  if [ "$scale" = 1 ]; then
    operators "$YEAR"
    $DEMO freshness --ingest http://127.0.0.1:8081 --reporting http://127.0.0.1:8080 --token-cmd "$TOKENS" \
      --rate 1000 --samples "${BENCH_FRESHNESS_SAMPLES:-200}" > "$OUT/b3-freshness.txt" 2>&1 || true
    R[b3]=$(grep '^freshness' "$OUT/b3-freshness.txt" || echo "failed: see $OUT/b3-freshness.txt")
    note "  B3 ${R[b3]}"
  fi
  bash "$ROOT/deploy/local/kafka.sh" delete-topics "$prefix"
}

main() {
  # Built before any clock starts: the peer, and scoring as it was before the SPEC v2 facts.
  peer_build
  before_build
  # The first scale's spool comes first: B0's ProducerPerformance sends records of its average event size.
  FIRST_SCALE=${SCALES%% *}
  make_spool "$FIRST_SCALE" "$OUT/spool-$FIRST_SCALE" "$YEARS"
  R[record_size]=$(spool_avg_bytes "$OUT/spool-$FIRST_SCALE")
  b0
  for sc in $SCALES; do run_scale "$sc"; done
  drop_db "$BEFORE_DB"
  restore_demo_stack
  before_cleanup
  source "$BENCH/report.sh"
}

# BENCH_SOURCE_ONLY=1: define everything and run nothing (to try one part at a time)
[ "${BENCH_SOURCE_ONLY:-0}" = 1 ] || main
