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
DEMO="java -Xmx1g -jar $ROOT/demo/target/demo.jar"
TOKENS="$ROOT/deploy/local/token.sh"
RECORDS=${BENCH_RECORDS:-2000000}
[ "${BENCH_QUICK:-0}" = 1 ] && RECORDS=200000
RUN_ID=$(date +%H%M%S)
declare -A R   # results

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

b0
echo "B0 done: ${R[producer]} ${R[consumer]} ${R[pg_rows]}"
