# Sourced by bench/run.sh: B4 for the structure and the 766 index (issues 13 and 14), and the operators'
# tools (issue 15), read from the B2 end-to-end stack after zero lag.
# shellcheck shell=bash
REPORTING=http://127.0.0.1:8080

# wrk_run NAME URL [wrk options...]: R[<name>_rps], R[<name>_p50], R[<name>_p99]
wrk_run() {
  local name=$1 url=$2; shift 2
  wrk "$@" -d"${WRK_SECONDS}s" --latency "$url" > "$OUT/$name.txt" 2>&1 || true
  R[${name}_rps]=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$OUT/$name.txt")
  R[${name}_p50]=$(awk '$1 == "50%" { print $2 }' "$OUT/$name.txt")
  R[${name}_p99]=$(awk '$1 == "99%" { print $2 }' "$OUT/$name.txt")
  # a run where every request failed gives a rate but no answer: say so
  if grep -q 'Non-2xx' "$OUT/$name.txt"; then R[${name}_rps]+=" ($(grep 'Non-2xx' "$OUT/$name.txt" | awk '{ print $NF }') non-2xx)"; fi
}

# cold_get NAME URL: the first request, timed (ms), its answer kept in $OUT/NAME.json
cold_get() {
  local ms
  ms=$(curl -s -o "$OUT/$1.json" -w '%{http_code} %{time_total}' "$2")
  R[${1}_status]=${ms%% *}
  R[${1}_cold]=$(awk -v t="${ms##* }" 'BEGIN { printf "%.0f", t * 1000 }')
}

# league_facts NAME: "N ranked + M unranked, structure S, criteria C" from the answer cold_get kept
league_facts() {
  if [ "${R[${1}_status]}" != 200 ]; then
    R[${1}_what]="HTTP ${R[${1}_status]}: $(head -c 200 "$OUT/$1.json" | tr '|\n' '/ ')"; return 0
  fi
  R[${1}_what]=$(jq -r '"\(.entries | length) ranked + \(.unranked | length) unranked, structure \(.structure // "absent"), criteria \(.criteria.id // "?")"' "$OUT/$1.json" 2>/dev/null || echo "unreadable answer")
}

# leagues SCALE YEAR: the 2020 league as it stood (its answer from B4's first request), today's communes
# over the year, and the weekly national league of provinces under qd766, each cold then warm
leagues() {
  local scale=$1 year=$2 name
  league_facts "b4-league-$scale"
  note "  B4 league as it stood: ${R[b4-league-${scale}_what]}"
  local -A urls=(
    [current]="$REPORTING/api/v1/rankings?province=PTO&tier=COMMUNE&period=$year&structure=current"
    [national]="$REPORTING/api/v1/rankings?tier=PROVINCE&period=$year-W20&criteria=qd766"
  )
  for name in current national; do
    cold_get "b4-$name-$scale" "${urls[$name]}"
    league_facts "b4-$name-$scale"
    wrk_run "b4-$name-wrk-$scale" "${urls[$name]}" -t2 -c64
    wrk_run "b4-$name-wrk-gzip-$scale" "${urls[$name]}" -t2 -c64 -H "Accept-Encoding: gzip"
    note "  B4 $name (${urls[$name]#"$REPORTING"}): ${R[b4-$name-${scale}_what]}; cold ${R[b4-$name-${scale}_cold]} ms; warm ${R[b4-$name-wrk-${scale}_rps]} req/s, p99 ${R[b4-$name-wrk-${scale}_p99]}; gzip ${R[b4-$name-wrk-gzip-${scale}_rps]} req/s, p99 ${R[b4-$name-wrk-gzip-${scale}_p99]}"
  done
  R[b4_national_url]=${urls[national]#"$REPORTING"}
}

# operators YEAR: SPEC 8's facts paged through for a year (2 rounds: the first cold), and at-risk of the province warm
FACTS_INDICATORS=${BENCH_FACTS_INDICATORS:-onestop.onTimeRate,docs.signedRate,vc.meetings}
operators() {
  local year=$1 units=""
  # quick mode: the 5 units with the most cases, to try the pieces
  [ "$QUICK" = 1 ] && units="--units $(psql_q "$BENCH_DB" -c "SELECT string_agg(unit, ',') FROM (SELECT unit FROM scoring.onestop_case
      WHERE unit LIKE 'PTO.%' GROUP BY unit ORDER BY count(*) DESC, unit LIMIT 5) u")"
  [ "$units" != "--units " ] || units=""
  # shellcheck disable=SC2086
  $DEMO facts-pager --reporting "$REPORTING" --province PTO --period "$year" --indicators "$FACTS_INDICATORS" \
    --limit 1000 --rounds 2 $units > "$OUT/d-facts.txt" 2> "$OUT/d-facts.err" || true
  R[facts_units]=$(awk '/^facts-pager:/ { print $2 }' "$OUT/d-facts.txt")
  local r k
  for r in 1 2; do
    for k in ${FACTS_INDICATORS//,/ } all; do
      R[facts_${r}_$k]=$(awk -v r="round=$r" -v k="indicator=$k" '$2 == r && $3 == k {
          sub("items=", "", $5); sub("items_per_s=", "", $8); sub("mismatches=", "", $9); print $8 "|" $5 "|" $9 }' "$OUT/d-facts.txt")
      [ -n "${R[facts_${r}_$k]}" ] || R[facts_${r}_$k]="n/a|n/a|failed: $(tail -n 1 "$OUT/d-facts.err" | cut -c1-120 | tr '|' '/')"
    done
  done
  note "  D facts (items/s | items | invariant mismatches): first ${R[facts_1_all]}, warm ${R[facts_2_all]} over ${R[facts_units]:-?} units"

  local url="$REPORTING/api/v1/provinces/PTO/at-risk?within=P3D"
  cold_get d-atrisk "$url"
  R[atrisk_total]=$(jq -r '.total // "?"' "$OUT/d-atrisk.json" 2>/dev/null || echo "?")
  R[atrisk_items]=$(jq -r '(.items // []) | length' "$OUT/d-atrisk.json" 2>/dev/null || echo "?")
  # one client, one request after the other: the latency an officer sees
  wrk_run d-atrisk-wrk "$url" -t1 -c1
  note "  D at-risk: first ${R[d-atrisk_cold]} ms (HTTP ${R[d-atrisk_status]}, total ${R[atrisk_total]}, ${R[atrisk_items]} listed); warm p50 ${R[d-atrisk-wrk_p50]}, p99 ${R[d-atrisk-wrk_p99]}, ${R[d-atrisk-wrk_rps]} req/s"
}
