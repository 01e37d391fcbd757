import { describe, expect, it } from "vitest";
import { compareCodePoints, computeManifestDigest, md5Base64 } from "./digest";

// Expected values computed by hand with coreutils, following SPEC 2:
//   printf 'hello' | openssl md5 -binary | base64
//   printf 'wandb-artifact-manifest-v1\na.txt:XUFA…\nb/c.txt:CM+C…\n' | md5sum
describe("W&B manifest digest", () => {
  it("encodes a file entry digest as base64 of the MD5", () => {
    expect(md5Base64("hello")).toBe("XUFAKrxLKna5cZ2REBfFkg==");
    expect(md5Base64("world!")).toBe("CM+CJRyXWl6XNGmfrfXpwA==");
  });

  it("matches the digest computed by hand, whatever the entry order", () => {
    const entries = [
      { path: "b/c.txt", digest: "CM+CJRyXWl6XNGmfrfXpwA==" },
      { path: "a.txt", digest: "XUFAKrxLKna5cZ2REBfFkg==" },
    ];
    expect(computeManifestDigest(entries)).toBe("a5e975a3c537b6e08023663beefee224");
    expect(computeManifestDigest([...entries].reverse())).toBe("a5e975a3c537b6e08023663beefee224");
  });

  it("of an empty manifest is the MD5 of the header alone", () => {
    expect(computeManifestDigest([])).toBe("64e7c61456b10382e2f3b571ac24b659");
  });

  it("sorts paths by code point, not UTF-16 unit or locale", () => {
    // U+FFFF sorts before U+10000 by code point; as UTF-16 units (0xD800…) it would sort after.
    const paths = ["\u{10000}.txt", "\uFFFF.txt", "a.txt", "B.txt", "é.txt"];
    expect([...paths].sort(compareCodePoints)).toEqual(["B.txt", "a.txt", "é.txt", "\uFFFF.txt", "\u{10000}.txt"]);
  });
});
