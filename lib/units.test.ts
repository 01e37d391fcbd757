import { describe, expect, it } from "vitest";
import { formatBytes, groupThousands, plural } from "./units";

describe("formatBytes", () => {
  it("uses binary units, one decimal below 100 and none above", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1024)).toBe("1.0 KiB");
    expect(formatBytes(15_667)).toBe("15.3 KiB");
    expect(formatBytes(435_200)).toBe("425 KiB");
    expect(formatBytes(1024 * 1024 - 20)).toBe("1.0 MiB");
    expect(formatBytes(5 * 1024 ** 3)).toBe("5.0 GiB");
    expect(formatBytes(-2048)).toBe("-2.0 KiB");
  });
});

describe("plural", () => {
  it("adds s, or takes the irregular plural", () => {
    expect(plural(1, "version")).toBe("1 version");
    expect(plural(2, "version")).toBe("2 versions");
    expect(plural(7, "match", "matches")).toBe("7 matches");
    expect(plural(1, "match", "matches")).toBe("1 match");
    expect(plural(12_000, "row")).toBe("12,000 rows");
  });

  it("groups thousands as toLocaleString(\"en-US\") does", () => {
    for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 123_456_789, -1234, -999, 2 ** 53 - 1, 1.5, -0.25]) {
      expect(groupThousands(n)).toBe(n.toLocaleString("en-US"));
    }
  });
});
