import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { computeManifestDigest, md5Base64 } from "../../lib/digest";
import { Api, ArcaError, Artifact, ArtifactContents, init, type ClientOptions } from "../index";

/** What the scenario did, for a test to print or check further. */
export interface ScenarioReport {
  entity: string;
  project: string;
  refs: string[];
}

async function expectArcaError(promise: Promise<unknown>, status: number, what: string): Promise<ArcaError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ArcaError, `${what}: expected an ArcaError, got ${String(error)}`);
    assert.equal(error.status, status, `${what}: expected status ${status}, got ${error.status} (${error.message})`);
    return error;
  }
  assert.fail(`${what}: expected a ${status} refusal, but it succeeded`);
}

function withNewFile<T extends ArtifactContents>(target: T, name: string, text: string): T {
  target.newFile(name, text);
  return target;
}

// The blob store is shared by every project, so one file carries a per-run nonce: the first log must upload bytes.
const BASE_FILES: Record<string, string> = {
  "images/cat.png": "cat bytes",
  "images/dog.png": "dog bytes",
  "data/train.csv": "a,b\n1,2\n",
  "empty.txt": "",
};

/**
 * The SDK end to end against a running server (the server's test starts one and calls this). Works in a fresh
 * project, so it can run against a database that already holds data. Throws on the first mismatch.
 */
export async function runSdkScenario(baseUrl: string, { apiKey }: { apiKey?: string } = {}): Promise<ScenarioReport> {
  const entity = "scenario";
  const project = `sdk-${randomBytes(4).toString("hex")}`;
  const options: ClientOptions = { baseUrl, entity, project, ...(apiKey ? { apiKey } : {}) };
  const work = await mkdtemp(join(tmpdir(), "arca-scenario-"));
  const refs: string[] = [];
  const FILES: Record<string, string> = { ...BASE_FILES, "nonce.txt": project };
  try {
    const source = join(work, "source");
    for (const [path, text] of Object.entries(FILES)) {
      await mkdir(join(source, path, ".."), { recursive: true });
      await writeFile(join(source, path), text);
    }
    const expectedDigest = computeManifestDigest(Object.entries(FILES).map(([path, text]) => ({ path, digest: md5Base64(text) })));

    // Simple mode: log a directory, then the same contents again.
    const producer = await init({ ...options, jobType: "producer", config: { lr: 0.1 } });
    const first = await producer.logArtifact(new Artifact("images", "dataset", { metadata: { rows: 2 } }).addDir(source), { aliases: ["best"] });
    assert.equal(first.created, true, "first log creates a version");
    assert.equal(first.version, "v0");
    assert.equal(first.state, "COMMITTED");
    assert.equal(first.digest, expectedDigest, "the version digest is the W&B manifest digest");
    assert.equal(first.fileCount, Object.keys(FILES).length);
    assert.ok((first.lastUpload?.bytesUploaded ?? 0) > 0, "first log uploads bytes");
    assert.deepEqual([...first.aliases].sort(), ["best", "latest"]);
    refs.push(first.ref);

    const again = await producer.logArtifact(new Artifact("images", "dataset").addDir(source));
    assert.equal(again.created, false, "re-logging identical contents reuses the version");
    assert.equal(again.version, "v0");
    assert.equal(again.lastUpload?.bytesUploaded, 0, "re-logging identical contents uploads zero bytes");
    assert.equal(again.lastUpload?.filesUploaded, 0);
    await expectArcaError(producer.logArtifact(new Artifact("images", "model").addDir(source)), 409, "same name, other type");

    // Use from another run, download, compare bytes.
    const consumer = await init({ ...options, jobType: "consumer" });
    const used = await consumer.useArtifact("images:latest");
    assert.equal(used.version, "v0");
    const root = join(work, "download");
    assert.equal(await used.download(root), root);
    for (const [path, text] of Object.entries(FILES)) assert.equal(await readFile(join(root, path), "utf8"), text, `downloaded ${path}`);
    assert.equal(used.lastDownload?.filesDownloaded, Object.keys(FILES).length);
    await used.download(root);
    assert.equal(used.lastDownload?.filesDownloaded, 0, "a second download fetches nothing");
    await writeFile(join(root, "images/cat.png"), "tampered");
    await used.download(root);
    assert.equal(used.lastDownload?.filesDownloaded, 1, "a changed local file is fetched again");
    assert.equal(await readFile(join(root, "images/cat.png"), "utf8"), FILES["images/cat.png"]);
    const entry = await used.getPath("data/train.csv");
    assert.equal(entry.ref(), null);
    assert.equal(await readFile(await entry.download(join(work, "one")), "utf8"), FILES["data/train.csv"]);
    assert.ok((await consumer.usedArtifacts()).some((artifact) => artifact.ref === first.ref), "run.usedArtifacts()");
    assert.ok((await producer.loggedArtifacts()).some((artifact) => artifact.ref === first.ref), "run.loggedArtifacts()");
    assert.ok((await used.usedBy()).some((run) => run.id === consumer.id), "artifact.usedBy()");
    assert.ok((await used.loggedBy()).some((run) => run.id === producer.id), "artifact.loggedBy()");

    // An artifact never logged, passed to useArtifact: logged first, idempotent through dedup.
    const usedAdhoc = await consumer.useArtifact(withNewFile(new Artifact("reference-model", "model"), "model.txt", "weights"));
    const usedAgain = await consumer.useArtifact(withNewFile(new Artifact("reference-model", "model"), "model.txt", "weights"));
    assert.equal(usedAdhoc.version, "v0");
    assert.equal(usedAgain.version, "v0", "useArtifact on the same contents reuses the version");
    await producer.finish();
    await consumer.finish();

    // Collaborative mode: two writers upsert, a third finishes.
    const group = `writers-${randomBytes(3).toString("hex")}`;
    for (const part of [1, 2]) {
      const writer = await init({ ...options, group, jobType: "writer" });
      const draft = await writer.upsertArtifact(withNewFile(new Artifact("parts", "dataset"), `parts/table_${part}.json`, `{"part":${part}}`));
      assert.equal(draft.state, "PENDING");
      assert.equal(draft.version, null);
      await writer.finish();
    }
    const clash = await init({ ...options, group, jobType: "writer" });
    await expectArcaError(clash.upsertArtifact(withNewFile(new Artifact("parts", "dataset"), "parts/table_1.json", "other")), 409, "conflicting upsert");
    const finisher = await init({ ...options, group, jobType: "finisher" });
    const finished = await finisher.finishArtifact(withNewFile(new Artifact("parts", "dataset"), "table.partitioned-table.json", '{"_type":"partitioned-table","parts_path":"parts"}'));
    assert.equal(finished.state, "COMMITTED");
    assert.equal(finished.version, "v0");
    assert.equal(finished.fileCount, 3, "finish commits the upserted entries and its own");
    const producers = (await finished.loggedBy()).map((run) => run.id);
    assert.ok(producers.includes(finisher.id) && producers.length >= 3, "every contributing run is a producer");
    refs.push(finished.ref);

    // Patch mode: add a file, remove one, from v0.
    const patched = await finisher.patchArtifact("images:v0", {
      add: withNewFile(new ArtifactContents(), "images/bird.png", "bird bytes"),
      remove: ["images/dog.png"],
    });
    assert.equal(patched.version, "v1");
    assert.equal(patched.created, true);
    assert.equal(patched.basedOn, first.ref);
    assert.equal(patched.fileCount, Object.keys(FILES).length);
    assert.deepEqual((await patched.lineage()).basedOn?.ref, first.ref);
    await finisher.finish();
    refs.push(patched.ref);

    // Aliases and edits through the Api.
    const api = new Api(options);
    const v1 = await api.artifact("images:v1");
    v1.aliases.push("candidate");
    v1.metadata.checked = true;
    await v1.save();
    assert.ok(v1.aliases.includes("candidate"));
    assert.equal(v1.metadata.checked, true);
    await v1.removeAlias("candidate");
    assert.ok(!v1.aliases.includes("candidate"));
    await v1.addAlias("candidate");
    v1.aliases.splice(v1.aliases.indexOf("candidate"), 1);
    await v1.save();
    assert.deepEqual((await api.artifact("images:v1")).aliases, ["latest"]);

    // Stale edit refused: two copies of the same revision, the second save loses.
    const copyA = await api.artifact(`${entity}/${project}/images:v1`);
    const copyB = await api.artifact(`${project}/images:v1`);
    copyA.description = "edited by A";
    await copyA.save();
    copyB.description = "edited by B";
    await expectArcaError(copyB.save(), 412, "stale save");
    assert.equal((await api.artifact("images:v1")).description, "edited by A");

    // Deleting an aliased version is refused; cleanup only lists unaliased versions.
    await expectArcaError((await api.artifact("images:v1")).delete(), 409, "delete while aliased");
    const v2 = await api.logArtifact(new Artifact("images", "dataset").addFile(join(source, "empty.txt"), "only.txt"));
    assert.equal(v2.version, "v2");
    const versions = await api.artifactVersions("dataset", "images");
    assert.deepEqual(versions.map((artifact) => artifact.version), ["v2", "v1", "v0"]);
    const dry = await api.cleanup("images", { dryRun: true });
    assert.equal(dry.dryRun, true);
    assert.deepEqual(dry.versions.map((info) => info.version), ["v1"], "v1 lost latest to v2 and has no other alias");
    assert.equal((await api.artifact("images:v1")).state, "COMMITTED", "a dry run deletes nothing");
    return { entity, project, refs };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
