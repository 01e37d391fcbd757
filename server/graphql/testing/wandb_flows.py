"""The stock `wandb` client against Arca, one flow per call: `python wandb_flows.py FLOW WORKDIR`.

Run by server/graphql/wandb-client.test.ts with WANDB_BASE_URL pointing at a test server. Each flow
prints one `RESULT {json}` line with what the client itself reports (digests, versions, aliases,
where it downloaded); the test compares that with Arca's own answers and the bytes on disk.
"""
import json
import os
import sys

import wandb

ENTITY, PROJECT = "alice", "wb"


def report(**values):
    print("RESULT " + json.dumps(values), flush=True)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def log(work):
    """Files, folders and a reference; identical re-log dedups; a change makes v1."""
    src = os.path.join(work, "src")
    write(os.path.join(src, "a.txt"), b"alpha\n")
    write(os.path.join(src, "nested/deeper/b.bin"), os.urandom(300_000))
    write(os.path.join(src, "nested/empty.txt"), b"")
    write(os.path.join(work, "single.txt"), b"one file\n")
    out = {}
    for step in ("first", "again", "changed"):
        if step == "changed":
            write(os.path.join(src, "a.txt"), b"alpha, changed\n")
        run = wandb.init(entity=ENTITY, project=PROJECT, job_type="prep", group="logging", config={"lr": 0.01, "layers": [64, 32], "opt": {"name": "adam"}})
        art = wandb.Artifact("corpus", type="dataset", description="the corpus", metadata={"rows": 3, "source": "test"})
        art.add_dir(src)
        art.add_file(os.path.join(work, "single.txt"), name="extra/single.txt")
        art.add_reference("https://example.com/data/table.csv", name="refs/table.csv", checksum=False)
        run.log_artifact(art, aliases=["best"] if step == "first" else [])
        art.wait()
        run.log({"loss": 0.5, "acc": 0.7})
        run.log({"loss": 0.25, "acc": 0.9})
        run.summary["best_acc"] = 0.9
        out[step] = {"run": run.id, "digest": art.digest, "version": art.version, "id": art.id}
        run.finish()
    report(**out)


def use(work):
    """use_artifact(...).download(): the run becomes a consumer, the files come back byte for byte."""
    run = wandb.init(entity=ENTITY, project=PROJECT, job_type="eval")
    art = run.use_artifact("corpus:v0")
    root = art.download(root=os.path.join(work, "download-v0"))
    report(run=run.id, root=root, digest=art.digest, version=art.version)
    run.finish()


def api(work):
    """The public API: read, download, edit aliases/description/metadata, save, list versions."""
    api = wandb.Api()
    art = api.artifact(f"{ENTITY}/{PROJECT}/corpus:v1")
    before = {"version": art.version, "digest": art.digest, "aliases": sorted(art.aliases), "description": art.description, "metadata": art.metadata}
    root = art.download(root=os.path.join(work, "download-v1"))
    files = sorted((f.name, f.size) for f in art.files())
    art.aliases.append("prod")
    art.description = "edited from wandb"
    art.metadata = {"rows": 4, "checked": True}
    art.save()
    prod = api.artifact(f"{ENTITY}/{PROJECT}/corpus:prod")
    after = {"version": prod.version, "aliases": sorted(prod.aliases), "description": prod.description, "metadata": prod.metadata}
    best = api.artifact(f"{ENTITY}/{PROJECT}/corpus:best")
    best.aliases.remove("best")
    best.save()
    versions = [v.version for v in api.artifacts("dataset", f"{ENTITY}/{PROJECT}/corpus")]
    missing = None
    try:
        api.artifact(f"{ENTITY}/{PROJECT}/corpus:best")
    except Exception as error:  # noqa: BLE001 - any "not found" the client raises
        missing = type(error).__name__
    report(before=before, root=root, files=files, after=after, versions=versions, best_removed=missing)


def collaborate(work):
    """upsert_artifact from two runs and finish_artifact from a third, sharing one distributed id."""
    runs = []
    for i in range(3):
        write(os.path.join(work, f"part{i}.txt"), f"part {i}\n".encode())
    for i in range(2):
        run = wandb.init(entity=ENTITY, project=PROJECT, group="shards", job_type="writer")
        art = wandb.Artifact("shards", type="dataset")
        art.add_file(os.path.join(work, f"part{i}.txt"), name=f"part{i}.txt")
        run.upsert_artifact(art, distributed_id="build-1")
        runs.append(run.id)
        run.finish()
    run = wandb.init(entity=ENTITY, project=PROJECT, group="shards", job_type="finisher")
    art = wandb.Artifact("shards", type="dataset")
    art.add_file(os.path.join(work, "part2.txt"), name="part2.txt")
    run.finish_artifact(art, distributed_id="build-1", aliases=["complete"])
    art.wait()
    runs.append(run.id)
    report(runs=runs, digest=art.digest, version=art.version)
    run.finish()


def smoke(work):
    """A short round trip with the key of the environment: log, wait, use, download."""
    write(os.path.join(work, "model.bin"), b"weights" * 1000)
    run = wandb.init(project=PROJECT, job_type="train", config={"seed": 1})
    art = wandb.Artifact("model", type="model")
    art.add_file(os.path.join(work, "model.bin"))
    run.log_artifact(art, aliases=["candidate"])
    art.wait()
    run.log({"loss": 0.5})
    run.log({"loss": 0.125})
    train_run = run.id
    run.finish()
    run = wandb.init(project=PROJECT, job_type="eval")
    root = run.use_artifact("model:candidate").download(root=os.path.join(work, "download"))
    with open(os.path.join(root, "model.bin"), "rb") as f:
        same = f.read() == b"weights" * 1000
    report(entity=run.entity, digest=art.digest, version=art.version, same=same, run=run.id, train_run=train_run)
    run.finish()


def big(work):
    """A file of 2 GiB and more goes up as a multipart upload and comes back byte-identical."""
    import hashlib
    path = os.path.join(work, "big.bin")
    block = os.urandom(1 << 20)
    digest = hashlib.sha256()
    with open(path, "wb") as f:
        for i in range(2048 + 3):
            chunk = i.to_bytes(8, "little") + block[8:]
            f.write(chunk)
            digest.update(chunk)
    run = wandb.init(entity=ENTITY, project=PROJECT, job_type="big")
    art = wandb.Artifact("big", type="model")
    art.add_file(path)
    run.log_artifact(art)
    art.wait()
    run.finish()
    os.remove(path)
    root = wandb.Api().artifact(f"{ENTITY}/{PROJECT}/big:v0").download(root=os.path.join(work, "download"))
    back = hashlib.sha256()
    with open(os.path.join(root, "big.bin"), "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            back.update(chunk)
    report(digest=art.digest, same=back.hexdigest() == digest.hexdigest(), sha256=digest.hexdigest())


if __name__ == "__main__":
    flow, work = sys.argv[1], sys.argv[2]
    {"log": log, "use": use, "api": api, "collaborate": collaborate, "smoke": smoke, "big": big}[flow](work)
