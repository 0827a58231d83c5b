#!/usr/bin/env bash
# A stand-in for the `docker` executable that Quarkus' Jib extension calls when it does not push to a
# registry: `docker load` saves the image tarball to $EGOV_IMAGE_DIR/<group>_<name>_<tag>.tar instead of
# loading it into a daemon, and `docker inspect` / `docker info` answer from that tarball. So
# `make images` needs neither a Docker daemon nor a registry (its base image is made locally, jdk-base.sh).
set -euo pipefail
DIR="${EGOV_IMAGE_DIR:-$(pwd)/target/images}"
mkdir -p "$DIR"
case "${1:-}" in
  load)
    tmp="$DIR/.incoming.$$.tar"
    cat > "$tmp"
    name=$(python3 - "$tmp" <<'PY'
import json, sys, tarfile
with tarfile.open(sys.argv[1]) as t:
    m = json.load(t.extractfile("manifest.json"))
print(m[0]["RepoTags"][0])
PY
)
    out="$DIR/$(echo "$name" | tr '/:' '__').tar"
    mv "$tmp" "$out"
    echo "$name" > "$out.name"
    echo "Loaded image: $name"
    ;;
  inspect)
    ref="${*: -1}"
    out="$DIR/$(echo "$ref" | tr '/:' '__').tar"
    python3 - "$out" <<'PY'
import hashlib, json, os, sys, tarfile
with tarfile.open(sys.argv[1]) as t:
    m = json.load(t.extractfile("manifest.json"))
    config = t.extractfile(m[0]["Config"]).read()
c = json.loads(config)
print(json.dumps({"Id": "sha256:" + hashlib.sha256(config).hexdigest(), "Size": os.path.getsize(sys.argv[1]),
                  "RootFS": {"Type": "layers", "Layers": c["rootfs"]["diff_ids"]}}))
PY
    ;;
  info)
    echo '{"OSType":"linux","Architecture":"x86_64"}'
    ;;
  version|--version)
    echo "docker-to-tar (egov-pulse make images)"
    ;;
  *)
    echo "docker-to-tar: '$*' is not supported (only load, inspect, info)" >&2
    exit 1
    ;;
esac
