import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, Artifact } from "./index";
import { startTestApiServer, type TestApiServer } from "../server/testing/api-server";

let server: TestApiServer;
let dir: string;

beforeAll(async () => {
  server = await startTestApiServer();
  dir = mkdtempSync(join(tmpdir(), "arca-relog-"));
  process.env.ARCA_CACHE_DIR = join(dir, "cache");
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("re-logging a file rewritten in place (the hash cache and ctime)", () => {
  it("same size, mtime set back: a new version with the new bytes", async () => {
    const settings = { baseUrl: server.baseUrl, entity: "me", project: "relog" };
    const data = join(dir, "data");
    const file = join(data, "weights.bin");
    mkdirSync(data);
    writeFileSync(file, "version 1");
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(file, old, old); // outside the racy window: the first log caches the hash
    const first = await new Artifact("weights", "model").addDir(data).save(settings);
    expect(first.version).toBe("v0");

    const again = await new Artifact("weights", "model").addDir(data).save(settings);
    expect(again).toMatchObject({ version: "v0", created: false });
    expect(again.lastUpload?.filesHashed).toBe(0); // a cache hit: the cache is in use

    await new Promise((resolve) => setTimeout(resolve, 30)); // past a coarse timestamp tick
    const before = statSync(file);
    writeFileSync(file, "version 2");
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs, ino: before.ino });

    const second = await new Artifact("weights", "model").addDir(data).save(settings);
    expect(second).toMatchObject({ version: "v1", created: true });
    const out = await (await new Api(settings).artifact("weights:v1")).download(join(dir, "out"));
    expect(readFileSync(join(out, "weights.bin"), "utf8")).toBe("version 2");
  });
});
