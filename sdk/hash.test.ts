import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashFile } from "./hash";
import { HashPool, sha256File } from "./hash-pool";

let dir: string;
const contents = [randomBytes(3 * 1024 * 1024 + 17), Buffer.alloc(0), Buffer.from("hello"), randomBytes(1 << 20)];
const paths = () => contents.map((_, index) => join(dir, `file-${index}`));
const sha256 = (bytes: Buffer) => ({ sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "arca-hash-"));
  await Promise.all(contents.map((bytes, index) => writeFile(join(dir, `file-${index}`), bytes)));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("hashing", () => {
  it("hashFile gives the one-shot MD5 (base64) and SHA-256 (hex), in 1 MiB chunks", async () => {
    const chunks: number[] = [];
    const path = paths()[0] as string;
    const bytes = contents[0] as Buffer;
    expect(await hashFile(path, (count) => chunks.push(count))).toEqual({ md5: createHash("md5").update(bytes).digest("base64"), ...sha256(bytes) });
    expect(chunks).toEqual([1 << 20, 1 << 20, 1 << 20, 17]);
    expect(await hashFile(paths()[1] as string)).toEqual({ md5: "1B2M2Y8AsgTpgAmY7PhCfg==", sha256: createHash("sha256").digest("hex"), size: 0 });
  });

  it("sha256File hashes SHA-256 only", async () => {
    expect(await sha256File(paths()[0] as string)).toEqual(sha256(contents[0] as Buffer));
    expect(await sha256File(paths()[1] as string)).toEqual(sha256(Buffer.alloc(0)));
  });

  it.each([
    ["on this thread", { workers: false }],
    ["in worker threads", { workers: true, concurrency: 2 }],
  ])("a HashPool %s gives every SHA-256, reports every byte, and is reused across batches", async (_, options) => {
    const pool = new HashPool(options);
    try {
      for (let round = 0; round < 2; round++) {
        let bytes = 0;
        // More calls than the concurrency: the extra ones wait for a free slot.
        const results = await Promise.all(paths().map((path) => pool.hash(path, (more) => (bytes += more))));
        expect(results).toEqual(contents.map(sha256));
        expect(bytes).toBe(contents.reduce((total, item) => total + item.length, 0));
      }
    } finally {
      await pool.close();
    }
  });

  it("a missing file fails with its path, and the pool goes on", async () => {
    const pool = new HashPool({ workers: true, concurrency: 2 });
    try {
      await expect(pool.hash(join(dir, "nope"), () => undefined)).rejects.toThrow(/nope/);
      expect(await pool.hash(paths()[2] as string, () => undefined)).toEqual(sha256(contents[2] as Buffer));
    } finally {
      await pool.close();
    }
    await expect(pool.hash(paths()[2] as string, () => undefined)).rejects.toThrow(/closed/);
    await expect(new HashPool({ workers: false }).hash(join(dir, "nope"), () => undefined)).rejects.toThrow(/nope/);
  });
});
