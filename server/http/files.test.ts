import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-http-files-"));
process.env.ARCA_DATA_DIR = dataDir;
const { handleApiRequest } = await import("./handler");

const V = "http://127.0.0.1/api/v1/projects/me/demo/artifacts/imgs/versions/v0";
const get = (url: string) => handleApiRequest(new Request(url));

async function put(content: string | Buffer, filePath: string) {
  const bytes = Buffer.from(content);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const res = await handleApiRequest(new Request(`http://127.0.0.1/api/v1/blobs/${sha256}`, { method: "PUT", body: bytes, headers: { "content-length": String(bytes.length) } }));
  expect(res.status).toBe(201);
  return { path: filePath, sha256, size: bytes.length };
}

beforeAll(async () => {
  const entries = [await put("<svg xmlns='http://www.w3.org/2000/svg'/>", "a/logo.svg"), await put("<b>hi</b>", "page.html"), await put("x,y\n1,2\n", "t.csv")];
  const res = await handleApiRequest(
    new Request("http://127.0.0.1/api/v1/projects/me/demo/artifacts/imgs/log", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "dataset", entries: [...entries, { path: "r", ref: "s3://b/r", digest: "etag" }] }),
    }),
  );
  expect(res.status).toBe(200);
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("file routes of the HTTP API", () => {
  it("serves a file inline with a safe type and a sandbox policy, and as an attachment by default", async () => {
    const svg = await get(`${V}/files/a/logo.svg?inline=1`);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(svg.headers.get("content-disposition")).toBe("inline; filename*=UTF-8''logo.svg");
    expect(svg.headers.get("content-security-policy")).toMatch(/^sandbox/);
    expect(svg.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await get(`${V}/files/page.html?inline=1`);
    expect(html.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await html.text()).toBe("<b>hi</b>");
    const plain = await get(`${V}/files/t.csv`);
    expect(plain.headers.get("content-type")).toBe("application/octet-stream");
    expect(plain.headers.get("content-disposition")).toMatch(/^attachment/);
  });

  it("streams the whole version as a zip named after the version", async () => {
    const res = await get(`${V}/zip`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''imgs-v0.zip");
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(["REFERENCES.txt", "a/logo.svg", "page.html", "t.csv"]);
    expect((await get(`${V.replace("v0", "v9")}/zip`)).status).toBe(404);
  });
});
