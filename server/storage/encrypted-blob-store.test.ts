import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeBlobStore } from "./blob-store.contract";
import { CHUNK_BYTES, EncryptedBlobStore, HEADER_BYTES, encryptedSize } from "./encrypted-blob-store";
import { readKeyring, type Keyring } from "./keyring";
import { LocalBlobStore } from "./local-blob-store";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const md5 = (b: Buffer) => createHash("md5").update(b).digest("base64");
const newKey = () => randomBytes(32).toString("base64");
const keyring = (key: string, old: string[] = []): Keyring => readKeyring({ ARCA_ENCRYPTION_KEY: key, ARCA_ENCRYPTION_OLD_KEYS: old.join(",") })!;

/** Byte comparison by length + digest: vitest's toEqual walks a Buffer element by element (seconds for 200 KB). */
const same = (b: Buffer) => ({ size: b.length, sha256: sha(b) });

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

let dir: string;
let local: LocalBlobStore;
let key: string;
let store: EncryptedBlobStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-enc-"));
  local = new LocalBlobStore(dir);
  key = newKey();
  store = new EncryptedBlobStore(local, keyring(key));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Puts `bytes` in pieces of `piece` bytes (uploads arrive in arbitrary pieces, not in chunk-sized ones). */
async function put(bytes: Buffer, piece = 10_000) {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += piece) parts.push(bytes.subarray(i, i + piece));
  return store.put(sha(bytes), parts, { size: bytes.length, md5: md5(bytes) });
}

describeBlobStore("encrypted over a local directory", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "arca-enc-contract-"));
  const tmp = path.join(root, "tmp");
  return {
    store: new EncryptedBlobStore(new LocalBlobStore(root), keyring(newKey())),
    plantLeftovers: async () => {
      await fs.promises.writeFile(path.join(tmp, "killed-upload"), "partial");
      return 1;
    },
    countLeftovers: async () => (await fs.promises.readdir(tmp)).filter((name) => name !== "staged").length,
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
});

describe("EncryptedBlobStore", () => {
  it.each([0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 7])("round-trips %i bytes, stored as ciphertext of the computed size", async (size) => {
    const bytes = randomBytes(size);
    expect(await put(bytes)).toEqual({ sha256: sha(bytes), size, md5: md5(bytes) });
    const onDisk = fs.readFileSync(local.pathOf(sha(bytes)));
    expect(onDisk.length).toBe(encryptedSize(size));
    expect(onDisk.subarray(0, 8).toString()).toBe("ARCAENC1");
    expect(same(await collect(await store.read(sha(bytes))))).toEqual(same(bytes));
  });

  it("stores no plaintext: a recognisable text does not appear in the file", async () => {
    const bytes = Buffer.from("the secret weights of a model nobody may read. ".repeat(5000));
    await put(bytes);
    const onDisk = fs.readFileSync(local.pathOf(sha(bytes)));
    expect(onDisk.includes(Buffer.from("secret weights"))).toBe(false);
    expect(onDisk.includes(bytes.subarray(0, 32))).toBe(false);
  });

  it("reads ranges inside one chunk and across chunk boundaries, decrypting only what is needed", async () => {
    const bytes = randomBytes(3 * CHUNK_BYTES + 7);
    await put(bytes);
    const C = CHUNK_BYTES;
    for (const [start, end] of [
      [0, 0],
      [5, 99],
      [C - 1, C],
      [C - 10, 2 * C + 10],
      [C, 2 * C - 1],
      [3 * C, 3 * C + 6],
      [3 * C + 6, 3 * C + 6],
      [0, bytes.length - 1],
      [100, bytes.length + 1000], // past the end: clamped like a file read
    ] as const) {
      expect(same(await collect(await store.read(sha(bytes), { start, end }))), `${start}-${end}`).toEqual(same(bytes.subarray(start, end + 1)));
    }
    expect(same(await collect(await store.read(sha(bytes), { start: bytes.length, end: bytes.length + 5 })))).toEqual(same(Buffer.alloc(0)));
  });

  it("refuses a body that does not match what was declared, and stores nothing", async () => {
    const bytes = randomBytes(CHUNK_BYTES + 5);
    await expect(store.put(sha(bytes), [bytes], { size: bytes.length + 1 })).rejects.toThrow(/declared/);
    await expect(store.put(sha(bytes), [bytes], { size: bytes.length - 1 })).rejects.toThrow(/longer than the declared/);
    await expect(store.put("f".repeat(64), [bytes], { size: bytes.length })).rejects.toThrow(/SHA-256/);
    await expect(store.put(sha(bytes), [bytes], { size: bytes.length, md5: "AAAAAAAAAAAAAAAAAAAAAA==" })).rejects.toThrow(/MD5/);
    expect(await store.has(sha(bytes))).toBe(false);
    expect(fs.readdirSync(path.join(dir, "tmp"))).toEqual([]);
  });

  it("refuses a blob written with another key, naming both key ids", async () => {
    const bytes = randomBytes(100);
    await put(bytes);
    const other = keyring(newKey());
    const stranger = new EncryptedBlobStore(local, other);
    const err = await stranger.read(sha(bytes)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "UNREADABLE_BLOB" });
    expect((err as Error).message).toBe(
      `blob ${sha(bytes)} is encrypted with key id ${keyring(key).current.id}; this server has key id ${other.current.id}: start it with the key that wrote it (ARCA_ENCRYPTION_KEY, or ARCA_ENCRYPTION_OLD_KEYS while rotating)`,
    );
    // With the old key on its keyring it reads, and new blobs get the new key.
    const rotating = new EncryptedBlobStore(local, keyring(newKey(), [key]));
    expect(same(await collect(await rotating.read(sha(bytes))))).toEqual(same(bytes));
  });

  it.each([
    ["a flipped byte in the first chunk", (f: Buffer) => (f[HEADER_BYTES + 3]! ^= 1)],
    ["a flipped byte in the last chunk's tag", (f: Buffer) => (f[f.length - 1]! ^= 1)],
    ["an edited plaintext size in the header", (f: Buffer) => (f[27]! ^= 1)],
  ])("refuses a blob with %s rather than return garbage", async (_label, tamper) => {
    const bytes = randomBytes(2 * CHUNK_BYTES + 3);
    await put(bytes);
    const file = local.pathOf(sha(bytes));
    const data = fs.readFileSync(file);
    tamper(data);
    fs.writeFileSync(file, data);
    await expect(store.read(sha(bytes)).then(collect)).rejects.toMatchObject({ code: "UNREADABLE_BLOB", message: expect.stringMatching(/altered or damaged|cut short/) as unknown });
  });

  it("refuses swapped chunks and a blob whose last chunk was dropped", async () => {
    const bytes = randomBytes(3 * CHUNK_BYTES);
    await put(bytes);
    const file = local.pathOf(sha(bytes));
    const data = fs.readFileSync(file);
    const frame = CHUNK_BYTES + 16;
    const first = data.subarray(HEADER_BYTES, HEADER_BYTES + frame);
    const second = data.subarray(HEADER_BYTES + frame, HEADER_BYTES + 2 * frame);
    fs.writeFileSync(file, Buffer.concat([data.subarray(0, HEADER_BYTES), second, first, data.subarray(HEADER_BYTES + 2 * frame)]));
    await expect(store.read(sha(bytes)).then(collect)).rejects.toThrow(/failed authentication at chunk 0/);

    fs.writeFileSync(file, data.subarray(0, data.length - frame));
    await expect(store.read(sha(bytes)).then(collect)).rejects.toThrow(/cut short \(chunk 2 of 3 is missing\)/);
    // A range read that needs only the surviving chunks still works.
    expect(same(await collect(await store.read(sha(bytes), { start: 10, end: 20 })))).toEqual(same(bytes.subarray(10, 21)));
  });

  it("reads blobs stored before encryption was turned on as they are", async () => {
    const bytes = Buffer.from("stored in the clear, before ARCA_ENCRYPTION_KEY was set");
    await local.put(sha(bytes), [bytes], { size: bytes.length });
    expect(same(await collect(await store.read(sha(bytes))))).toEqual(same(bytes));
    expect(same(await collect(await store.read(sha(bytes), { start: 7, end: 11 })))).toEqual(same(bytes.subarray(7, 12)));
    expect(await store.keyIdOf(sha(bytes))).toBeNull();
    const empty = Buffer.alloc(0);
    await local.put(sha(empty), [], { size: 0 });
    expect(same(await collect(await store.read(sha(empty))))).toEqual(same(empty));
  });

  it("reports a missing blob as not found", async () => {
    await expect(store.read("a".repeat(64))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("EncryptedBlobStore: staged objects (W&B multipart parts)", () => {
  const md5Hex = (b: Buffer) => createHash("md5").update(b).digest("hex");
  const stagedFile = (key: string) => path.join(dir, "tmp", "staged", key);

  it.each([0, 1, CHUNK_BYTES, 3 * CHUNK_BYTES + 7])("round-trips %i bytes, stored as ciphertext with no plaintext in the file", async (size) => {
    const bytes = Buffer.alloc(size, "part of the secret weights. ");
    const parts: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 10_000) parts.push(bytes.subarray(i, i + 10_000));
    expect(await store.putStaged("part-1", parts, { size, md5Hex: md5Hex(bytes) })).toEqual({ size, md5Hex: md5Hex(bytes) });
    const onDisk = fs.readFileSync(stagedFile("part-1"));
    expect(onDisk.length).toBe(encryptedSize(size));
    expect(onDisk.subarray(0, 8).toString()).toBe("ARCAENC1");
    if (size > 0) expect(onDisk.includes(Buffer.from("secret weights"))).toBe(false);
    expect(same(await collect(await store.readStaged("part-1")))).toEqual(same(bytes));
  });

  it("binds a staged object to its key: moved under another key, it fails authentication", async () => {
    const bytes = randomBytes(2 * CHUNK_BYTES);
    await store.putStaged("part-1", [bytes], { size: bytes.length, md5Hex: md5Hex(bytes) });
    fs.renameSync(stagedFile("part-1"), stagedFile("part-2"));
    await expect(collect(await store.readStaged("part-2"))).rejects.toMatchObject({ code: "UNREADABLE_BLOB", message: expect.stringContaining("staged object part-2 failed authentication") });
  });

  it("refuses a staged object cut short or written with a key this server lacks", async () => {
    const bytes = randomBytes(2 * CHUNK_BYTES);
    await store.putStaged("part-1", [bytes], { size: bytes.length, md5Hex: md5Hex(bytes) });
    const file = stagedFile("part-1");
    fs.truncateSync(file, fs.statSync(file).size - 100);
    await expect(collect(await store.readStaged("part-1"))).rejects.toMatchObject({ message: expect.stringContaining("cut short") });
    await store.putStaged("part-2", [bytes], { size: bytes.length, md5Hex: md5Hex(bytes) });
    const other = new EncryptedBlobStore(local, keyring(newKey()));
    await expect(other.readStaged("part-2").then(collect)).rejects.toMatchObject({ message: expect.stringContaining("which this server lacks") });
  });

  it("reads a part staged before encryption was turned on as it is", async () => {
    const bytes = Buffer.from("staged in the clear");
    await local.putStaged("part-1", [bytes], { size: bytes.length, md5Hex: md5Hex(bytes) });
    expect(same(await collect(await store.readStaged("part-1")))).toEqual(same(bytes));
  });
});

describe("readKeyring", () => {
  it("is off without a key, and refuses malformed keys in words", () => {
    expect(readKeyring({})).toBeUndefined();
    expect(() => readKeyring({ ARCA_ENCRYPTION_KEY: "c2hvcnQ=" })).toThrow(/ARCA_ENCRYPTION_KEY must be 32 random bytes in base64.*openssl rand -base64 32/);
    expect(() => readKeyring({ ARCA_ENCRYPTION_KEY: newKey(), ARCA_ENCRYPTION_OLD_KEYS: `${newKey()},nope` })).toThrow(/ARCA_ENCRYPTION_OLD_KEYS \(key 2\) must be/);
    expect(() => readKeyring({ ARCA_ENCRYPTION_OLD_KEYS: newKey() })).toThrow(/ARCA_ENCRYPTION_KEY is not/);
    const k = Buffer.alloc(32, 7);
    const ring = readKeyring({ ARCA_ENCRYPTION_KEY: k.toString("base64") })!;
    expect(ring.current.id).toBe(createHash("sha256").update(k).digest("hex").slice(0, 8));
  });
});
