import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it, vi } from "vitest";
import { runSdkScenario } from "@/sdk/testing/scenario";
import { startTestApiServer } from "../testing/api-server";

// ARCA_S3_DIRECT=1 end to end: the SDK and the CLI move bytes with pre-signed URLs, Arca only verifies them.
const { baseUrl, dataDir, s3, close } = await startTestApiServer({ storage: "s3-direct" });
afterAll(close);
const { getServiceContext } = await import("../context");
const run = promisify(execFile);
const cli = path.resolve("cli/bin.mjs");

function arca(...args: string[]) {
  return run(process.execPath, [cli, ...args], { env: { ...process.env, ARCA_BASE_URL: baseUrl, ARCA_ENTITY: "direct", ARCA_PROJECT: "cli" }, timeout: 60_000 });
}

describe("direct transfers over HTTP (s3rver)", () => {
  it("passes the SDK scenario (log, dedup, download, upsert, finish, patch) without a blob byte passing through Arca", async () => {
    const put = vi.spyOn(getServiceContext().blobs, "put");
    const { refs } = await runSdkScenario(baseUrl);
    expect(refs).toHaveLength(3);
    expect(put).not.toHaveBeenCalled();
    expect(fs.existsSync(path.join(dataDir, "blobs"))).toBe(false);
  });

  it("logs and downloads with the CLI, and a file download is a redirect to a pre-signed URL while previews stay on Arca", async () => {
    const source = fs.mkdtempSync(path.join(os.tmpdir(), "arca-direct-cli-"));
    const weights = randomBytes(200_000);
    fs.writeFileSync(path.join(source, "weights.bin"), weights);
    fs.writeFileSync(path.join(source, "notes.txt"), "direct");
    const logged = await arca("log", source, "--name", "model", "--type", "model", "--json");
    expect(JSON.parse(logged.stdout)).toMatchObject({ version: "v0", fileCount: 2 });

    const target = path.join(source, "out");
    await arca("download", "model:v0", "--root", target);
    expect(fs.readFileSync(path.join(target, "weights.bin")).equals(weights)).toBe(true);

    const file = `${baseUrl}/api/v1/projects/direct/cli/artifacts/model/versions/v0/files/weights.bin`;
    const redirected = await fetch(file, { redirect: "manual" });
    expect(redirected.status).toBe(307);
    const location = redirected.headers.get("location")!;
    expect(location.startsWith(s3!.endpoint)).toBe(true);
    const fromStore = await fetch(location);
    expect(fromStore.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''weights.bin");
    expect(createHash("sha256").update(Buffer.from(await fromStore.arrayBuffer())).digest("hex")).toBe(createHash("sha256").update(weights).digest("hex"));

    const inline = await fetch(`${baseUrl}/api/v1/projects/direct/cli/artifacts/model/versions/v0/files/notes.txt?inline=1`);
    expect(inline.status).toBe(200);
    expect(await inline.text()).toBe("direct");
  });

  it("upserts from two CLI runs, finishes, and patches with the CLI, every byte through pre-signed URLs", async () => {
    const put = vi.spyOn(getServiceContext().blobs, "put");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-direct-collab-"));
    for (const part of [1, 2]) {
      fs.mkdirSync(path.join(dir, `w${part}`, "parts"), { recursive: true });
      fs.writeFileSync(path.join(dir, `w${part}`, "parts", `table_${part}.json`), randomBytes(50_000));
      await arca("upsert", path.join(dir, `w${part}`), "--distributed-id", "run-group-1", "--name", "shards", "--type", "dataset");
    }
    const finished = JSON.parse((await arca("finish", "--distributed-id", "run-group-1", "--name", "shards", "--type", "dataset", "--json")).stdout) as { version: string; fileCount: number };
    expect(finished).toMatchObject({ version: "v0", fileCount: 2 });

    fs.writeFileSync(path.join(dir, "extra.bin"), randomBytes(70_000));
    const patched = JSON.parse((await arca("patch", "shards:v0", "--add", `${path.join(dir, "extra.bin")}=extra.bin`, "--remove", "parts/table_1.json", "--json")).stdout) as { version: string; fileCount: number };
    expect(patched).toMatchObject({ version: "v1", fileCount: 2 });

    const out = path.join(dir, "out");
    await arca("download", "shards:v1", "--root", out);
    expect(fs.readFileSync(path.join(out, "extra.bin")).equals(fs.readFileSync(path.join(dir, "extra.bin")))).toBe(true);
    expect(fs.readFileSync(path.join(out, "parts/table_2.json")).equals(fs.readFileSync(path.join(dir, "w2/parts/table_2.json")))).toBe(true);
    expect(put).not.toHaveBeenCalled(); // the CLI runs in its own process; the server stored nothing itself
  });

  it("answers a completion of bytes that do not match with 422 and publishes nothing", async () => {
    const declared = randomBytes(64);
    const sha256 = createHash("sha256").update(declared).digest("hex");
    const post = (route: string, body: unknown) =>
      fetch(`${baseUrl}/api/v1/${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const plan = (await (await post("blobs/missing", { blobs: [{ sha256, size: 64 }] })).json()) as { missing: string[]; uploads: Record<string, { url: string; key: string; headers: Record<string, string> }> };
    expect(plan.missing).toEqual([sha256]);
    const upload = plan.uploads[sha256]!;
    expect((await fetch(upload.url, { method: "PUT", body: new Uint8Array(randomBytes(64)), headers: upload.headers })).status).toBe(200);
    const completed = await post("blobs/complete", { uploads: [{ sha256, size: 64, key: upload.key }] });
    expect(completed.status).toBe(422);
    expect(((await completed.json()) as { error: { message: string } }).error.message).toMatch(/not the declared/);
    expect(((await (await post("blobs/missing", { blobs: [{ sha256, size: 64 }] })).json()) as { missing: string[] }).missing).toEqual([sha256]);
  });
});
