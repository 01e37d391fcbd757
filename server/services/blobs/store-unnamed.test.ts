import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ServiceContext } from "../../context";
import { createTestWorld, type TestWorld } from "../../testing/factory";
import { getBlobInfo, readBlob } from "./blobs";
import { completeMultipartUpload, partKey, spoolDirOf, stagePart, storeBlobByMd5, sweepSpool } from "./store-unnamed";

let world: TestWorld;
const dirs: string[] = [];
afterEach(async () => {
  await world.cleanup();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const md5 = (b: Buffer) => createHash("md5").update(b).digest("base64");
const md5Hex = (b: Buffer) => createHash("md5").update(b).digest("hex");
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Another Arca instance behind the load balancer: its own data dir (where parts used to be spooled),
 * the same database and the same blob store as the world's.
 */
function instance(w: TestWorld): ServiceContext {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-instance-"));
  dirs.push(dataDir);
  return { ...w.ctx, dataDir };
}

/** A file of three parts as the W&B client cuts it (parts of random bytes, each over several encryption chunks). */
function multipartFile() {
  const parts = [randomBytes(300_000), randomBytes(300_000), randomBytes(123_457)];
  return { parts, whole: Buffer.concat(parts), uploadId: `upload-${randomBytes(8).toString("hex")}` };
}

function stage(ctx: ServiceContext, uploadId: string, parts: Buffer[], n: number) {
  const part = parts[n - 1]!;
  return stagePart(ctx, { uploadId, n, md5Hex: md5Hex(part), size: part.length, body: [part.subarray(0, 1000), part.subarray(1000)] });
}

describe("storing bytes known by MD5 (W&B uploads)", () => {
  it("stores verified bytes under their SHA-256 and leaves no spool file", async () => {
    world = createTestWorld();
    const bytes = Buffer.from("weights ".repeat(1000));
    const spoolDir = spoolDirOf(world.dir);
    const stored = await storeBlobByMd5(world.ctx, { md5: md5(bytes), size: bytes.length, body: [bytes.subarray(0, 10), bytes.subarray(10)], spoolDir });
    expect(stored).toMatchObject({ sha256: sha(bytes), size: bytes.length, md5: md5(bytes), created: true });
    expect(await getBlobInfo(world.ctx, sha(bytes))).toMatchObject({ size: bytes.length });
    expect(fs.readdirSync(spoolDir)).toEqual([]);
  });

  it("refuses bytes whose MD5 or size differ from what the URL was signed for, storing nothing", async () => {
    world = createTestWorld();
    const bytes = Buffer.from("the real bytes");
    const spoolDir = spoolDirOf(world.dir);
    await expect(storeBlobByMd5(world.ctx, { md5: md5(Buffer.from("other")), size: bytes.length, body: [bytes], spoolDir })).rejects.toThrow(/MD5/);
    await expect(storeBlobByMd5(world.ctx, { md5: md5(bytes), size: bytes.length + 1, body: [bytes], spoolDir })).rejects.toThrow(/bytes/);
    expect(await getBlobInfo(world.ctx, sha(bytes))).toBeUndefined();
    expect(fs.readdirSync(spoolDir)).toEqual([]);
  });

  it("sweeps spool files of killed uploads, not fresh ones", () => {
    world = createTestWorld();
    const dir = spoolDirOf(world.dir);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "upload-old"), "x");
    fs.writeFileSync(path.join(dir, "upload-new"), "y");
    const old = new Date(Date.now() - 3_600_000);
    fs.utimesSync(path.join(dir, "upload-old"), old, old);
    expect(sweepSpool(world.dir, 600_000, Date.now())).toBe(1);
    expect(fs.readdirSync(dir)).toEqual(["upload-new"]);
  });
});

describe("W&B multipart uploads over several instances (parts staged in the shared blob store)", () => {
  it("puts together parts received by two instances, completed by a third: the blob is byte-identical and the parts are gone", async () => {
    world = createTestWorld();
    const [a, b, c] = [instance(world), instance(world), instance(world)];
    const { parts, whole, uploadId } = multipartFile();
    expect(await stage(a, uploadId, parts, 1)).toBe(md5Hex(parts[0]!)); // the ETag the client collects
    await stage(b, uploadId, parts, 2);
    await stage(a, uploadId, parts, 3);
    for (const ctx of [a, b, c]) expect(fs.readdirSync(ctx.dataDir)).toEqual([]); // nothing in any instance's data dir
    expect(await completeMultipartUpload(c, { uploadId, md5: md5(whole), parts: 3 })).toEqual({ md5: md5(whole) });
    expect(await getBlobInfo(a, sha(whole))).toMatchObject({ size: whole.length, md5: md5(whole) });
    expect(sha(await collect(await readBlob(b, sha(whole))))).toBe(sha(whole));
    expect(await world.storedNames()).toEqual([sha(whole)]);
    // A retry (the client timed out) on yet another instance succeeds without the parts.
    expect(await completeMultipartUpload(a, { uploadId, md5: md5(whole), parts: 3 })).toEqual({ md5: md5(whole) });
  });

  it("runs concurrent completions of one upload on two instances one after the other: both succeed, one blob is stored", async () => {
    world = createTestWorld();
    const [a, b] = [instance(world), instance(world)];
    const { parts, whole, uploadId } = multipartFile();
    for (const n of [1, 2, 3]) await stage(n % 2 ? a : b, uploadId, parts, n);
    const put = vi.spyOn(world.ctx.blobs, "put");
    const results = await Promise.all([
      completeMultipartUpload(a, { uploadId, md5: md5(whole), parts: 3 }),
      completeMultipartUpload(b, { uploadId, md5: md5(whole), parts: 3 }),
    ]);
    expect(results).toEqual([{ md5: md5(whole) }, { md5: md5(whole) }]);
    expect(put).toHaveBeenCalledTimes(1);
    put.mockRestore();
    expect(sha(await collect(await readBlob(a, sha(whole))))).toBe(sha(whole));
    expect(await world.storedNames()).toEqual([sha(whole)]);
  });

  it("refuses a part whose bytes do not match the MD5 it was announced with, keeping nothing; the completion then names the missing part", async () => {
    world = createTestWorld();
    const a = instance(world);
    const { parts, whole, uploadId } = multipartFile();
    const wrong = Buffer.from(parts[0]!);
    wrong[10] = wrong[10]! ^ 1; // one bit flipped on the way
    await expect(stagePart(a, { uploadId, n: 1, md5Hex: md5Hex(parts[0]!), size: wrong.length, body: [wrong] })).rejects.toMatchObject({
      code: "DIGEST_MISMATCH",
      message: expect.stringMatching(/part 1 of the multipart upload was refused .*send it again/),
    });
    await expect(stagePart(a, { uploadId, n: 1, md5Hex: md5Hex(parts[0]!), size: parts[0]!.length + 1, body: [parts[0]!] })).rejects.toMatchObject({ code: "DIGEST_MISMATCH" });
    expect(await world.storedNames()).toEqual([]);
    await stage(a, uploadId, parts, 2);
    await stage(a, uploadId, parts, 3);
    await expect(completeMultipartUpload(instance(world), { uploadId, md5: md5(whole), parts: 3 })).rejects.toMatchObject({
      code: "DIGEST_MISMATCH",
      message: expect.stringContaining("part 1 of the multipart upload never arrived"),
    });
    expect(await getBlobInfo(a, sha(whole))).toBeUndefined();
    expect(await world.storedNames()).toEqual([]); // parts that can never make the file are removed
  });

  it("refuses parts that do not add up to the file's MD5, storing nothing and removing them", async () => {
    world = createTestWorld();
    const { parts, whole, uploadId } = multipartFile();
    const swapped = [parts[1]!, parts[0]!, parts[2]!]; // each part verified, the order wrong
    for (const n of [1, 2, 3]) await stage(instance(world), uploadId, swapped, n);
    await expect(completeMultipartUpload(world.ctx, { uploadId, md5: md5(whole), parts: 3 })).rejects.toMatchObject({ code: "DIGEST_MISMATCH", message: expect.stringContaining("the parts put together have MD5") });
    expect(await getBlobInfo(world.ctx, sha(whole))).toBeUndefined();
    expect(await world.storedNames()).toEqual([]);
  });

  it("keeps the parts when the store fails during completion, so that the client's retry succeeds", async () => {
    world = createTestWorld();
    const { parts, whole, uploadId } = multipartFile();
    for (const n of [1, 2, 3]) await stage(world.ctx, uploadId, parts, n);
    const flaky = instance(world);
    const readStaged = vi.spyOn(world.ctx.blobs, "readStaged").mockRejectedValueOnce(new Error("connection reset by the store"));
    await expect(completeMultipartUpload(flaky, { uploadId, md5: md5(whole), parts: 3 })).rejects.toThrow("connection reset by the store");
    readStaged.mockRestore();
    expect((await world.storedNames()).sort()).toEqual([1, 2, 3].map((n) => partKey(uploadId, n)).sort());
    expect(await completeMultipartUpload(instance(world), { uploadId, md5: md5(whole), parts: 3 })).toEqual({ md5: md5(whole) });
    expect(await world.storedNames()).toEqual([sha(whole)]);
  });
});
