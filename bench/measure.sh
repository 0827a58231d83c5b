# Sourced by bench/run.sh: CPU per component from /proc (issue 17 part 2) and bytes stored per event (part 4).
# shellcheck shell=bash

# utime + stime of one process, in clock ticks (fields 14 and 15 of /proc/PID/stat; the command name,
# field 2, is skipped by cutting at its closing parenthesis); empty when the process is gone
proc_ticks() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

# Every PostgreSQL process's utime + stime, plus the postmaster's cutime + cstime: the CPU of the
# backends that have exited (each connection is a process, reaped by the postmaster). This is the
# whole server: other databases' work on this shared machine is included.
pg_ticks() {
  cat /proc/[0-9]*/stat 2>/dev/null | awk '
    { pid = $1; comm = $2; sub(/^.*\) /, ""); comm_of[pid] = comm; ppid[pid] = $2
      own[pid] = $12 + $13; children[pid] = $14 + $15 }
    END { for (p in comm_of) if (comm_of[p] == "(postgres)") {
            t += own[p]; if (comm_of[ppid[p]] != "(postgres)") t += children[p] }
          print t + 0 }'
}

# The broker: whatever listens on the Kafka port (ss), else the pid file kafka.sh writes
broker_pid() {
  local pid
  pid=$(ss -ltnpH "sport = :$KAFKA_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
  [ -n "$pid" ] || pid=$(cat "$STATE/kafka/kafka.pid" 2>/dev/null || true)
  echo "$pid"
}

CPU_PARTS="ingest-service scoring-service reporting-service broker postgresql"
cpu_snapshot() {  # cpu_snapshot FILE: "part ticks" lines
  local s
  {
    for s in ingest-service scoring-service reporting-service; do
      echo "$s $(proc_ticks "$(cat "$STATE/run/$s.pid" 2>/dev/null)")"
    done
    echo "broker $(proc_ticks "$(broker_pid)")"
    echo "postgresql $(pg_ticks)"
  } > "$1"
}

# cpu_report SCALE EVENTS SECONDS BEFORE AFTER [LOADER_TICKS]: R[cpu_<scale>_<part>] = "seconds|µs per event|cores"
cpu_report() {
  local scale=$1 events=$2 secs=$3 before=$4 after=$5 loader=${6:-} part b a
  for part in $CPU_PARTS loader; do
    if [ "$part" = loader ]; then b=0; a=$loader; else
      b=$(awk -v p="$part" '$1 == p { print $2 }' "$before"); a=$(awk -v p="$part" '$1 == p { print $2 }' "$after")
    fi
    if [ -z "$a" ] || [ -z "$b" ]; then R[cpu_${scale}_$part]="n/a|n/a|n/a"; continue; fi
    R[cpu_${scale}_$part]=$(awk -v a="$a" -v b="$b" -v hz="$CLK_TCK" -v n="$events" -v s="$secs" \
      'BEGIN { c = (a - b) / hz; printf "%.1f|%.1f|%.2f", c, c * 1e6 / n, c / s }')
  done
  note "  CPU per event (s | µs/event | cores): $(for part in $CPU_PARTS loader; do printf '%s %s; ' "$part" "${R[cpu_${scale}_$part]}"; done)"
}

# db_cost SCALE DB EVENTS: database size / event, and the largest relations into a raw file
db_cost() {
  local scale=$1 db=$2 events=$3 bytes
  bytes=$(psql_q "$db" -c "SELECT pg_database_size(current_database())")
  R[dbbytes_$scale]=$bytes
  R[bpe_$scale]=$(awk -v b="$bytes" -v n="$events" 'BEGIN { printf "%.0f", b / n }')
  psql_q "$db" -F $'\t' -c "SELECT n.nspname || '.' || c.relname, CASE c.relkind WHEN 'i' THEN 'index' ELSE 'table' END,
      pg_relation_size(c.oid), pg_size_pretty(pg_relation_size(c.oid))
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relkind IN ('r', 'i', 'p', 'm')
    ORDER BY pg_relation_size(c.oid) DESC LIMIT 40" > "$OUT/sizes-$scale.tsv"
  R[dbtop_$scale]=$(head -n 3 "$OUT/sizes-$scale.tsv" | awk -F'\t' '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $4 }')
  note "  stored: $bytes bytes = ${R[bpe_$scale]} bytes/event; largest: ${R[dbtop_$scale]} (all: $OUT/sizes-$scale.tsv)"
}
