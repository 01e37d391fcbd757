import { describe, expect, it } from "vitest";
import { parseMetadataInput } from "./json-input";

describe("parseMetadataInput", () => {
  it("accepts an object", () => {
    expect(parseMetadataInput('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });
  it("says where invalid JSON breaks, by line and column", () => {
    const result = parseMetadataInput('{\n  "a": 1,\n  "b": oops\n}');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/line 3, column 8/);
  });
  it("refuses arrays and scalars", () => {
    expect(parseMetadataInput("[1]")).toMatchObject({ ok: false, error: /JSON object/ });
    expect(parseMetadataInput("3")).toMatchObject({ ok: false });
  });
});
