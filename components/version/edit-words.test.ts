import { describe, expect, it } from "vitest";
import { describeEdit, type Edit } from "./edit-words";

const edit = (e: Partial<Edit> & Pick<Edit, "action">): Edit => ({ id: 1, actor: "alice", before: null, after: null, createdAt: "2026-12-01T00:00:00.000Z", ...e });

describe("describeEdit", () => {
  it("says where an alias went, or that it was added or removed", () => {
    expect(describeEdit(edit({ action: "aliases", before: ["best"], after: [], moves: [{ alias: "best", from: "v35", to: "v29" }] }))).toBe("moved best from v35 to v29");
    expect(describeEdit(edit({ action: "aliases", before: [], after: ["prod"], moves: [{ alias: "prod", from: null, to: "v3" }] }))).toBe("added prod");
    expect(describeEdit(edit({ action: "aliases", before: ["x", "y"], after: ["x"] }))).toBe("removed y");
  });

  it("names metadata keys set, changed and removed", () => {
    expect(describeEdit(edit({ action: "metadata", before: { lr: 0.1, old: 1 }, after: { lr: 0.01, epochs: 3 } }))).toBe("changed lr from 0.1 to 0.01, set epochs to 3, removed old");
  });

  it("describes description edits and deletion", () => {
    expect(describeEdit(edit({ action: "description", before: "", after: "x" }))).toBe("wrote the description");
    expect(describeEdit(edit({ action: "description", before: "a", after: "b" }))).toBe("edited the description");
    expect(describeEdit(edit({ action: "delete", before: {}, after: {} }))).toBe("deleted this version");
  });
});
