import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveInside } from "./download";

describe("download paths stay inside root", () => {
  const root = resolve("/tmp/arca-root");

  it("maps entry paths under root", () => {
    expect(resolveInside(root, "images/cat.png")).toBe(join(root, "images", "cat.png"));
    expect(resolveInside("relative/root", "a.txt")).toBe(resolve("relative/root", "a.txt"));
  });

  it.skipIf(process.platform === "win32")("keeps a backslash as part of a name (W&B logs such names on Linux and macOS)", () => {
    expect(resolveInside(root, "back\\slash.txt")).toBe(join(root, "back\\slash.txt"));
  });

  it.each(["../escape", "images/../../escape", "/etc/passwd", "a\\..\\b", "", "a//b", "./a"])("refuses %j", (path) => {
    expect(() => resolveInside(root, path)).toThrow(/refusing to download/);
  });
});
