# Sourced at the end of bench/run.sh: the measured part of BENCHMARKS.md (above <!-- analysis -->) and
# docs/bench/cost-growth.svg, from the results in R.
# shellcheck shell=bash
field() { cut -d'|' -f"$2" <<<"$1"; }   # field "a|b|c" N

P=${R[producer]}
# cost growth: one line per scale for the plot (scale, events, bytes per event, scoring alone ev/s, end to end ev/s)
: > "$OUT/cost-growth.tsv"
for sc in $SCALES; do
  printf '%s\t%s\t%s\t%s\t%s\n' "$sc" "${R[events_$sc]}" "${R[bpe_$sc]:-0}" "${R[b2c_$sc]:-0}" "${R[b2_$sc]:-0}" >> "$OUT/cost-growth.tsv"
done
mkdir -p "$ROOT/docs/bench"
bash "$ROOT/bench/plot-cost.sh" "$OUT/cost-growth.tsv" > "$ROOT/docs/bench/cost-growth.svg"

{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` (bench/run.sh) on $(date -Is)$([ "$QUICK" = 1 ] && echo ", **quick mode (BENCH_QUICK=1): small inputs, figures not comparable**")."
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n 1)."
  echo "Everything below ran in the same run on the same machine; ratios are against the B0 baselines of this run."
  [ -n "$SPOOL_FILES" ] && echo "Each spool was cut to its first $SPOOL_FILES batches (BENCH_SPOOL_FILES)."
  echo
  echo "## B0 baselines"
  echo "| tool | figure |"
  echo "|---|---|"
  echo "| Kafka ProducerPerformance, ${R[pp_settings]} (the one producer setting every ratio below uses) | $P records/s |"
  echo "| Kafka ConsumerPerformance, same topic | ${R[consumer]} records/s |"
  echo "| pgbench, 100-row INSERT … ON CONFLICT DO UPDATE, 4 clients | ${R[pg_rows]} rows/s |"
  echo
  echo "## Results"
  echo "| scale | events | B1 HTTP ingest ev/s (× producer; target ≥ 0.25) | B2 end to end ev/s (× producer; target ≥ 0.25 at 1×) | scoring alone ev/s (× producer; target ≥ 20,000 ev/s) | B4 cold ms: first request of the service / in a warm service (target ≤ 300) | B4 warm req/s (target ≥ 5,000) | B4 p99 (target ≤ 50 ms) | B4 warm with gzip: req/s, p99 | max RSS MB under B2, ingest / scoring / reporting |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for sc in $SCALES; do
    echo "| ${sc}× | ${R[events_$sc]} | ${R[b1_$sc]} ($(ratio "${R[b1_$sc]}" "$P")) | ${R[b2_$sc]} ($(ratio "${R[b2_$sc]}" "$P")) | ${R[b2c_$sc]} ($(ratio "${R[b2c_$sc]}" "$P")) | ${R[b4cold_$sc]} / ${R[b4cold2_$sc]} | ${R[b4rps_$sc]} | ${R[b4p99_$sc]} | ${R[b4gzrps_$sc]}, ${R[b4gzp99_$sc]} | ${R[rss_${sc}_ingest-service]} / ${R[rss_${sc}_scoring-service]} / ${R[rss_${sc}_reporting-service]} |"
  done
  echo
  echo "B3 freshness at a steady 1,000 events/s (target p99 ≤ 250 ms): \`${R[b3]:-not run}\`"
  echo

  echo "## Scoring alone against the Kafka Streams peer (issue 17)"
  if [ -n "${R[peer]}" ]; then
    echo "Peer ${R[peer]}."
  else
    echo "The peer (\`kstreams-peer\`, built from \`${PEER_DIR}\`) read the same spool, loaded by its \`peer.Loader\` into a fresh topic of $EVENTS_PARTITIONS partitions on the same broker, with no service running; 2 stream threads, \`-Xmx$PEER_HEAP\`. Its rate runs from just before \`new KafkaStreams\` (JVM start excluded) to the last record processed; scoring alone's runs from the JVM start to zero lag. Target: scoring alone ≥ 1.5 × the peer's exactly-once rate."
    echo
    echo "| scale | events | peer exactly_once_v2 ev/s (steady) | peer at_least_once ev/s (steady) | scoring alone ev/s | scoring ÷ peer EOS (target ≥ 1.5) | scoring ÷ peer ALOS | peer peak RSS MiB / CPU s, EOS; ALOS | what the peer counted (EOS run) |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for sc in $SCALES; do
      in_list "$sc" "$PEER_SCALES" || continue
      e=${R[peer_eos_$sc]:-n/a|n/a|n/a|n/a|not run}; a=${R[peer_alos_$sc]:-n/a|n/a|n/a|n/a|not run}
      echo "| ${sc}× | ${R[events_$sc]} | $(field "$e" 1) ($(field "$e" 2)) | $(field "$a" 1) ($(field "$a" 2)) | ${R[b2c_$sc]} | $(ratio "${R[b2c_$sc]}" "$(field "$e" 1)") | $(ratio "${R[b2c_$sc]}" "$(field "$a" 1)") | $(field "$e" 3) / $(field "$e" 4); $(field "$a" 3) / $(field "$a" 4) | $(field "$e" 5) |"
    done
  fi
  echo

  echo "## Scoring alone before and after the SPEC v2 facts (issues 14 and 15)"
  if [ -n "${R[before]}" ]; then
    echo "Before: ${R[before]}."
  else
    echo "Before = scoring-service of \`$BEFORE_REF\` (${R[before_commit]}), built in a detached worktree; it replayed the same topic right after today's scoring had drained it, with its own database ($BEFORE_DB) and consumer group ($BEFORE_GROUP), timed the same way (JVM start to zero lag of its group). It ran second, so the topic was in the page cache for it and not for today's. Target: after no more than 15 % slower."
    echo
    echo "| scale | events | before ev/s | after (today) ev/s | slowdown (target ≤ 15 %) | ERROR lines in the old scoring's log |"
    echo "|---|---|---|---|---|---|"
    for sc in $SCALES; do
      in_list "$sc" "$BEFORE_SCALES" || continue
      echo "| ${sc}× | ${R[events_$sc]} | ${R[before_$sc]:-not run} | ${R[b2c_$sc]} | $(slowdown "${R[before_$sc]:-}" "${R[b2c_$sc]}") % | ${R[before_errors_$sc]:-} |"
    done
  fi
  echo

  echo "## B4 for the structure and the 766 index (issues 13 and 14)"
  echo "In the B2 end-to-end stack after zero lag, after the league above. Cold = the first request for that league (in a service already warm from the league above); warm = \`wrk -t2 -c64 -d${WRK_SECONDS}s\`."
  echo
  echo "| scale | league | what it answered | cold ms (target ≤ 300) | warm req/s (target ≥ 5,000) | p99 (target ≤ 50 ms) | gzip: req/s, p99 |"
  echo "|---|---|---|---|---|---|---|"
  for sc in $SCALES; do
    echo "| ${sc}× | PTO communes, $YEAR, as it stood | ${R[b4-league-${sc}_what]:-} | ${R[b4cold_$sc]} (first request of the service) | ${R[b4rps_$sc]} | ${R[b4p99_$sc]} | ${R[b4gzrps_$sc]}, ${R[b4gzp99_$sc]} |"
    echo "| ${sc}× | PTO communes, $YEAR, \`structure=current\` (today's communes) | ${R[b4-current-${sc}_what]:-} | ${R[b4-current-${sc}_cold]:-} | ${R[b4-current-wrk-${sc}_rps]:-} | ${R[b4-current-wrk-${sc}_p99]:-} | ${R[b4-current-wrk-gzip-${sc}_rps]:-}, ${R[b4-current-wrk-gzip-${sc}_p99]:-} |"
    echo "| ${sc}× | national league over the provinces registered by the demo (PTO, its merged provinces and the copies P01…), $YEAR-W20, qd766 | ${R[b4-national-${sc}_what]:-} | ${R[b4-national-${sc}_cold]:-} | ${R[b4-national-wrk-${sc}_rps]:-} | ${R[b4-national-wrk-${sc}_p99]:-} | ${R[b4-national-wrk-gzip-${sc}_rps]:-}, ${R[b4-national-wrk-gzip-${sc}_p99]:-} |"
  done
  echo
  echo "National league: \`${R[b4_national_url]:-}\`."
  echo

  if in_list 1 "$SCALES"; then
    echo "## Operators' tools (issue 15), at 1×"
    echo "On the bench data set ($YEAR, the 1× spool), a proxy for the demo data set the issue names. Facts: \`demo facts-pager\` pages through \`GET /api/v1/units/{code}/facts?indicator=…&period=$YEAR&limit=1000\` (the largest page) for ${R[facts_units]:-?} units of PTO valid on $YEAR-12-31 (the province unit left out: as restructured it holds the abolished districts), one request after the other, twice (the first pass cold); each unit's items are checked against its numerator and denominator. At-risk: \`GET /api/v1/provinces/PTO/at-risk?within=P3D\`, one warm-up, then \`wrk -t1 -c1 -d${WRK_SECONDS}s\` (one request after the other)."
    echo
    echo "| indicator | items | first pass items/s | warm pass items/s (target ≥ 20,000) | invariant mismatches (units) |"
    echo "|---|---|---|---|---|"
    for k in ${FACTS_INDICATORS//,/ } all; do
      f1=${R[facts_1_$k]:-n/a|n/a|n/a}; f2=${R[facts_2_$k]:-n/a|n/a|n/a}
      echo "| $k | $(field "$f2" 2) | $(field "$f1" 1) | $(field "$f2" 1) | $(field "$f2" 3) |"
    done
    echo
    echo "| at-risk of PTO | first request ms | warm p50 | warm p99 (target ≤ 100 ms) | warm req/s | total at risk (listed) |"
    echo "|---|---|---|---|---|---|"
    echo "| within P3D | ${R[d-atrisk_cold]:-} (HTTP ${R[d-atrisk_status]:-}) | ${R[d-atrisk-wrk_p50]:-} | ${R[d-atrisk-wrk_p99]:-} | ${R[d-atrisk-wrk_rps]:-} | ${R[atrisk_total]:-} (${R[atrisk_items]:-}) |"
    echo
  fi

  echo "## CPU per event during B2 end to end (issue 17)"
  echo "utime + stime from \`/proc/<pid>/stat\` before the first POST and at zero lag, over the events. PostgreSQL is every postgres process plus the backends that exited (the postmaster's cutime + cstime), so other databases' work on this shared machine is in it; the loader is the \`demo load\` JVM that POSTs the spool."
  echo
  echo "| scale | component | CPU s | µs per event | cores (average) |"
  echo "|---|---|---|---|---|"
  for sc in $SCALES; do
    for part in $CPU_PARTS loader; do
      c=${R[cpu_${sc}_$part]:-n/a|n/a|n/a}
      echo "| ${sc}× | $part | $(field "$c" 1) | $(field "$c" 2) | $(field "$c" 3) |"
    done
  done
  echo

  echo "## Cost growth (issue 17)"
  echo "Bytes stored = \`pg_database_size\` of $BENCH_DB after B2 end to end; the largest tables and indexes of each scale are in \`.local/bench/sizes-<scale>.tsv\`."
  echo
  echo "| scale | events | database bytes | bytes per event | largest relations | scoring alone ev/s | end to end ev/s |"
  echo "|---|---|---|---|---|---|---|"
  for sc in $SCALES; do
    echo "| ${sc}× | ${R[events_$sc]} | ${R[dbbytes_$sc]:-} | ${R[bpe_$sc]:-} | ${R[dbtop_$sc]:-} | ${R[b2c_$sc]} | ${R[b2_$sc]} |"
  done
  echo
  echo "![events/s and bytes per event by scale](docs/bench/cost-growth.svg)"
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
note "wrote BENCHMARKS.md and docs/bench/cost-growth.svg"
