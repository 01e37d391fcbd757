// `node bench/encryption.mjs [MiB]`: put + read a blob (1 GiB by default) through LocalBlobStore, in the
// clear and through EncryptedBlobStore (AES-256-GCM, 64 KiB chunks); prints MiB/s and the ratio.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { tsImport } from "tsx/esm/api";

const mib = Number(process.argv[2] ?? 1024);
const { LocalBlobStore } = await tsImport("../server/storage/local-blob-store.ts", import.meta.url);
const { EncryptedBlobStore } = await tsImport("../server/storage/encrypted-blob-store.ts", import.meta.url);
const { readKeyring } = await tsImport("../server/storage/keyring.ts", import.meta.url);

// 1 MiB pieces, as an upload arrives; each piece differs so nothing is accidentally cheap.
const base = randomBytes(1 << 20);
function* body() {
  for (let i = 0; i < mib; i++) {
    const piece = Buffer.from(base);
    piece.writeUInt32BE(i, 0);
    yield piece;
  }
}
const sha = createHash("sha256");
const md5 = createHash("md5");
for (const piece of body()) {
  sha.update(piece);
  md5.update(piece);
}
const sha256 = sha.digest("hex");
const expected = { size: mib << 20, md5: md5.digest("base64") };

async function measure(label, wrap) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-bench-enc-"));
  try {
    const store = wrap(new LocalBlobStore(dir));
    let t = performance.now();
    await store.put(sha256, body(), expected);
    const put = mib / ((performance.now() - t) / 1000);
    t = performance.now();
    let n = 0;
    for await (const part of await store.read(sha256)) n += part.length;
    if (n !== expected.size) throw new Error(`read ${n} bytes, expected ${expected.size}`);
    const read = mib / ((performance.now() - t) / 1000);
    console.log(`${label.padEnd(10)} put ${put.toFixed(0).padStart(5)} MiB/s   read ${read.toFixed(0).padStart(5)} MiB/s`);
    return { put, read };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`encryption at rest: ${mib} MiB through LocalBlobStore (${os.cpus().length} cores, node ${process.version})`);
const plain = await measure("clear", (s) => s);
const keyring = readKeyring({ ARCA_ENCRYPTION_KEY: randomBytes(32).toString("base64") });
const enc = await measure("encrypted", (s) => new EncryptedBlobStore(s, keyring));
console.log(`encrypted / clear: put ${(enc.put / plain.put).toFixed(2)}, read ${(enc.read / plain.read).toFixed(2)}`);
