#!/usr/bin/env bash
# plot-cost.sh TSV > SVG: the cost-growth plot of BENCHMARKS.md (issue 17 part 4), with awk only.
# TSV lines: scale, events, bytes stored per event, scoring alone events/s, end-to-end events/s.
# Two panels: events/s (both rates) and bytes per event, one point per scale, equally spaced
# (the scales grow by ×4, so this is a logarithmic axis of the event count).
set -euo pipefail
awk -F'\t' '
  function fmt(v) { return v >= 1e6 ? sprintf("%.1f M", v / 1e6) : v >= 1e3 ? sprintf("%.0f k", v / 1e3) : sprintf("%.0f", v) }
  function nice(v,   p, m) { if (v <= 0) return 1; p = 10 ^ int(log(v) / log(10)); m = v / p
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p }
  function panel(x0, title, ymax, k1, k2, c1, c2, l1, l2,   i, x, y, px, py, j, tick) {
    printf "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>\n", x0, title
    printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", x0 + 50, Y0, x0 + 50 + W, Y0
    printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", x0 + 50, Y0, x0 + 50, Y0 - H
    for (j = 0; j <= 4; j++) {
      tick = ymax * j / 4; y = Y0 - H * j / 4
      printf "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", x0 + 50, y, x0 + 50 + W, y
      printf "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>\n", x0 + 46, y + 4, fmt(tick)
    }
    for (i = 1; i <= n; i++) {
      x = x0 + 50 + (n == 1 ? W / 2 : 20 + (W - 40) * (i - 1) / (n - 1))
      printf "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s×</text>\n", x, Y0 + 16, scale[i]
      printf "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555\">%s ev</text>\n", x, Y0 + 30, fmt(events[i])
      y = Y0 - H * val[k1, i] / ymax
      printf "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s: %s</title></circle>\n", x, y, c1, l1, val[k1, i]
      if (i > 1) printf "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>\n", px1, py1, x, y, c1
      px1 = x; py1 = y
      if (k2 != "") {
        y = Y0 - H * val[k2, i] / ymax
        printf "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s: %s</title></circle>\n", x, y, c2, l2, val[k2, i]
        if (i > 1) printf "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>\n", px2, py2, x, y, c2
        px2 = x; py2 = y
      }
    }
    printf "<rect x=\"%d\" y=\"34\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"43\" font-size=\"11\">%s</text>\n", x0 + 60, c1, x0 + 74, l1
    if (k2 != "") printf "<rect x=\"%d\" y=\"34\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"43\" font-size=\"11\">%s</text>\n", x0 + 200, c2, x0 + 214, l2
  }
  NF >= 5 { n++; scale[n] = $1; events[n] = $2; val["bpe", n] = $3; val["alone", n] = $4; val["e2e", n] = $5
            if ($4 > rmax) rmax = $4; if ($5 > rmax) rmax = $5; if ($3 > bmax) bmax = $3 }
  END {
    W = 300; H = 200; Y0 = 260
    print "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"820\" height=\"310\" viewBox=\"0 0 820 310\" font-family=\"sans-serif\">"
    print "<rect width=\"820\" height=\"310\" fill=\"white\"/>"
    if (n == 0) { print "<text x=\"20\" y=\"40\">no data</text></svg>"; exit }
    panel(10, "events/s by scale", nice(rmax), "alone", "e2e", "#1f77b4", "#d62728", "scoring alone", "end to end")
    panel(420, "bytes stored per event", nice(bmax), "bpe", "", "#2ca02c", "", "PostgreSQL bytes / event", "")
    print "</svg>"
  }' "$1"
