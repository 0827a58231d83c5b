#!/usr/bin/env bash
# Creates, once, the RS256 key pair the local stack signs and verifies tokens with (git-ignored).
set -euo pipefail
source "$(dirname "$0")/common.sh"
KEYS="$STATE/keys"
mkdir -p "$KEYS"
if [ ! -f "$KEYS/private.pem" ] || [ ! -f "$KEYS/public.pem" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
  openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
  chmod 600 "$KEYS/private.pem"
  log "created a key pair in $KEYS"
fi
