#!/usr/bin/env bash
# Runs an image tarball of `make images` without a container runtime, to check that it starts: its layers are
# unpacked into a directory and its entrypoint runs there under chroot as the image's user, with the image's
# environment, working directory and /proc, on the host's network. Needs root. Not isolation: a smoke check.
# Usage: run-image.sh IMAGE.tar DIR [--copy HOSTFILE:IMAGEPATH ...] [NAME=VALUE ...]   (extra files and environment)
set -euo pipefail
IMAGE="${1:?usage: run-image.sh IMAGE.tar DIR [--copy HOSTFILE:IMAGEPATH ...] [NAME=VALUE ...]}"; DIR="${2:?}"; shift 2
rm -rf "$DIR"; mkdir -p "$DIR"
python3 - "$IMAGE" "$DIR" > "$DIR.cmd" <<'PY'
import json, shlex, sys, tarfile
image, root = sys.argv[1], sys.argv[2]
with tarfile.open(image) as t:
    m = json.load(t.extractfile("manifest.json"))[0]
    config = json.load(t.extractfile(m["Config"]))["config"]
    for layer in m["Layers"]:
        with tarfile.open(fileobj=t.extractfile(layer)) as l:
            l.extractall(root, numeric_owner=True)
user = config.get("User") or "0"
cmd = (config.get("Entrypoint") or []) + (config.get("Cmd") or [])
print(shlex.join([user if ":" in user else user + ":" + user, config.get("WorkingDir") or "/"]))
print(shlex.join(config.get("Env") or []))
print(shlex.join(cmd))
PY
{ read -r spec; read -r env; read -r cmd; } < "$DIR.cmd"
read -r user workdir <<< "$spec"
while [ "${1:-}" = --copy ]; do
  src="${2%%:*}"; dest="$DIR${2#*:}"; mkdir -p "$(dirname "$dest")"; cp "$src" "$dest"; chown "$user" "$dest"; shift 2
done
mkdir -p "$DIR/proc"
eval "entry=($cmd)"; eval "envs=($env)"
# A new mount namespace with its own /proc (the JVM finds its libraries through /proc/self/exe), the image's
# root and working directory, the image's user; the host's network, so the local Kafka and PostgreSQL answer.
exec env -i "${envs[@]}" "$@" unshare --mount --fork --kill-child --mount-proc=/proc --root="$DIR" --wd="$workdir" \
  --setuid="${user%%:*}" --setgid="${user##*:}" -- "${entry[@]}"
