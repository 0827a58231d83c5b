#!/usr/bin/env bash
# Loads the demo data set once (deterministic), then keeps a low-rate live feed running.
#   demo.sh        - load if not loaded yet, start the live feed
#   demo.sh stop   - stop the live feed
set -euo pipefail
source "$(dirname "$0")/common.sh"
case "${1:-start}" in
  stop) [ -f "$STATE/run/demo-feed.pid" ] && kill "$(cat "$STATE/run/demo-feed.pid")" 2>/dev/null || true; rm -f "$STATE/run/demo-feed.pid" ;;
  start) log "demo data set: not built yet" ;;
esac
