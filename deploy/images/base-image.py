#!/usr/bin/env python3
"""Writes a directory as a one-layer base image tarball (docker save format), for Jib's tar:// base.
Usage: base-image.py ROOTFS OUT.tar TAG [ENV=VALUE ...]. Files belong to root, except /home/jboss (uid 185,
the user the images run as) and /tmp (1777). Timestamps are fixed, so the same input gives the same image."""
import hashlib, io, json, os, sys, tarfile

rootfs, out, tag, env = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]

def owner(info):
    info.mtime = 0
    info.uid = info.gid = 185 if info.name == "home/jboss" or info.name.startswith("home/jboss/") else 0
    info.uname = info.gname = ""
    if info.name == "tmp":
        info.mode = 0o1777
    return info

layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w") as t:
    for entry in sorted(os.listdir(rootfs)):
        t.add(os.path.join(rootfs, entry), arcname=entry, filter=owner)
layer_bytes = layer.getvalue()
diff_id = "sha256:" + hashlib.sha256(layer_bytes).hexdigest()
config = json.dumps({"architecture": "amd64", "os": "linux", "config": {"Env": env, "User": "185", "WorkingDir": "/home/jboss"},
                     "rootfs": {"type": "layers", "diff_ids": [diff_id]},
                     "history": [{"created_by": "deploy/images/base-image.py"}]}).encode()
manifest = json.dumps([{"Config": "config.json", "RepoTags": [tag], "Layers": ["layer.tar"]}]).encode()
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with tarfile.open(out, "w") as t:
    for name, data in (("layer.tar", layer_bytes), ("config.json", config), ("manifest.json", manifest)):
        i = tarfile.TarInfo(name); i.size = len(data); t.addfile(i, io.BytesIO(data))
print(out)
