#!/usr/bin/env bash
# Prints a signed JWT (RS256) for the local stack.
#   token.sh SUB GROUPS PROVINCE [TTL_SECONDS]
#   e.g. token.sh urn:egov:PTO:one-stop ingest PTO
#        token.sh urn:egov:PTO:admin admin,ingest PTO
# GROUPS is comma-separated (ingest, admin, viewer). The key pair comes from keys.sh.
set -euo pipefail
source "$(dirname "$0")/common.sh"
[ $# -ge 3 ] || die "usage: token.sh SUB GROUPS PROVINCE [TTL_SECONDS]"
sub=$1 groups=$2 province=$3 ttl=${4:-2592000}
bash "$(dirname "$0")/keys.sh"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
json_str() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }
now=$(date +%s)
group_list=""
IFS=',' read -ra gs <<<"$groups"
for g in "${gs[@]}"; do [ -n "$g" ] && group_list+="${group_list:+,}$(json_str "$g")"; done
header='{"alg":"RS256","typ":"JWT"}'
payload="{\"iss\":\"${EGOV_JWT_ISSUER:-egov-pulse-local}\",\"sub\":$(json_str "$sub"),\"upn\":$(json_str "$sub"),\"groups\":[${group_list}],\"province\":$(json_str "$province"),\"iat\":$now,\"exp\":$((now + ttl)),\"jti\":\"$(openssl rand -hex 8)\"}"
input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
sig=$(printf '%s' "$input" | openssl dgst -sha256 -sign "$STATE/keys/private.pem" -binary | b64url)
printf '%s.%s\n' "$input" "$sig"
