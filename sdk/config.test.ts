import { describe, expect, it } from "vitest";
import { resolveSettings, toValidName } from "./config";

describe("settings", () => {
  it("explicit options win over ARCA_* variables, which win over defaults", () => {
    const env = { ARCA_BASE_URL: "http://arca:8080/", ARCA_ENTITY: "team", ARCA_PROJECT: "p1", ARCA_API_KEY: "k" };
    expect(resolveSettings({}, env)).toMatchObject({ baseUrl: "http://arca:8080", entity: "team", project: "p1", apiKey: "k" });
    expect(resolveSettings({ project: "p2", baseUrl: "http://x/api/v1" }, env)).toMatchObject({ baseUrl: "http://x", project: "p2" });
    const defaults = resolveSettings({}, {});
    expect(defaults.baseUrl).toBe("http://127.0.0.1:3000");
    expect(defaults.project).toBe("uncategorized");
    expect(defaults.entity).toMatch(/^[A-Za-z0-9_.-]{1,128}$/);
  });

  it("refuses invalid namespace names", () => {
    expect(() => resolveSettings({ entity: "a/b" }, {})).toThrow(/invalid entity/);
  });

  it("toValidName keeps the name character set", () => {
    expect(toValidName("my data set (v2)")).toBe("my-data-set-v2");
    expect(toValidName("train.csv")).toBe("train.csv");
    expect(toValidName("***")).toBe("");
  });
});
