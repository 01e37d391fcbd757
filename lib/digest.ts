import { createHash } from "node:crypto";

/** One manifest entry as far as the digest is concerned: only path and entry digest count. */
export interface DigestEntry {
  path: string;
  digest: string;
}

const MANIFEST_HEADER = "wandb-artifact-manifest-v1\n";

/** Code-point order (not UTF-16 unit order, not locale order): what W&B's Python `sorted()` does. */
export function compareCodePoints(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done === y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx - cy;
  }
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
