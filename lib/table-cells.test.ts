import { describe, expect, it } from "vitest";
import { BIG_INT_TYPE, cellJson, isBigIntCell, numberFromText } from "./table-cells";

describe("table cells", () => {
  it("keeps integers beyond 2^53 as their digits, every other number as a double", () => {
    expect(numberFromText("9007199254740993")).toEqual({ _type: BIG_INT_TYPE, digits: "9007199254740993" });
    expect(numberFromText("-12345678901234567890123")).toEqual({ _type: BIG_INT_TYPE, digits: "-12345678901234567890123" });
    expect(numberFromText("9007199254740991")).toBe(9007199254740991);
    expect(numberFromText("1.5e300")).toBe(1.5e300);
    expect(numberFromText("0.1")).toBe(0.1);
    expect(isBigIntCell(numberFromText("99999999999999999999"))).toBe(true);
  });

  it("writes big integers back as bare digits, nested too, and leaves look-alike strings alone", () => {
    const big = numberFromText("12345678901234567890");
    expect(cellJson(big)).toBe("12345678901234567890");
    expect(cellJson({ id: big, list: [big, 1], s: "\u0000x:0" })).toBe('{"id":12345678901234567890,"list":[12345678901234567890,1],"s":"\\u0000x:0"}');
    expect(cellJson({ id: big }, 2)).toBe('{\n  "id": 12345678901234567890\n}');
  });
});
