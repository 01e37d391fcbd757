import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EncryptedBlobStore } from "../../storage/encrypted-blob-store";
import { readKeyring, type Keyring } from "../../storage/keyring";
import { LocalBlobStore } from "../../storage/local-blob-store";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { logArtifact } from "../artifacts/log";
import { previewFile } from "../files/preview";
import { zipVersion } from "../files/zip";
import { openTableWhenReady } from "../tables/registry";
import { getTablePage } from "../tables/query";
import { readBlob } from "./blobs";
import { claimJob, finishJob } from "@/db/queries/jobs";
import { enqueueJob } from "../jobs/queue";
import { listJobs } from "../jobs/list";
import { ROTATE_KEY_JOB, rotateBlobKeys, rotateBlobKeysAsJob } from "./rotate-key";

const newKey = () => randomBytes(32).toString("base64");
const ring = (key: string, old: string[] = []): Keyring => readKeyring({ ARCA_ENCRYPTION_KEY: key, ARCA_ENCRYPTION_OLD_KEYS: old.join(",") })!;
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks);
}

let w: TestWorld;
let key: string;
beforeEach(() => {
  key = newKey();
  w = createTestWorld({ blobs: "local", encryption: ring(key) }); // these tests read the ciphertext on disk
});
afterEach(() => w.cleanup());

const local = () => new LocalBlobStore(path.join(w.dir, "blobs"));
const onDisk = (sha256: string) => fs.readFileSync(local().pathOf(sha256));

describe("services on an encrypted store", () => {
  it("log, download, range read, preview, zip and table index work unchanged; the disk holds only ciphertext", async () => {
    const text = "a readable line of a dataset nobody else may see\n".repeat(4000); // ~200 KB: several chunks
    const table = JSON.stringify({ _type: "table", columns: ["id", "name"], data: [[1, "secret-one"], [2, "secret-two"]] });
    const entries = [await fileEntry(w.ctx, "notes.txt", text), await fileEntry(w.ctx, "t.table.json", table), await fileEntry(w.ctx, "empty", "")];
    await logArtifact(w.ctx, w.ns, "ds", { type: "dataset", aliases: [], entries });
    const [notes] = entries;

    expect(onDisk(notes!.sha256).subarray(0, 8).toString()).toBe("ARCAENC1");
    expect(onDisk(notes!.sha256).includes(Buffer.from("readable line"))).toBe(false);
    expect(onDisk(entries[1]!.sha256).includes(Buffer.from("secret-one"))).toBe(false);

    expect((await collect(await readBlob(w.ctx, notes!.sha256))).toString()).toBe(text);
    expect((await collect(await readBlob(w.ctx, notes!.sha256, { start: 65_530, end: 65_545 }))).toString()).toBe(text.slice(65_530, 65_546));
    expect(await previewFile(w.ctx, w.ns, "ds", "v0", "notes.txt")).toMatchObject({ kind: "text", truncated: false });

    const files = unzipSync(await collect((await zipVersion(w.ctx, w.ns, "ds", "v0")).body));
    expect(Buffer.from(files["notes.txt"]!).toString()).toBe(text);
    expect(files["empty"]!.length).toBe(0);

    const ref = { ...w.ns, name: "ds", version: "v0", path: "t.table.json" };
    await openTableWhenReady(w.ctx, ref);
    const page = await getTablePage(w.ctx, { ...ref, offset: 0, limit: 10, filters: [] });
    expect(page.rows.map((r) => r.cells)).toEqual([
      [1, "secret-one"],
      [2, "secret-two"],
    ]);
  });

  it("dedups by the plaintext's SHA-256: the same bytes logged twice are one blob", async () => {
    const a = await fileEntry(w.ctx, "a.bin", "same bytes");
    await logArtifact(w.ctx, w.ns, "one", { type: "model", aliases: [], entries: [a] });
    const b = await fileEntry(w.ctx, "b.bin", "same bytes");
    await logArtifact(w.ctx, w.ns, "two", { type: "model", aliases: [], entries: [b] });
    expect(b.sha256).toBe(a.sha256);
    expect(await w.ctx.sql.get("select count(*) as n from blobs")).toEqual({ n: 1 });
    const stored = fs.readdirSync(path.join(w.dir, "blobs"), { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(stored.map((d) => d.name)).toEqual([a.sha256]);
  });
});

describe("key rotation", () => {
  /** Three blobs: one in the clear (stored before encryption was on), two under the old key. */
  async function seed() {
    const plain = Buffer.from("stored before ARCA_ENCRYPTION_KEY was set");
    await local().put(sha(plain), [plain], { size: plain.length });
    await w.ctx.sql.run("insert into blobs (sha256, size, md5, created_at) values (?, ?, ?, ?)", [
      sha(plain),
      plain.length,
      createHash("md5").update(plain).digest("base64"),
      w.clock.now,
    ]);
    const big = randomBytes(200_000);
    const entries = [await fileEntry(w.ctx, "big.bin", big), await fileEntry(w.ctx, "small.txt", "small")];
    return { blobs: [{ sha256: sha(plain), bytes: plain }, { sha256: sha(big), bytes: big }, { sha256: entries[1]!.sha256, bytes: Buffer.from("small") }] };
  }

  it("re-encrypts every blob with the new key, and a run killed mid-way resumes where it stopped", async () => {
    const { blobs } = await seed();
    const newer = newKey();
    const rotating = { ...w.ctx, blobs: new EncryptedBlobStore(local(), ring(newer, [key])) };
    const newId = ring(newer).current.id;

    // Killed after the first blob: the progress callback throws, as a kill would stop the loop.
    const seen: string[] = [];
    await expect(
      rotateBlobKeys(rotating, {
        onProgress: (p) => {
          seen.push(p.outcome);
          if (p.done === 1) throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    expect(seen).toEqual(["re-encrypted"]);

    const progress: string[] = [];
    const result = await rotateBlobKeys(rotating, { onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.outcome}`) });
    expect(result).toEqual({ keyId: newId, total: 3, reencrypted: 2, bytesReencrypted: result.bytesReencrypted, alreadyCurrent: 1, missing: 0 });
    expect(progress).toEqual(["1/3 already-current", "2/3 re-encrypted", "3/3 re-encrypted"]);

    // Everything is on the new key, readable with it alone, and a further run has nothing to do.
    const newOnly = new EncryptedBlobStore(local(), ring(newer));
    for (const b of blobs) {
      expect(await newOnly.keyIdOf(b.sha256)).toBe(newId);
      expect(sha(await collect(await newOnly.read(b.sha256)))).toBe(sha(b.bytes));
    }
    expect(await rotateBlobKeys(rotating)).toMatchObject({ reencrypted: 0, alreadyCurrent: 3 });
    // The old key alone no longer reads them, with the message that says which key to start with.
    await expect(new EncryptedBlobStore(local(), ring(key)).read(blobs[1]!.sha256)).rejects.toThrow(`is encrypted with key id ${newId}`);
  });

  it("runs as one job across processes: a second rotation to the same key follows it, one to another key is refused", async () => {
    await seed();
    const newer = newKey();
    const rotating = { ...w.ctx, blobs: new EncryptedBlobStore(local(), ring(newer, [key])) };
    // Another admin process queued a rotation to a third key and has not finished it.
    const other = ring(newKey()).current.id;
    const queued = await enqueueJob(w.ctx, { kind: ROTATE_KEY_JOB, input: { keyId: other }, total: 3 });
    await expect(rotateBlobKeysAsJob(rotating)).rejects.toThrow(`a rotation to key id ${other} is running`);
    await w.ctx.sql.run("delete from jobs where id = ?", [queued.id]);

    // Another admin process runs a rotation to this key: this one follows it and answers its result.
    const newId = ring(newer).current.id;
    const theirs = await enqueueJob(w.ctx, { kind: ROTATE_KEY_JOB, input: { keyId: newId }, total: 3 });
    const now = w.ctx.now();
    await claimJob(w.ctx, { owner: "other-admin", kinds: [ROTATE_KEY_JOB], now, staleBefore: now - 30_000 });
    const reported = { keyId: newId, total: 3, reencrypted: 3, bytesReencrypted: 1, alreadyCurrent: 0, missing: 0 };
    const followed: (string | null)[] = [];
    const result = await rotateBlobKeysAsJob(rotating, {
      onFollow: (job) => {
        followed.push(job.owner);
        void finishJob(w.ctx, { id: theirs.id, owner: "other-admin", state: "succeeded", done: 3, result: JSON.stringify(reported), error: null, errorCode: null, now });
      },
    });
    expect(followed).toEqual(["other-admin"]);
    expect(result).toEqual(reported);

    // With none running, it runs its own, recorded as a job.
    expect(await rotateBlobKeysAsJob(rotating)).toMatchObject({ keyId: newId, total: 3, reencrypted: 3 });
    expect((await listJobs(w.ctx, { limit: 10 })).items[0]).toMatchObject({ kind: ROTATE_KEY_JOB, state: "succeeded", done: 3, total: 3 });
  });

  it("keeps the old blob when re-encrypting fails part-way, and refuses to run without encryption", async () => {
    const { blobs } = await seed();
    const newer = newKey();
    const inner = local();
    // A store whose put dies after taking some bytes, like a process killed mid-write.
    const failing: typeof inner = Object.assign(Object.create(inner) as typeof inner, {
      put: async (_sha256: string, body: AsyncIterable<Uint8Array>) => {
        const it = body[Symbol.asyncIterator]();
        await it.next();
        await it.next();
        throw new Error("killed mid-write");
      },
    });
    const rotating = { ...w.ctx, blobs: new EncryptedBlobStore(failing, ring(newer, [key])) };
    await expect(rotateBlobKeys(rotating)).rejects.toThrow("killed mid-write");
    for (const b of blobs) expect(sha(await collect(await readBlob(w.ctx, b.sha256)))).toBe(sha(b.bytes));

    await expect(rotateBlobKeys({ ...w.ctx, blobs: inner })).rejects.toThrow(/encryption is off: set ARCA_ENCRYPTION_KEY/);
  });

  it("does not bring back a blob that another process's GC deleted while it was being re-encrypted", async () => {
    const { blobs } = await seed();
    const inner = local();
    const racing: typeof inner = Object.assign(Object.create(inner) as typeof inner, {
      put: async (sha256: string, body: AsyncIterable<Uint8Array>, expected: { size: number; opaque?: boolean }) => {
        await w.ctx.sql.run("delete from blobs where sha256 = ?", [sha256]); // GC's row delete, then its unlink
        await inner.delete(sha256);
        return inner.put(sha256, body, expected);
      },
    });
    const rotating = { ...w.ctx, blobs: new EncryptedBlobStore(racing, ring(newKey(), [key])) };
    expect(await rotateBlobKeys(rotating)).toMatchObject({ total: 3, reencrypted: 0, missing: 3 });
    for (const b of blobs) expect(await inner.has(b.sha256)).toBe(false);
  });

  it("counts blobs the database lists but the store lacks, and goes on", async () => {
    const { blobs } = await seed();
    await local().delete(blobs[2]!.sha256);
    const rotating = { ...w.ctx, blobs: new EncryptedBlobStore(local(), ring(newKey(), [key])) };
    expect(await rotateBlobKeys(rotating)).toMatchObject({ total: 3, reencrypted: 2, missing: 1 });
  });
});
