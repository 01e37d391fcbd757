import { describe, expect, it } from "vitest";
import { listOption, parseAddSpec, parseCommandArgs, parseDuration, parseMetadata, parseReferenceSpec, stringOption, UsageError } from "./args";
import { patchCommand } from "./commands/patch";
import { cleanupCommand } from "./commands/cleanup";

describe("argument parsing", () => {
  it("--add PATH=NAME and repeatable --remove / --alias", () => {
    const { values, positionals } = parseCommandArgs(
      ["mnist:v3", "--add", "new.csv=data/new.csv", "--add", "extra", "--remove", "old.csv", "--alias", "best", "--alias", "prod"],
      patchCommand.options,
    );
    expect(positionals).toEqual(["mnist:v3"]);
    expect(listOption(values, "add").map((spec) => parseAddSpec(spec, () => false))).toEqual([{ path: "new.csv", name: "data/new.csv" }, { path: "extra" }]);
    expect(listOption(values, "remove")).toEqual(["old.csv"]);
    expect(listOption(values, "alias")).toEqual(["best", "prod"]);
  });

  it("--add keeps a path that exists whole, even with '='", () => {
    expect(parseAddSpec("a=b.txt", (path) => path === "a=b.txt")).toEqual({ path: "a=b.txt" });
    expect(parseAddSpec("a=b.txt=c.txt", (path) => path === "a=b.txt")).toEqual({ path: "a=b.txt", name: "c.txt" });
    expect(parseAddSpec("trailing=", () => false)).toEqual({ path: "trailing=" });
  });

  it("--reference URI[=NAME] splits at the last '='", () => {
    expect(parseReferenceSpec("s3://bucket/model.h5")).toEqual({ uri: "s3://bucket/model.h5" });
    expect(parseReferenceSpec("s3://bucket/model.h5=models/m.h5")).toEqual({ uri: "s3://bucket/model.h5", name: "models/m.h5" });
    expect(parseReferenceSpec("https://h/f?sig=abc=f.bin")).toEqual({ uri: "https://h/f?sig=abc", name: "f.bin" });
  });

  it("--older-than takes 7d, 12h, 30m, 2w or days", () => {
    const { values } = parseCommandArgs(["models", "--older-than", "7d", "--keep", "3", "--dry-run"], cleanupCommand.options);
    expect(parseDuration(stringOption(values, "older-than") ?? "")).toBe(7);
    expect(values["dry-run"]).toBe(true);
    expect(parseDuration("12h")).toBe(0.5);
    expect(parseDuration("30m")).toBeCloseTo(30 / 1440);
    expect(parseDuration("2w")).toBe(14);
    expect(parseDuration("3")).toBe(3);
    expect(parseDuration("1.5d")).toBe(1.5);
    expect(() => parseDuration("7 days")).toThrow(UsageError);
    expect(() => parseDuration("-1d")).toThrow(UsageError);
  });

  it("--metadata must be a JSON object", () => {
    expect(parseMetadata('{"rows": 10}')).toEqual({ rows: 10 });
    expect(() => parseMetadata("[1]")).toThrow(/JSON object/);
    expect(() => parseMetadata("{nope")).toThrow(/not valid JSON/);
  });

  it("unknown options and missing values are usage errors", () => {
    expect(() => parseCommandArgs(["--bogus"])).toThrow(UsageError);
    expect(() => parseCommandArgs(["--name"])).toThrow(UsageError);
    expect(() => parseCommandArgs(["x", "--add", "y"])).toThrow(UsageError);
  });
});
