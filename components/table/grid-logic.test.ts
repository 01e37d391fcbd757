import { describe, expect, it } from "vitest";
import { defaultFilterColumn, defaultFilterOp, fillSizes, idColumn, stepRow, toApiFilter } from "./grid-logic";

const demo = [
  { name: "id", type: "int" },
  { name: "image", type: "image" },
  { name: "label", type: "string" },
  { name: "confidence", type: "float" },
];

describe("defaultFilterColumn", () => {
  it("starts on the first string column, not the first column", () => {
    expect(defaultFilterColumn(demo)).toBe("label");
  });
  it("falls back to a filterable column, then the first, then nothing", () => {
    expect(defaultFilterColumn([{ name: "pic", type: "image" }, { name: "score", type: "float" }])).toBe("score");
    expect(defaultFilterColumn([{ name: "pic", type: "image" }])).toBe("pic");
    expect(defaultFilterColumn([])).toBe("");
  });
});

describe("defaultFilterOp", () => {
  it("suggests the operator by type", () => {
    expect(defaultFilterOp("float")).toBe("range");
    expect(defaultFilterOp("int")).toBe("range");
    expect(defaultFilterOp("bool")).toBe("eq");
    expect(defaultFilterOp("string")).toBe("contains");
    expect(defaultFilterOp(undefined)).toBe("contains");
  });
});

describe("idColumn", () => {
  it("finds a table's own id column", () => {
    expect(idColumn(demo)).toBe("id");
    expect(idColumn([{ name: "Row_ID", type: "string" }])).toBe("Row_ID");
  });
  it("ignores look-alikes and id columns that hold JSON", () => {
    expect(idColumn([{ name: "video_id", type: "int" }, { name: "idea", type: "string" }])).toBeNull();
    expect(idColumn([{ name: "id", type: "json" }])).toBeNull();
  });
});

describe("toApiFilter", () => {
  it("numbers columns by name and drops unknown ones", () => {
    const names = demo.map((c) => c.name);
    expect(toApiFilter({ c: "label", op: "eq", v: "seven" }, names)).toEqual([{ column: 2, op: "eq", value: "seven" }]);
    expect(toApiFilter({ c: "confidence", op: "range", min: 0.9 }, names)).toEqual([{ column: 3, op: "range", min: 0.9, max: undefined }]);
    expect(toApiFilter({ c: "nope", op: "null" }, names)).toEqual([]);
  });
});

describe("stepRow", () => {
  const rows = [40, 12, 7];
  it("moves within the page in view order", () => {
    expect(stepRow(rows, 12, 1, 2, 3)).toEqual({ row: 7 });
    expect(stepRow(rows, 12, -1, 2, 3)).toEqual({ row: 40 });
  });
  it("crosses to the neighbouring page", () => {
    expect(stepRow(rows, 7, 1, 2, 3)).toEqual({ page: 3, take: "first" });
    expect(stepRow(rows, 40, -1, 2, 3)).toEqual({ page: 1, take: "last" });
  });
  it("stops at the ends, and when the open row is not on the page", () => {
    expect(stepRow(rows, 7, 1, 3, 3)).toBeNull();
    expect(stepRow(rows, 40, -1, 1, 3)).toBeNull();
    expect(stepRow(rows, 99, 1, 1, 3)).toBeNull();
  });
});

describe("fillSizes", () => {
  const base = { row: 60, id: 100, label: 200, score: 100 };
  it("shares the spare width in proportion, keeping the row column", () => {
    expect(fillSizes(base, {}, 860, new Set(["row"]))).toEqual({ row: 60, id: 200, label: 400, score: 200 });
  });
  it("keeps widths the user chose and fills around them", () => {
    expect(fillSizes(base, { label: 500 }, 860, new Set(["row"]))).toEqual({ row: 60, id: 150, label: 500, score: 150 });
  });
  it("never shrinks below the base widths (the grid scrolls instead)", () => {
    expect(fillSizes(base, { label: 900 }, 860, new Set(["row"]))).toEqual({ row: 60, id: 100, label: 900, score: 100 });
    expect(fillSizes(base, {}, 0)).toEqual(base);
  });
});
