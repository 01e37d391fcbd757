import { describe, expect, it } from "vitest";
import { parseDelimited } from "./csv";

describe("parseDelimited", () => {
  it("reads quoted fields, doubled quotes, embedded delimiters and line breaks", () => {
    const text = 'id,name,note\r\n1,"Smith, J","said ""hi""\nthen left"\n2,,plain\n';
    expect(parseDelimited(text, ",", 10)).toEqual({
      rows: [["id", "name", "note"], ["1", "Smith, J", 'said "hi"\nthen left'], ["2", "", "plain"]],
      more: false,
    });
  });

  it("stops at maxRows and says more text remains; reads TSV and a last line without newline", () => {
    expect(parseDelimited("a\tb\n1\t2\n3\t4", "\t", 2)).toEqual({ rows: [["a", "b"], ["1", "2"]], more: true });
    expect(parseDelimited("a\tb\n1\t2", "\t", 5)).toEqual({ rows: [["a", "b"], ["1", "2"]], more: false });
  });
});
