#!/usr/bin/env python3
"""Log a directory as an Arca artifact and download it again, with nothing but the standard library.

    python3 docs/examples/log_and_download.py ./my-data my-dataset [http://127.0.0.1:3000]

Follows docs/api.md: hash, ask which blobs are missing, upload those, commit, then download.
"""
import base64
import hashlib
import json
import os
import sys
import urllib.request

ROOT, NAME = sys.argv[1], sys.argv[2]
BASE = (sys.argv[3] if len(sys.argv) > 3 else "http://127.0.0.1:3000") + "/api/v1"
PROJECT = "me/python-example"


def call(method, path, body=None, data=None, headers=None):
    headers = dict(headers or {})
    if body is None and data is None and method == "POST":
        body = {}  # Arca refuses POSTs that are not JSON (docs/security.md, "Web hardening")
    if body is not None:
        data = json.dumps(body).encode()
        headers["content-type"] = "application/json"
    req = urllib.request.Request(BASE + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req) as res:
            raw = res.read()
            return json.loads(raw) if res.headers.get("content-type", "").startswith("application/json") else raw
    except urllib.error.HTTPError as err:
        sys.exit(f"{method} {path} -> {err.code}: {json.loads(err.read())['error']['message']}")


# 1. Hash every file: size, SHA-256 (blob key) and MD5 (W&B entry digest).
entries = []
for folder, _, files in os.walk(ROOT):
    for file in sorted(files):
        local = os.path.join(folder, file)
        sha, md5 = hashlib.sha256(), hashlib.md5()
        with open(local, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                sha.update(chunk)
                md5.update(chunk)
        entries.append({
            "path": os.path.relpath(local, ROOT).replace(os.sep, "/"),
            "size": os.path.getsize(local),
            "sha256": sha.hexdigest(),
            "digest": base64.b64encode(md5.digest()).decode(),
            "local": local,
        })

# 2. Which blobs does the server lack?  3. Upload only those.
missing = set(call("POST", "/blobs/missing", {"blobs": [{"sha256": e["sha256"], "size": e["size"]} for e in entries]})["missing"])
for e in entries:
    if e["sha256"] in missing:
        with open(e["local"], "rb") as f:
            call("PUT", f"/blobs/{e['sha256']}", data=f, headers={"content-length": str(e["size"]), "x-arca-md5": e["digest"]})
        missing.discard(e["sha256"])

# 4. Commit the manifest.
version = call("POST", f"/projects/{PROJECT}/artifacts/{NAME}/log", {
    "type": "dataset",
    "metadata": {"logged_from": "python"},
    "entries": [{k: e[k] for k in ("path", "size", "sha256", "digest")} for e in entries],
})
print(json.dumps({"ref": version["ref"], "digest": version["digest"], "created": version["created"]}))

# Download it back: list the entries, fetch each file.
out = os.path.join(ROOT + "-download")
listing = call("GET", f"/projects/{PROJECT}/artifacts/{NAME}/versions/latest/files?limit=10000")
for entry in listing["entries"]:
    target = os.path.join(out, *entry["path"].split("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as f:
        f.write(call("GET", f"/blobs/{entry['sha256']}"))
print(out)
