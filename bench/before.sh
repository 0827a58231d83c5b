# Sourced by bench/run.sh: scoring "before" (issues 14 and 15: the SPEC v2 facts must not slow scoring by
# more than 15 %). The scoring-service of BENCH_BEFORE_REF is built in a detached worktree and, in B2
# "scoring alone", replays the same topic after today's scoring, with its own database and consumer group.
# shellcheck shell=bash
BEFORE_REF=${BENCH_BEFORE_REF:-efa0110^}   # the commit before the SPEC 7/8 facts; "none" skips the comparison
BEFORE_SRC="$OUT/before-src"
BEFORE_JAR="$BEFORE_SRC/scoring-service/target/quarkus-app/quarkus-run.jar"
BEFORE_DB=${BENCH_BEFORE_DB:-egov_bench_before}
BEFORE_GROUP=egov-scoring-before   # EGOV_SCORING_GROUP: mp.messaging.incoming.events.group.id of scoring
R[before]=""   # empty: built; otherwise why the comparison was skipped

before_build() {
  if [ "$BEFORE_REF" = none ]; then R[before]="skipped (BENCH_BEFORE_REF=none)"; return 0; fi
  local commit
  if ! commit=$(git -C "$ROOT" rev-parse --verify --quiet "$BEFORE_REF^{commit}"); then
    R[before]="skipped: $BEFORE_REF is not a commit of this repository"; note "before: ${R[before]}"; return 0
  fi
  R[before_commit]=$(git -C "$ROOT" log -1 --format='%h %s' "$commit" | cut -c1-90)
  before_cleanup
  git -C "$ROOT" worktree add --detach "$BEFORE_SRC" "$commit" > "$OUT/before-build.txt" 2>&1
  # package, never install: the ~/.m2 repository is shared
  if ! (cd "$BEFORE_SRC" && ./mvnw -B -q -o -pl scoring-service -am package -DskipTests) >> "$OUT/before-build.txt" 2>&1 \
     || [ ! -f "$BEFORE_JAR" ]; then
    R[before]="skipped: the build of $BEFORE_REF failed (see before-build.txt)"; note "before: ${R[before]}"; return 0
  fi
  note "before: scoring-service of $BEFORE_REF (${R[before_commit]}) built in $BEFORE_SRC"
}

before_cleanup() {
  if [ -d "$BEFORE_SRC" ]; then git -C "$ROOT" worktree remove --force "$BEFORE_SRC" >/dev/null 2>&1 || rm -rf "$BEFORE_SRC"; fi
  git -C "$ROOT" worktree prune 2>/dev/null || true
}

# wait_lag_zero GROUP TOPIC PID TIMEOUT_S: 0 when GROUP has committed all of TOPIC; 1 when PID died or time ran out
wait_lag_zero() {
  local group=$1 topic=$2 pid=$3 deadline=$(( $(date +%s) + $4 )) lag_pid
  $SMALL_JAVA -jar "$ROOT/demo/target/demo.jar" lag --bootstrap "$KAFKA_BOOTSTRAP_SERVERS" --group "$group" \
    --topic "$topic" --until-zero true >/dev/null 2>&1 &
  lag_pid=$!
  while kill -0 "$lag_pid" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      kill "$lag_pid" 2>/dev/null; wait "$lag_pid" 2>/dev/null || true; return 1
    fi
    sleep 0.2
  done
  wait "$lag_pid"
}

# before_run SCALE PREFIX EVENTS: the old scoring replays PREFIXegov.events; R[before_<scale>] = events/s or why not
before_run() {
  local scale=$1 prefix=$2 events=$3 log="$OUT/before-scoring-$1.log" pid t0 t1 ok=0
  [ -z "${R[before]}" ] || return 0
  recreate_db "$BEFORE_DB"
  local opts; read -r -a opts <<<"${EGOV_JAVA_OPTS:--Xmx512m -XX:+UseG1GC -XX:G1HeapRegionSize=4m}"   # as services.sh
  t0=$(now)
  env EGOV_DB_URL="postgresql://$PGHOST:$PGPORT/$BEFORE_DB" EGOV_DB_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BEFORE_DB" \
    EGOV_TOPICS_PREFIX="$prefix" EGOV_SCORING_GROUP="$BEFORE_GROUP" KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" \
    EGOV_JWT_PUBLIC_KEY="${EGOV_JWT_PUBLIC_KEY:-$STATE/keys/public.pem}" EGOV_LOG_JSON=false \
    nohup java "${opts[@]}" -jar "$BEFORE_JAR" > "$log" 2>&1 &
  pid=$!
  # as long as today's scoring may take at 5,000 events/s, at least 10 minutes
  wait_lag_zero "$BEFORE_GROUP" "${prefix}egov.events" "$pid" "$(( events / 5000 > 600 ? events / 5000 : 600 ))" && ok=1
  t1=$(now)
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  if [ "$ok" = 1 ]; then
    R[before_$scale]=$(per_second "$events" "$t0" "$t1")
  else
    R[before_$scale]="failed: $( (grep -m 1 -E 'ERROR|Exception' "$log" || tail -n 1 "$log") | cut -c1-160 | tr '|' '/') (before-scoring-$scale.log)"
  fi
  R[before_errors_$scale]=$(grep -c -E ' ERROR ' "$log" || true)
  note "  B2 scoring alone, before ($BEFORE_REF): ${R[before_$scale]} events/s; ERROR lines in its log: ${R[before_errors_$scale]}"
}
