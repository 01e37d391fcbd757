import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-boot-"));
process.env.ARCA_DATA_DIR = dataDir;
process.env.ARCA_DEMO = "0";
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("start-up", () => {
  it("removes temp files of killed uploads, but not one another process may still be writing", async () => {
    const tmp = path.join(dataDir, "blobs", "tmp");
    fs.mkdirSync(tmp, { recursive: true });
    const killed = path.join(tmp, "killed.abc");
    const live = path.join(tmp, "live.def");
    fs.writeFileSync(killed, "partial");
    fs.writeFileSync(live, "partial");
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(killed, hourAgo, hourAgo);
    const { bootServer } = await import("./boot");
    await bootServer();
    expect(fs.existsSync(killed)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
  });
});
