import { describe, expect, it } from "vitest";
import { checkMetadata, diffAliases, diffMetadata } from "./metadata";

describe("metadata", () => {
  it("refuses ±Infinity and non-objects, keeps NaN for JSON to turn into null", () => {
    expect(() => checkMetadata({ a: { b: [1, Number.NEGATIVE_INFINITY] } })).toThrow(/metadata\.a\.b\[1\]/);
    expect(() => checkMetadata([1])).toThrow(/JSON object/);
    expect(JSON.stringify(checkMetadata({ x: Number.NaN }))).toBe('{"x":null}');
  });

  it("save() merges changed keys, or replaces when assigned or a key was removed", () => {
    expect(diffMetadata({ a: 1, b: 2 }, { a: 1, b: 3, c: 4 }, false)).toEqual({ metadata: { b: 3, c: 4 } });
    expect(diffMetadata({ a: 1 }, { a: 1 }, false)).toEqual({});
    expect(diffMetadata({ a: 1, b: 2 }, { a: 1 }, false)).toEqual({ metadata: { a: 1 }, replaceMetadata: true });
    expect(diffMetadata({ a: 1 }, { z: 1 }, true)).toEqual({ metadata: { z: 1 }, replaceMetadata: true });
  });

  it("save() adds and removes aliases, or sets them when assigned", () => {
    expect(diffAliases(["latest"], ["latest", "best"], false)).toEqual({ add: ["best"], remove: [] });
    expect(diffAliases(["latest", "best"], ["best"], false)).toEqual({ add: [], remove: ["latest"] });
    expect(diffAliases(["latest"], ["latest"], false)).toBeUndefined();
    expect(diffAliases(["latest"], ["replaced"], true)).toEqual({ set: ["replaced"] });
  });
});
