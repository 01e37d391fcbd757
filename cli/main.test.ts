import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "./commands/index";

const bin = fileURLToPath(new URL("./bin.mjs", import.meta.url));

function arca(...args: string[]) {
  // Port 9 (discard) on loopback: nothing listens, so every call fails fast with ECONNREFUSED.
  const env = { ...process.env, ARCA_BASE_URL: "http://127.0.0.1:9" };
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env, timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the command list", () => {
  it("names each command as its lazily loaded module does", async () => {
    for (const entry of COMMANDS) expect((await entry.load()).name).toBe(entry.name);
    expect(new Set(COMMANDS.map((entry) => entry.name)).size).toBe(COMMANDS.length);
  });
});

describe("the arca executable", () => {
  it("prints usage", () => {
    const help = arca("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: arca COMMAND/);
    expect(help.stdout).toMatch(/cleanup/);
    const logHelp = arca("log", "--help");
    expect(logHelp.code).toBe(0);
    expect(logHelp.stdout).toMatch(/^Usage: arca log PATH/);
  });

  it("exits 2 on usage errors, with nothing on stdout", () => {
    for (const args of [["frobnicate"], ["log"], ["cleanup", "x", "--older-than", "soon"], ["alias", "move", "a", "b"], ["log", "x", "--bogus"]]) {
      const result = arca(...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
    }
  });

  it("exits 1 naming the base URL when the server is unreachable", () => {
    const result = arca("versions", "mnist", "--json");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/cannot reach Arca at http:\/\/127\.0\.0\.1:9/);
  });

  it("exits 1 on a bad name before any request", () => {
    const result = arca("log", fileURLToPath(import.meta.url), "--name", "bad name");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/invalid artifact name/);
  });
});
