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

  it("orders like a comparison of whole code points, surrogates and prefixes included", () => {
    const byCodePoints = (a: string, b: string) => {
      const x = [...a].map((c) => c.codePointAt(0)!);
      const y = [...b].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    };
    // Characters around the edges that matter: ASCII, U+D7FF, U+E000, U+FFFF, astral ones (surrogate pairs).
    const alphabet = ["a", "b", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "\u{10000}", "\u{1F600}", "\u{10FFFF}"];
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const strings = Array.from({ length: 400 }, () => Array.from({ length: rand(4) }, () => alphabet[rand(alphabet.length)]).join(""));
    for (const a of strings) for (const b of strings.slice(0, 50)) expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(byCodePoints(a, b)));
  });

  it("sorts paths by code point, not UTF-16 unit or locale", () => {
    // U+FFFF sorts before U+10000 by code point; as UTF-16 units (0xD800…) it would sort after.
    const paths = ["\u{10000}.txt", "\uFFFF.txt", "a.txt", "B.txt", "é.txt"];
    expect([...paths].sort(compareCodePoints)).toEqual(["B.txt", "a.txt", "é.txt", "\uFFFF.txt", "\u{10000}.txt"]);
  });
});
