import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "../../testing/factory";
import { getBlobInfo } from "./blobs";
import { completeSpooledUpload, partPath, spoolDirOf, spoolPart, storeBlobByMd5, sweepSpool } from "./store-unnamed";

let world: TestWorld;
afterEach(() => world.cleanup());

const md5 = (b: Buffer) => createHash("md5").update(b).digest("base64");
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

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

  it("puts verified parts together as one blob; a retried completion succeeds without the parts", async () => {
    world = createTestWorld();
    const spoolDir = spoolDirOf(world.dir);
    const parts = [Buffer.from("first part, "), Buffer.from("second part")];
    const whole = Buffer.concat(parts);
    const hex = (b: Buffer) => createHash("md5").update(b).digest("hex");
    await expect(spoolPart({ file: partPath(spoolDir, "up-1", 1), md5Hex: hex(parts[1]!), size: parts[0]!.length, body: [parts[0]!] })).rejects.toThrow(/announced/);
    await expect(completeSpooledUpload(world.ctx, { spoolDir, uploadId: "up-1", md5: md5(whole), parts: 2 })).rejects.toThrow(/part 1 .* never arrived/);
    for (const [i, part] of parts.entries()) await spoolPart({ file: partPath(spoolDir, "up-1", i + 1), md5Hex: hex(part), size: part.length, body: [part] });
    const first = completeSpooledUpload(world.ctx, { spoolDir, uploadId: "up-1", md5: md5(whole), parts: 2 });
    const retry = completeSpooledUpload(world.ctx, { spoolDir, uploadId: "up-1", md5: md5(whole), parts: 2 });
    expect(await Promise.all([first, retry])).toEqual([{ md5: md5(whole) }, { md5: md5(whole) }]);
    expect(await getBlobInfo(world.ctx, sha(whole))).toMatchObject({ size: whole.length, md5: md5(whole) });
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
