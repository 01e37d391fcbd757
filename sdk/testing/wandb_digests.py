"""W&B's own digests for the parity test (sdk/wandb-parity.test.ts); offline, no server.

Reads a JSON list of trees on stdin: {"dir": path|null, "prefix": str|null, "refs": [{"uri", "name", "checksum"}],
"manifestOut": path|null}; with manifestOut, W&B's manifest JSON for the tree is written there.
Writes one JSON object per tree on stdout: {"digest": hex} or {"error": message}. Each tree is built exactly as a user
would (wandb.Artifact, add_dir, add_reference); the digest is the artifact's `digest` property, which W&B computes from
the manifest (ArtifactManifestV1.digest) without talking to a server.
"""
import json
import sys

import wandb


def digest_of(tree):
    artifact = wandb.Artifact("parity", "dataset")
    if tree.get("dir") is not None:
        # "immutable" only skips W&B's staging copy of each file; the entries and digest are the same.
        artifact.add_dir(tree["dir"], name=tree.get("prefix"), policy="immutable")
    for ref in tree.get("refs", []):
        artifact.add_reference(ref["uri"], name=ref.get("name"), checksum=ref.get("checksum", True))
    if tree.get("manifestOut"):
        # What W&B stores as wandb_manifest.json, for the import test.
        with open(tree["manifestOut"], "w", encoding="utf-8") as out:
            json.dump(artifact.manifest.to_manifest_json(), out)
    return {"digest": artifact.digest, "paths": sorted(artifact.manifest.entries.keys())}


def main():
    results = []
    for tree in json.load(sys.stdin):
        try:
            results.append(digest_of(tree))
        except Exception as error:  # noqa: BLE001 -- the test compares refusals too
            results.append({"error": f"{type(error).__name__}: {error}"})
    json.dump(results, sys.stdout)


main()
