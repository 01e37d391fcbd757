import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a same-site path with its query", () => {
    expect(safeNextPath("/demo/mnist-pipeline?tab=runs")).toBe("/demo/mnist-pipeline?tab=runs");
  });
  it("refuses other hosts and schemes", () => {
    for (const bad of ["//evil.example/x", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "evil", "", null, undefined, "/\tx"]) {
      expect(safeNextPath(bad)).toBe("/");
    }
  });
  it("does not loop back to the sign-in page", () => {
    expect(safeNextPath("/sign-in?next=/x")).toBe("/");
  });
});
