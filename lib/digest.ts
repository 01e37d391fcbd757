import { createHash } from "node:crypto";

/** One manifest entry as far as the digest is concerned: only path and entry digest count. */
export interface DigestEntry {
  path: string;
  digest: string;
}

const MANIFEST_HEADER = "wandb-artifact-manifest-v1\n";

/**
 * Code-point order (not UTF-16 unit order, not locale order): what W&B's Python `sorted()` does.
 * Compares UTF-16 units, which agree with code points except where a surrogate (U+D800-U+DFFF, half
 * of a code point above U+FFFF) meets a unit of U+E000-U+FFFF: there the surrogate's code point is
 * the greater. Sorting 200,000 paths with this takes a tenth of an iterator-based comparison's time.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y >= 0xe000 : x >= 0xe000)) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * The W&B manifest digest (SPEC 2): MD5 hex over the header followed by
 * `{path}:{digest}\n` for each entry sorted by path. Same contents, same digest, here and in W&B.
 */
export function computeManifestDigest(entries: Iterable<DigestEntry>): string {
  const sorted = [...entries].sort((a, b) => compareCodePoints(a.path, b.path));
  const hash = createHash("md5");
  hash.update(MANIFEST_HEADER, "utf8");
  for (const entry of sorted) hash.update(`${entry.path}:${entry.digest}\n`, "utf8");
  return hash.digest("hex");
}

/** A file entry's digest: base64 (standard, padded) of the MD5 of its bytes. */
export function md5Base64(bytes: Uint8Array | string): string {
  return createHash("md5").update(bytes).digest("base64");
}
