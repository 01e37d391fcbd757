import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { computeManifestDigest, md5Base64 } from "../lib/digest";
import { startTestApiServer, type TestApiServer } from "../server/testing/api-server";
import { main } from "./main";

let server: TestApiServer;
let scratch: string;
let stdout: string[];
let stderr: string[];

beforeAll(async () => {
  server = await startTestApiServer();
  scratch = mkdtempSync(join(tmpdir(), "arca-import-"));
  process.env.ARCA_CACHE_DIR = join(scratch, "cache");
});

afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs `arca ARGS… --json` in this process against the test server; returns the exit code and parsed stdout. */
async function arca(...args: string[]): Promise<{ code: number; json: Record<string, unknown> | null; stderr: string }> {
  stdout = [];
  stderr = [];
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (stderr.push(String(chunk)), true));
  const env = { ARCA_BASE_URL: process.env.ARCA_BASE_URL, ARCA_ENTITY: process.env.ARCA_ENTITY, ARCA_PROJECT: process.env.ARCA_PROJECT };
  Object.assign(process.env, { ARCA_BASE_URL: server.baseUrl, ARCA_ENTITY: "imp", ARCA_PROJECT: "wb" });
  try {
    const code = await main([...args, "--json"]);
    const text = stdout.join("");
    return { code, json: text ? (JSON.parse(text) as Record<string, unknown>) : null, stderr: stderr.join("") };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

const write = (path: string, text: string) => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
};

/** A folder as `wandb artifact get` leaves it, plus the manifest W&B stored for it. */
function wandbLayout(dir: string) {
  write(join(dir, "a.txt"), "alpha");
  write(join(dir, "sub/b\\c.txt"), "beta");
  write(join(dir, "empty.bin"), "");
  write(join(dir, "stray.txt"), "not in the manifest");
  const manifest = {
    version: 1,
    storagePolicy: "wandb-storage-policy-v1",
    storagePolicyConfig: { storageLayout: "V2", storageRegion: "coreweave-us" },
    contents: {
      "a.txt": { digest: md5Base64("alpha"), size: 5, birthArtifactID: "QXJ0aWZhY3Q6MQ==" },
      "sub/b\\c.txt": { digest: md5Base64("beta"), size: 4 },
      "empty.bin": { digest: md5Base64(""), size: 0 },
      "remote/data.csv": { digest: '"etag-1"', ref: "s3://bucket/data.csv", size: 123, extra: { versionID: "v7" } },
      "page.html": { digest: "https://example.com/page.html", ref: "https://example.com/page.html" },
    },
  };
  write(join(dir, "wandb_manifest.json"), JSON.stringify(manifest));
  const expected = computeManifestDigest(Object.entries(manifest.contents).map(([path, entry]) => ({ path, digest: entry.digest })));
  return { manifest, expected };
}

describe("arca import / export", () => {
  it("imports a W&B manifest with its files as the same version: digest, references, extra", async () => {
    const dir = join(scratch, "layout", "dataset:v3");
    const { expected } = wandbLayout(dir);
    const imported = await arca("import", dir, "--alias", "from-wandb");
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.json).toMatchObject({ ref: "imp/wb/dataset:v0", digest: expected, fileCount: 5, created: true, aliases: expect.arrayContaining(["from-wandb"]) });

    const again = await arca("import", dir);
    expect(again.json).toMatchObject({ version: "v0", created: false });

    const out = join(scratch, "exported");
    const exported = await arca("export", "dataset:v0", out);
    expect(exported.code).toBe(0);
    expect(exported.json).toMatchObject({ digest: expected, entries: 5 });
    expect(readFileSync(join(out, "sub/b\\c.txt"), "utf8")).toBe("beta");
    const written = JSON.parse(readFileSync(join(out, "wandb_manifest.json"), "utf8")) as Record<string, unknown>;
    expect(written).toEqual({
      version: 1,
      storagePolicy: "wandb-storage-policy-v1",
      storagePolicyConfig: { storageLayout: "V2" },
      contents: {
        "a.txt": { digest: md5Base64("alpha"), size: 5 },
        "empty.bin": { digest: md5Base64(""), size: 0 },
        "page.html": { digest: "https://example.com/page.html", ref: "https://example.com/page.html", size: 0 },
        "remote/data.csv": { digest: '"etag-1"', ref: "s3://bucket/data.csv", size: 123, extra: { versionID: "v7" } },
        "sub/b\\c.txt": { digest: md5Base64("beta"), size: 4 },
      },
    });

    // The export reads back to the same version in another collection.
    const round = await arca("import", out, "--name", "round-trip");
    expect(round.json).toMatchObject({ digest: expected, created: true });
  });

  it("refuses a folder whose file differs from the manifest, naming it, and creates nothing", async () => {
    const dir = join(scratch, "tampered");
    wandbLayout(dir);
    writeFileSync(join(dir, "a.txt"), "ALPHA");
    const result = await arca("import", dir, "--name", "tampered");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${join(dir, "a.txt")} has MD5 ${md5Base64("ALPHA")}, but the manifest says ${md5Base64("alpha")}`);
    rmSync(join(dir, "a.txt"));
    expect((await arca("import", dir, "--name", "tampered")).stderr).toMatch(/the manifest lists a\.txt, but .* is not a file/);
    expect((await arca("versions", "tampered")).code).toBe(1);
  });

  it("refuses a missing or malformed manifest and XXH128 entries with a clear error", async () => {
    const dir = join(scratch, "bad");
    mkdirSync(dir, { recursive: true });
    expect((await arca("import", dir, "--name", "bad")).stderr).toMatch(/cannot read the manifest .*wandb_manifest\.json \(ENOENT\): pass --manifest FILE/);
    write(join(dir, "wandb_manifest.json"), JSON.stringify({ version: 2, contents: {} }));
    expect((await arca("import", dir, "--name", "bad")).stderr).toMatch(/manifest version 2: only version 1/);
    write(join(dir, "wandb_manifest.json"), JSON.stringify({ version: 1, contents: { "../x": { digest: "d" } } }));
    expect((await arca("import", dir, "--name", "bad")).stderr).toMatch(/entry "\.\.\/x": invalid path/);
    write(join(dir, "wandb_manifest.json"), JSON.stringify({ version: 1, contents: { x: { digest: "AAAA", size: 1, extra: { digestAlgorithm: "XXH128" } } } }));
    expect((await arca("import", dir, "--name", "bad")).stderr).toMatch(/hashed with "XXH128"/);
  });

  it("imports an empty manifest as an empty version (W&B's bare-header digest)", async () => {
    const dir = join(scratch, "empty");
    write(join(dir, "wandb_manifest.json"), JSON.stringify({ version: 1, storagePolicy: "wandb-storage-policy-v1", contents: {} }));
    const result = await arca("import", dir, "--name", "nothing");
    expect(result.json).toMatchObject({ digest: computeManifestDigest([]), fileCount: 0 });
  });

  it("refuses usage mistakes with exit code 2", async () => {
    expect((await arca("import", scratch, "--reference", "s3://b/k")).code).toBe(2);
    expect((await arca("import", scratch, scratch)).code).toBe(2);
    expect((await arca("export", "x:v0")).code).toBe(2);
  });

  it("export refuses to overwrite a file of the version with the manifest", async () => {
    const dir = join(scratch, "clash");
    write(join(dir, "wandb_manifest.json"), "{}");
    expect((await arca("log", dir, "--name", "clash")).code).toBe(0);
    const result = await arca("export", "clash:v0", join(scratch, "clash-out"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/has a file at .*wandb_manifest\.json: pass --manifest FILE/);
    const moved = await arca("export", "clash:v0", join(scratch, "clash-out"), "--manifest", join(scratch, "clash.manifest.json"));
    expect(moved.code).toBe(0);
  });
});
