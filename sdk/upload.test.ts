import { createHash, randomBytes } from "node:crypto";
import { utimesSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Client } from "./client";
import { resolveSettings } from "./config";
import { ArtifactContents } from "./contents";
import { HASH_CACHE_FILE, HashCache } from "./hash-cache";
import type { Progress } from "./types";
import { uploadContents, type UploadOptions } from "./upload";

// A stand-in for the two blob routes of docs/api.md, recording what the SDK sends.
const stored = new Map<string, Buffer>();
const asked: string[][] = [];
const puts: { sha256: string; headers: IncomingHttpHeaders }[] = [];
let failPuts = false;
let server: Server;
let client: Client;
let dir: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      const reply = (status: number, value: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      if (request.method === "POST" && request.url === "/api/v1/blobs/missing") {
        const { blobs } = JSON.parse(body.toString("utf8")) as { blobs: { sha256: string; size: number }[] };
        asked.push(blobs.map((blob) => blob.sha256));
        return reply(200, { missing: blobs.filter((blob) => !stored.has(blob.sha256)).map((blob) => blob.sha256) });
      }
      if (request.method === "POST" && request.url === "/api/v1/blobs/batch") {
        // Records: a JSON header line, then exactly `size` bytes (docs/api.md).
        let offset = 0;
        const results = [];
        while (offset < body.length) {
          const newline = body.indexOf(10, offset);
          const header = JSON.parse(body.subarray(offset, newline).toString("utf8")) as { sha256: string; size: number };
          const bytes = body.subarray(newline + 1, newline + 1 + header.size);
          offset = newline + 1 + header.size;
          puts.push({ sha256: header.sha256, headers: request.headers });
          if (failPuts) return reply(500, { error: { code: "INTERNAL", message: "disk full" } });
          if (sha(bytes) !== header.sha256) return reply(422, { error: { code: "DIGEST_MISMATCH", message: "sha256" } });
          stored.set(header.sha256, Buffer.from(bytes));
          results.push({ sha256: header.sha256, size: bytes.length, created: true });
        }
        return reply(200, { blobs: results });
      }
      const put = /^\/api\/v1\/blobs\/([0-9a-f]{64})$/.exec(request.url ?? "");
      if (request.method === "PUT" && put) {
        const sha256 = put[1] as string;
        puts.push({ sha256, headers: request.headers });
        if (failPuts) return reply(500, { error: { code: "INTERNAL", message: "disk full" } });
        if (createHash("sha256").update(body).digest("hex") !== sha256) return reply(422, { error: { code: "DIGEST_MISMATCH", message: "sha256" } });
        stored.set(sha256, body);
        return reply(201, { sha256, size: body.length, created: true });
      }
      reply(404, { error: { code: "NOT_FOUND", message: request.url } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  client = new Client(resolveSettings({ baseUrl: `http://127.0.0.1:${port}`, entity: "test", project: "upload" }, {}));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "arca-upload-"));
  stored.clear();
  asked.length = 0;
  puts.length = 0;
  failPuts = false;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");
const A_WHILE_AGO = new Date(Date.now() - 3_600_000);

/** Writes files named 0, 1, … (mtime an hour ago, outside the racy window) and stages the directory. */
async function stage(contents: (Buffer | string)[]): Promise<ArtifactContents> {
  await Promise.all(contents.map((bytes, index) => writeFile(join(dir, String(index)), bytes)));
  for (let index = 0; index < contents.length; index++) utimesSync(join(dir, String(index)), A_WHILE_AGO, A_WHILE_AGO);
  return new ArtifactContents().addDir(dir);
}

const noCache: UploadOptions = { cache: null };

describe("the upload pipeline", () => {
  it("sends SHA-256 entries without digest, no X-Arca-MD5, and each blob once across batches", async () => {
    const same = randomBytes(1000);
    const contents = await stage([same, "b", same, "d", same, "b"]);
    const { entries, stats } = await uploadContents(client, contents, undefined, { ...noCache, limits: { batchFiles: 2 } });
    expect(entries).toEqual(["0", "1", "2", "3", "4", "5"].map((path) => {
      const bytes = [same, "b", same, "d", same, "b"][Number(path)] as Buffer | string;
      return { path, size: Buffer.byteLength(bytes), sha256: sha(bytes) };
    }));
    // Batches {0,1} {2,3} {4,5}: the last holds only bytes already asked for, so it needs no request.
    expect(asked.length).toBe(2);
    expect(asked.flat().sort()).toEqual([sha(same), sha("b"), sha("d")].sort());
    expect(puts.map((put) => put.sha256).sort()).toEqual([sha(same), sha("b"), sha("d")].sort());
    for (const put of puts) expect(put.headers["x-arca-md5"]).toBeUndefined();
    expect(stats).toEqual({ filesHashed: 6, bytesHashed: 3003, filesUploaded: 3, bytesUploaded: 1002 });

    const again = await uploadContents(client, await stage([same, "b", same, "d", same, "b"]), undefined, noCache);
    expect(again.stats).toMatchObject({ filesUploaded: 0, bytesUploaded: 0 });
    expect(puts.length).toBe(3);
  });

  it("uploads a batch while later files are still to be hashed, and reports both phases", async () => {
    const files = Array.from({ length: 5 }, () => randomBytes(4096));
    const events: Progress[] = [];
    // A window of one file: each file is hashed, checked and uploaded before the next one is read.
    await uploadContents(client, await stage(files), (progress) => events.push(progress), { ...noCache, limits: { batchFiles: 1, aheadBytes: 1 } });
    const hashEvents = events.filter((event) => event.phase === "hash");
    const uploadEvents = events.filter((event) => event.phase === "upload");
    expect(hashEvents[0]).toEqual({ phase: "hash", bytesDone: 0, bytesTotal: 5 * 4096, filesDone: 0, filesTotal: 5 });
    expect(hashEvents.at(-1)).toEqual({ phase: "hash", bytesDone: 5 * 4096, bytesTotal: 5 * 4096, filesDone: 5, filesTotal: 5 });
    expect(uploadEvents.at(-1)).toEqual({ phase: "upload", bytesDone: 5 * 4096, bytesTotal: 5 * 4096, filesDone: 5, filesTotal: 5 });
    const firstUploaded = events.findIndex((event) => event.phase === "upload" && event.filesDone === 1);
    const allHashed = events.findIndex((event) => event.phase === "hash" && event.filesDone === 5);
    expect(firstUploaded).toBeGreaterThan(-1);
    expect(firstUploaded).toBeLessThan(allHashed);
    expect(asked.length).toBe(5);
  });

  it("fails with the server's refusal, without hanging", async () => {
    failPuts = true;
    const contents = await stage(Array.from({ length: 20 }, () => randomBytes(2048)));
    await expect(uploadContents(client, contents, undefined, { ...noCache, limits: { batchFiles: 3, aheadBytes: 4096 } })).rejects.toThrow(/disk full/);
    expect(puts.length).toBeLessThanOrEqual(8);
  });
});

describe("the hash cache in the pipeline", () => {
  it("a hit is not read; a rewrite in place with the same size and mtime set back is a miss (ctime moved)", async () => {
    const cacheDir = join(dir, "cache");
    const source = join(dir, "0");
    const load = () => HashCache.load(cacheDir);
    const first = await uploadContents(client, await stage(["version 1"]), undefined, { cache: await load() });
    expect(first.stats.filesHashed).toBe(1);
    expect(first.entries).toEqual([{ path: "0", size: 9, sha256: sha("version 1") }]);
    expect(await readdir(cacheDir)).toEqual([HASH_CACHE_FILE]);

    const hit = await uploadContents(client, new ArtifactContents().addFile(source), undefined, { cache: await load() });
    expect(hit.stats).toMatchObject({ filesHashed: 0, bytesHashed: 0 });

    // Same size, mtime put back: only ctime (which no program can set) tells the bytes changed.
    const before = await stat(source);
    await new Promise((resolve) => setTimeout(resolve, 30)); // past a coarse timestamp tick
    await writeFile(source, "version 2");
    utimesSync(source, before.atime, before.mtime);
    const after = await stat(source);
    expect([after.size, after.mtimeMs, after.ino]).toEqual([before.size, before.mtimeMs, before.ino]);
    const miss = await uploadContents(client, new ArtifactContents().addFile(source), undefined, { cache: await load() });
    expect(miss.stats.filesHashed).toBe(1);
    expect(miss.entries).toEqual([{ path: "0", size: 9, sha256: sha("version 2") }]);
  });

  it("a corrupt cache file still logs; newFile() contents are never cached", async () => {
    const cacheDir = join(dir, "cache");
    await mkdir(cacheDir);
    await writeFile(join(cacheDir, HASH_CACHE_FILE), "arca-hashes v2\n\u0000garbage\tline\n{]");
    const contents = new ArtifactContents().addFile(await stageOne("kept"));
    contents.newFile("scratch.txt", "scratch");
    const { entries } = await uploadContents(client, contents, undefined, { cache: await HashCache.load(cacheDir) });
    expect(entries).toEqual([{ path: "one", size: 4, sha256: sha("kept") }, { path: "scratch.txt", size: 7, sha256: sha("scratch") }]);
    const loaded = await HashCache.load(cacheDir);
    expect(loaded.size).toBe(1);
  });

  it("follows ARCA_CACHE_DIR and ARCA_NO_HASH_CACHE by default", async () => {
    const saved = { dir: process.env.ARCA_CACHE_DIR, off: process.env.ARCA_NO_HASH_CACHE };
    try {
      process.env.ARCA_CACHE_DIR = join(dir, "env-cache");
      process.env.ARCA_NO_HASH_CACHE = "1";
      await uploadContents(client, await stage(["a"]), undefined);
      await expect(readdir(join(dir, "env-cache"))).rejects.toThrow();
      delete process.env.ARCA_NO_HASH_CACHE;
      await uploadContents(client, new ArtifactContents().addFile(join(dir, "0")), undefined);
      expect(await readdir(join(dir, "env-cache"))).toEqual([HASH_CACHE_FILE]);
    } finally {
      for (const [key, value] of [["ARCA_CACHE_DIR", saved.dir], ["ARCA_NO_HASH_CACHE", saved.off]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

async function stageOne(text: string): Promise<string> {
  const path = join(dir, "one");
  await writeFile(path, text);
  utimesSync(path, A_WHILE_AGO, A_WHILE_AGO);
  return path;
}
