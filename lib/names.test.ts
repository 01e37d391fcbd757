import { describe, expect, it } from "vitest";
import { checkAlias, checkArtifactName, checkArtifactType, checkEntryPath, parseRef } from "./names";

describe("names", () => {
  it("accepts the W&B name character set and refuses the rest", () => {
    expect(checkArtifactName("bike-dataset_v2.1")).toBeNull();
    expect(checkArtifactName("with space")).toMatch(/invalid artifact name/);
    expect(checkArtifactName("a".repeat(129))).toMatch(/1-128/);
    expect(checkArtifactName("")).not.toBeNull();
  });

  it("reserves arca- types", () => {
    expect(checkArtifactType("model")).toBeNull();
    expect(checkArtifactType("arca-internal")).toMatch(/reserved/);
  });

  it("refuses aliases that look like version indexes or hold / and :", () => {
    expect(checkAlias("best")).toBeNull();
    expect(checkAlias("v3")).toMatch(/version index/);
    expect(checkAlias("a/b")).toMatch(/cannot contain/);
    expect(checkAlias("a:b")).toMatch(/cannot contain/);
    expect(checkAlias("")).not.toBeNull();
  });

  it.each([
    ["../x", /'\.\.'/],
    ["a/../b", /'\.\.'/],
    ["/abs", /relative/],
    ["a//b", /empty segment/],
    ["a/", /empty segment/],
    ["a\0b", /NUL/],
    ["", /empty/],
    ["./a", /'\.'/],
    ["a\\..\\b", /between backslashes/],
  ])("refuses the path %j", (path, why) => {
    expect(checkEntryPath(path)).toMatch(why);
  });

  it("accepts ordinary nested paths", () => {
    expect(checkEntryPath("images/cat.png")).toBeNull();
    expect(checkEntryPath("a b/ü.txt")).toBeNull();
    expect(checkEntryPath("back\\slash.txt")).toBeNull();
    expect(checkEntryPath("dir/x\\y\\z.txt")).toBeNull();
  });

  it("parses references with defaults left open", () => {
    expect(parseRef("mnist")).toEqual({ entity: undefined, project: undefined, name: "mnist", selector: "latest" });
    expect(parseRef("proj/mnist:v3")).toEqual({ entity: undefined, project: "proj", name: "mnist", selector: "v3" });
    expect(parseRef("me/proj/mnist:best")).toEqual({ entity: "me", project: "proj", name: "mnist", selector: "best" });
    expect(parseRef("a/b/c/d:v1")).toMatch(/invalid reference/);
  });
});
