import { describe, expect, it } from "vitest";
import { undoChangeFor } from "./undo-change";

describe("undoChangeFor", () => {
  const before = { description: "old words", metadata: { lr: 0.1, epochs: 3 } };
  it("restores the description that a save overwrites", () => {
    expect(undoChangeFor(before, { description: "new words" })).toEqual({ description: "old words" });
  });
  it("puts the whole previous metadata back, so keys a merge added go away too", () => {
    expect(undoChangeFor(before, { metadata: { lr: 0.01, extra: true } })).toEqual({ metadata: { lr: 0.1, epochs: 3 }, replaceMetadata: true });
    expect(undoChangeFor({ ...before, metadata: {} }, { metadata: { a: 1 }, replaceMetadata: true })).toEqual({ metadata: {}, replaceMetadata: true });
  });
  it("has nothing to undo for alias changes", () => {
    expect(undoChangeFor(before, { aliases: { add: ["best"] } })).toBeNull();
  });
});
