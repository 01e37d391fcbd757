import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PutVerifier } from "./verify";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const md5 = (b: Buffer) => createHash("md5").update(b).digest("base64");

async function verify(key: string, chunks: Buffer[], expected: ConstructorParameters<typeof PutVerifier>[1]) {
  const verifier = new PutVerifier(key, expected);
  for (const chunk of chunks) await verifier.update(chunk);
  return verifier.finish();
}

describe("PutVerifier", () => {
  it("answers the digests of what it saw and refuses bytes that are not the declared ones", async () => {
    const bytes = Buffer.from("some bytes");
    expect(await verify(sha(bytes), [bytes.subarray(0, 3), bytes.subarray(3)], { size: bytes.length, md5: md5(bytes) })).toEqual({ sha256: sha(bytes), size: bytes.length, md5: md5(bytes) });
    await expect(verify("0".repeat(64), [bytes], { size: bytes.length })).rejects.toThrow(/hash to SHA-256/);
    await expect(verify(sha(bytes), [bytes], { size: bytes.length, md5: "AAAAAAAAAAAAAAAAAAAAAA==" })).rejects.toThrow(/MD5/);
  });

  it("only counts an opaque body (a wrapper's ciphertext): the key comes back, no digest of bytes nobody reads", async () => {
    const ciphertext = Buffer.from("not the content the key names");
    const key = sha(Buffer.from("the content"));
    expect(await verify(key, [ciphertext], { size: ciphertext.length, opaque: true })).toEqual({ sha256: key, size: ciphertext.length, md5: "" });
    await expect(verify(key, [ciphertext], { size: ciphertext.length + 1, opaque: true })).rejects.toThrow(/declared/);
    await expect(verify(key, [ciphertext, ciphertext], { size: ciphertext.length, opaque: true })).rejects.toThrow(/longer than the declared/);
    // A declared MD5 is still checked.
    expect((await verify(key, [ciphertext], { size: ciphertext.length, opaque: true, md5: md5(ciphertext) })).md5).toBe(md5(ciphertext));
    await expect(verify(key, [ciphertext], { size: ciphertext.length, opaque: true, md5: md5(Buffer.from("x")) })).rejects.toThrow(/MD5/);
  });
});
