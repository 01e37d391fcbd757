import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashFile, hashFiles } from "./hash";

let dir: string;
const contents = [randomBytes(3 * 1024 * 1024 + 17), Buffer.alloc(0), Buffer.from("hello"), randomBytes(1 << 20)];
const paths = () => contents.map((_, index) => join(dir, `file-${index}`));
const expected = (bytes: Buffer) => ({
  md5: createHash("md5").update(bytes).digest("base64"),
  sha256: createHash("sha256").update(bytes).digest("hex"),
  size: bytes.length,
});

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
    expect(await hashFile(path, (bytes) => chunks.push(bytes))).toEqual(expected(contents[0] as Buffer));
    expect(chunks).toEqual([1 << 20, 1 << 20, 1 << 20, 17]);
    expect(await hashFile(paths()[1] as string)).toEqual({ md5: "1B2M2Y8AsgTpgAmY7PhCfg==", sha256: createHash("sha256").digest("hex"), size: 0 });
  });

  it.each([
    ["on this thread", { workerThreshold: Number.POSITIVE_INFINITY }],
    ["in worker threads", { workerThreshold: 0, maxThreads: 2 }],
  ])("hashFiles %s keeps the input order and reports every byte", async (_, options) => {
    let bytes = 0;
    let files = 0;
    const sizes = contents.map((bytes) => bytes.length);
    const results = await hashFiles(paths(), sizes, (more, done) => {
      bytes += more;
      if (done) files += 1;
    }, options);
    expect(results).toEqual(contents.map(expected));
    expect(bytes).toBe(sizes.reduce((a, b) => a + b, 0));
    expect(files).toBe(contents.length);
  });

  it("a missing file fails with its path", async () => {
    await expect(hashFiles([join(dir, "nope")], [0], () => undefined, { workerThreshold: 0, maxThreads: 2 })).rejects.toThrow();
    await expect(hashFiles([join(dir, "nope"), join(dir, "nope2")], [0, 0], () => undefined, { workerThreshold: 0, maxThreads: 2 })).rejects.toThrow(/nope/);
  });
});
