# Sourced by bench/run.sh: the Kafka Streams peer of issue 17 (../shared/peers/kstreams-peer), built from
# a copy of its source and run on the same broker, fed the same spool as the scoring consumer.
# shellcheck shell=bash
PEER_DIR=${PEER_DIR:-$ROOT/../shared/peers/kstreams-peer}
PEER_SRC="$OUT/peer-src"
PEER_CP="$PEER_SRC/target/kstreams-peer-1.0.jar:$PEER_SRC/target/lib/*"
PEER_SCALES=${BENCH_PEER_SCALES:-1 16}
PEER_HEAP=${BENCH_PEER_HEAP:-512m}   # as the peer's own bench.sh (HEAP) and our services (-Xmx512m)
R[peer]=""   # empty: built; otherwise why the peer was skipped

peer_build() {
  if [ ! -f "$PEER_DIR/pom.xml" ]; then
    R[peer]="skipped: no peer at $PEER_DIR (set PEER_DIR)"; note "peer: ${R[peer]}"; return 0
  fi
  rm -rf "$PEER_SRC"; mkdir -p "$PEER_SRC"
  cp -r "$PEER_DIR/pom.xml" "$PEER_DIR/src" "$PEER_SRC/"
  # offline first; the first build needs kafka-streams from Maven Central
  if ! "$ROOT/mvnw" -B -q -o -f "$PEER_SRC/pom.xml" package > "$OUT/peer-build.txt" 2>&1 \
     && ! "$ROOT/mvnw" -B -q -f "$PEER_SRC/pom.xml" package >> "$OUT/peer-build.txt" 2>&1; then
    R[peer]="skipped: the build failed (see peer-build.txt)"; note "peer: ${R[peer]}"; return 0
  fi
  note "peer: built from $PEER_DIR into $PEER_SRC"
}

peer_delete() {  # the peer's topics and groups of this run (its changelog topics are named after the app id)
  $KAFKA org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --delete --if-exists \
    --topic "bench$RUN_ID-peer-.*" >/dev/null 2>&1 || true
  local g; for g in "$@"; do
    $KAFKA org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" \
      --delete --group "$g" >/dev/null 2>&1 || true
  done
}

# peer_scale SCALE SPOOL: load the spool into a fresh topic, run the peer under both guarantees.
# R[peer_<g>_<scale>] = "eventsPerSec|steadyEventsPerSec|peakRssMiB|cpuSec|verdict", g = eos | alos
peer_scale() {
  local scale=$1 spool=$2 topic="bench$RUN_ID-peer-$1.events" g tag app line groups=() received resolved cases
  [ -z "${R[peer]}" ] || return 0
  read -r received resolved < <(spool_case_events "$spool")
  cases=$(( received + resolved ))
  R[spool_received_$scale]=$received; R[spool_resolved_$scale]=$resolved
  note "  peer: loading the spool into $topic ($EVENTS_PARTITIONS partitions; ${R[spool_received_$scale]} case.received, ${R[spool_resolved_$scale]} case.resolved in it)"
  if ! java "-Xmx$PEER_HEAP" -cp "$PEER_CP" peer.Loader --bootstrap "$KAFKA_BOOTSTRAP_SERVERS" --input "$spool" \
       --topic "$topic" --partitions "$EVENTS_PARTITIONS" > "$OUT/peer-load-$scale.txt" 2> "$OUT/peer-load-$scale.err"; then
    R[peer_eos_$scale]="n/a|n/a|n/a|n/a|loading failed (peer-load-$scale.err)"; R[peer_alos_$scale]=${R[peer_eos_$scale]}
    peer_delete; return 0
  fi
  for g in exactly_once_v2 at_least_once; do
    case $g in exactly_once_v2) tag=eos ;; *) tag=alos ;; esac
    app="bench$RUN_ID-peer-$tag-$scale"; groups+=("$app")
    WORK="$OUT/peer-work" java "-Xmx$PEER_HEAP" -cp "$PEER_CP" peer.PeerApp --bootstrap "$KAFKA_BOOTSTRAP_SERVERS" \
      --topic "$topic" --guarantee "$g" --app-id "$app" --state-dir "$OUT/peer-work/state/$app" --threads 2 --timeout-ms 3600000 \
      --dump "$OUT/peer-counters-$tag-$scale.json" > "$OUT/peer-$tag-$scale.txt" 2> "$OUT/peer-$tag-$scale.err" || true
    line=$(grep '^{' "$OUT/peer-$tag-$scale.txt" | tail -n 1)
    if [ -z "$line" ]; then
      R[peer_${tag}_$scale]="n/a|n/a|n/a|n/a|no result (peer-$tag-$scale.err)"
    else
      R[peer_${tag}_$scale]=$(jq -r '[.eventsPerSec, .steadyEventsPerSec, .peakRssMiB, .cpuSec,
          (if .complete then "" else "INCOMPLETE: " + (.failure // "") + "; " end)
          + "\(.received) received, \(.resolved) resolved, \(.late) late in \(.units) units; \(.ignored) other types ignored, \(.invalid) invalid, \(.duplicates) duplicates, \(.repeated) repeated (corrections the peer leaves out)"]
          | map(tostring) | join("|")' <<<"$line")
      # The peer must take every case event of the spool as one (same type names) and find its fields
      # (data.caseId, time): records not ignored = the spool's case events, and none invalid.
      local taken invalid; taken=$(jq -r '.processed - .ignored' <<<"$line"); invalid=$(jq -r '.invalid' <<<"$line")
      if [ "$taken" != "$cases" ] || [ "$invalid" != 0 ]; then
        R[peer_${tag}_$scale]+="; MISMATCH: the peer took $taken case events ($invalid invalid), the spool has $cases"
      fi
    fi
    note "  peer $g: ${R[peer_${tag}_$scale]}"
  done
  rm -rf "$OUT/peer-work"
  peer_delete "${groups[@]}"
}
