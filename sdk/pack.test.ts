import { describe, expect, it } from "vitest";
import { packSmallBlobs } from "./pipeline";

const item = (size: number, name = String(size)) => ({ blob: { localPath: name, sha256: name, size } });

describe("packSmallBlobs", () => {
  it("packs small blobs up to 32 MiB or 256 blobs and sends big ones alone", () => {
    const MiB = 1 << 20;
    const packs = packSmallBlobs([item(MiB, "a"), item(9 * MiB, "big"), ...Array.from({ length: 40 }, (_, i) => item(MiB, `s${i}`))]);
    // The big blob leaves at once; the small ones fill a pack to exactly 32 MiB, the rest start the next.
    expect(packs.map((p) => p.map((x) => x.blob.localPath))).toEqual([
      ["big"],
      ["a", ...Array.from({ length: 31 }, (_, i) => `s${i}`)],
      Array.from({ length: 9 }, (_, i) => `s${i + 31}`),
    ]);
    expect(packSmallBlobs(Array.from({ length: 300 }, () => item(10))).map((p) => p.length)).toEqual([256, 44]);
  });
});
