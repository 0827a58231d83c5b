#!/usr/bin/env python3
"""Writes a minimal base image tarball (docker save format: one layer with /tmp and /home/jboss, no JVM).
Only to check `make images` offline (EGOV_BASE_IMAGE=tar://...): the images built on it do not run."""
import hashlib, io, json, sys, tarfile

out = sys.argv[1] if len(sys.argv) > 1 else "target/images/scratch-base.tar"
layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w") as t:
    for d in ("tmp/", "home/", "home/jboss/"):
        i = tarfile.TarInfo(d); i.type = tarfile.DIRTYPE; i.mode = 0o1777 if d == "tmp/" else 0o755
        t.addfile(i)
layer_bytes = layer.getvalue()
diff_id = "sha256:" + hashlib.sha256(layer_bytes).hexdigest()
config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                     "rootfs": {"type": "layers", "diff_ids": [diff_id]}, "history": [{"created_by": "scratch-base.py"}]}).encode()
manifest = json.dumps([{"Config": "config.json", "RepoTags": ["egov-pulse/scratch-base:1"], "Layers": ["layer.tar"]}]).encode()
with tarfile.open(out, "w") as t:
    for name, data in (("layer.tar", layer_bytes), ("config.json", config), ("manifest.json", manifest)):
        i = tarfile.TarInfo(name); i.size = len(data); t.addfile(i, io.BytesIO(data))
print(out)
