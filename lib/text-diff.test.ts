import { describe, expect, it } from "vitest";
import { canonicalJson, diffTexts } from "./text-diff";

describe("canonicalJson", () => {
  it("sorts keys at every depth and indents, so key order is not a change", () => {
    expect(canonicalJson('{"b":1,"a":{"d":[{"y":1,"x":2}],"c":null}}')).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "x": 2,\n        "y": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
    expect(canonicalJson('{"lr":0.1,"epochs":3}')).toBe(canonicalJson('{\n"epochs": 3, "lr": 0.1}'));
  });
  it("returns null for text that is not JSON", () => {
    expect(canonicalJson("{lr: NaN}")).toBeNull();
  });
});

describe("diffTexts", () => {
  it("numbers lines on both sides and counts additions and removals", () => {
    const before = "a\nb\nc\nd\n";
    const after = "a\nB\nc\nd\ne\n";
    const diff = diffTexts(before, after, 1)!;
    expect(diff.added).toBe(2);
    expect(diff.removed).toBe(1);
    expect(diff.hunks).toHaveLength(1);
    expect(diff.hunks[0]!.lines).toEqual([
      { kind: "context", text: "a", oldNo: 1, newNo: 1 },
      { kind: "removed", text: "b", oldNo: 2 },
      { kind: "added", text: "B", newNo: 2 },
      { kind: "context", text: "c", oldNo: 3, newNo: 3 },
      { kind: "context", text: "d", oldNo: 4, newNo: 4 },
      { kind: "added", text: "e", newNo: 5 },
    ]);
  });
  it("keeps far-apart changes in separate hunks", () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    const changed = lines.map((l, i) => (i === 2 || i === 35 ? `${l}!` : l));
    const diff = diffTexts(`${lines.join("\n")}\n`, `${changed.join("\n")}\n`)!;
    expect(diff.hunks.map((h) => [h.oldStart, h.newStart])).toEqual([
      [1, 1],
      [33, 33],
    ]);
  });
  it("gives up (null) when too many lines differ", () => {
    const a = Array.from({ length: 2_500 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 2_500 }, (_, i) => `b${i}`).join("\n");
    expect(diffTexts(a, b)).toBeNull();
  });
});
