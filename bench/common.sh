# Sourced by bench/run.sh: settings, the results array and small helpers shared by the bench/*.sh parts.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/deploy/local/common.sh"
OUT="${BENCH_OUT:-$STATE/bench}"; mkdir -p "$OUT"   # BENCH_OUT: raw outputs elsewhere (to try parts of the script)
KAFKA="bash $ROOT/deploy/local/kafka.sh tool"
DEMO="java -Xmx1g -XX:G1HeapRegionSize=4m -jar $ROOT/demo/target/demo.jar"
# a small JVM for the pollers, so that they take little from the run they measure
SMALL_JAVA="java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
TOKENS="$ROOT/deploy/local/token.sh"
QUICK=${BENCH_QUICK:-0}
RECORDS=${BENCH_RECORDS:-2000000}
[ "$QUICK" = 1 ] && RECORDS=200000
WRK_SECONDS=${BENCH_WRK_SECONDS:-20}
# Spool files kept per scale (5,000 events each): all by default; 40 (200,000 events) in quick mode.
SPOOL_FILES=${BENCH_SPOOL_FILES:-}
[ "$QUICK" = 1 ] && SPOOL_FILES=${SPOOL_FILES:-40}
# The partitions of egov.events, read from the script that creates it, so every topic of the bench has as many.
EVENTS_PARTITIONS=$(grep -o '"egov.events [0-9]*' "$ROOT/deploy/local/kafka.sh" | awk '{ print $2 }')
RUN_ID=${RUN_ID:-$(date +%H%M%S)}
declare -A R   # results, by key
CLK_TCK=$(getconf CLK_TCK)

note() { printf '%s\n' "$*" | tee -a "$OUT/log.txt" >&2; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "n/a" }'; }
now() { date +%s.%N; }
per_second() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", n / (b - a) }'; }   # per_second N T0 T1
# slowdown of AFTER against BEFORE, in % (positive = slower)
slowdown() { awk -v b="$1" -v a="$2" 'BEGIN { if (b ~ /^[0-9.]+$/ && a ~ /^[0-9.]+$/ && b > 0) printf "%.1f", (b - a) / b * 100; else print "n/a" }'; }
in_list() { local x; for x in $2; do [ "$x" = "$1" ] && return 0; done; return 1; }   # in_list WORD "LIST"
ensure_tool() {  # ensure_tool COMMAND PACKAGE: installed with apt when missing
  command -v "$1" >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }
}

# psql as the owner of the bench databases; psql_as_postgres for CREATE/DROP DATABASE
psql_q() { local db=$1; shift; PGPASSWORD="$EGOV_DB_PASSWORD" psql -qAtX -h "$PGHOST" -p "$PGPORT" -U "$EGOV_DB_USER" -d "$db" "$@"; }
recreate_db() {
  su postgres -c "psql -q -h $PGHOST -p $PGPORT -d postgres -c 'DROP DATABASE IF EXISTS $1 WITH (FORCE)' -c 'CREATE DATABASE $1 OWNER $EGOV_DB_USER'" >/dev/null
}
drop_db() { su postgres -c "psql -q -h $PGHOST -p $PGPORT -d postgres -c 'DROP DATABASE IF EXISTS $1 WITH (FORCE)'" >/dev/null; }

# ---------- the spool: the batches `demo load` POSTs, written before any clock starts ----------
make_spool() {  # make_spool SCALE DIR YEARS: generated once per scale; cut to SPOOL_FILES batches if set
  local scale=$1 dir=$2 years=$3
  [ -f "$dir/batches.tsv" ] && return 0
  $DEMO spool --out "$dir" --batch 5000 --years "$years" --scale "$scale" > "$OUT/b1-spool-$scale.txt" 2>&1
  if [ -n "$SPOOL_FILES" ] && [ "$(wc -l < "$dir/batches.tsv")" -gt "$SPOOL_FILES" ]; then
    tail -n +"$((SPOOL_FILES + 1))" "$dir/batches.tsv" | cut -f1 | (cd "$dir" && xargs rm -f)
    head -n "$SPOOL_FILES" "$dir/batches.tsv" > "$dir/batches.tsv.new" && mv "$dir/batches.tsv.new" "$dir/batches.tsv"
    note "  spool cut to its first $SPOOL_FILES batches (BENCH_SPOOL_FILES / BENCH_QUICK)"
  fi
}
spool_events() { awk -F'\t' '{ n += $4 } END { print n + 0 }' "$1/batches.tsv"; }
# Average bytes of one event as sent to Kafka: each file is a compact JSON array "[e,e,...]", so its
# size minus the brackets and the commas between its events, over the events.
spool_avg_bytes() {
  local dir=$1 events files bytes
  events=$(spool_events "$dir")
  files=$(wc -l < "$dir/batches.tsv")
  bytes=$(cut -f1 "$dir/batches.tsv" | (cd "$dir" && xargs stat -c %s) | awk '{ s += $1 } END { print s + 0 }')
  awk -v b="$bytes" -v f="$files" -v n="$events" 'BEGIN { printf "%.0f", (b - 2 * f - (n - f)) / n }'
}
# "received resolved": the case events of the spool (what the Kafka Streams peer counts)
spool_case_events() {
  cut -f1 "$1/batches.tsv" | (cd "$1" && xargs cat) \
    | grep -o '"type":"vn\.gov\.egov\.onestop\.case\.re[a-z]*"' \
    | awk '/received/ { a++ } /resolved/ { b++ } END { print a + 0, b + 0 }'
}
