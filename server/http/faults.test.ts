import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-faults-"));
process.env.ARCA_DATA_DIR = dataDir;
process.env.ARCA_DEMO = "0";
const { handleApiRequest } = await import("./handler");
const { getServiceContext } = await import("../context");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const systemError = (code: string, syscall: string) => Object.assign(new Error(`${code}: simulated, ${syscall}`), { code, syscall });

async function putBlob(content: string) {
  const bytes = Buffer.from(content);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const res = await handleApiRequest(new Request(`http://127.0.0.1/api/v1/blobs/${sha256}`, { method: "PUT", body: bytes, headers: { "content-length": String(bytes.length) } }));
  return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
}

describe("storage faults over HTTP", () => {
  it("answers 507 with what to do when the disk is full", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(getServiceContext().blobs, "put").mockRejectedValue(systemError("ENOSPC", "write"));
    expect(await putBlob("full")).toEqual({
      status: 507,
      body: { error: { code: "INSUFFICIENT_STORAGE", message: "the server's disk is full: free space in the data directory and retry" } },
    });
  });

  it("answers 503 when the data directory is read-only", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(getServiceContext().blobs, "put").mockRejectedValue(systemError("EROFS", "open"));
    const res = await putBlob("ro");
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/data directory is read-only/);
  });

  it("answers 507 when SQLite reports a full disk on a write", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const full = () => Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    const ctx = getServiceContext();
    vi.spyOn(ctx.sql, "transaction").mockImplementation(() => Promise.reject(full()));
    const res = await handleApiRequest(new Request("http://127.0.0.1/api/v1/projects/me/demo/artifacts/a/log", { method: "POST", body: JSON.stringify({ type: "dataset", entries: [{ path: "a", ref: "s3://b/a", digest: "d" }] }) }));
    expect({ status: res.status, body: await res.json() }).toMatchObject({ status: 507 });
  });
});
