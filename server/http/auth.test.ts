import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-auth-"));
process.env.ARCA_DATA_DIR = dataDir;
process.env.ARCA_API_KEY = "s3cret";
const { handleApiRequest } = await import("./handler");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const get = (headers: Record<string, string>) => handleApiRequest(new Request("http://127.0.0.1/api/v1/projects", { headers }));

describe("API key", () => {
  it("is required on every request when the server has one", async () => {
    const missing = await get({});
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/Authorization: Bearer/);
    expect((await get({ authorization: "Bearer wrong" })).status).toBe(401);
    expect((await get({ authorization: "Bearer s3cret" })).status).toBe(200);
  });
});
