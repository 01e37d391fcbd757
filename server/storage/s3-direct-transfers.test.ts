import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { uploadDirect } from "@/sdk/direct";
import type { UploadPlan } from "./direct-transfers";
import { S3BlobStore } from "./s3-blob-store";
import { S3DirectTransfers, type S3DirectOptions } from "./s3-direct-transfers";
import { listLeftovers, useS3rver } from "./testing/s3rver";

const MiB = 1024 * 1024;
const testS3 = useS3rver();
/** An s3rver that checks `x-amz-checksum-sha256` as AWS S3 and MinIO do. */
const checkingS3 = useS3rver({ checksums: true });

function setUp(options: Partial<S3DirectOptions> = {}, s3 = testS3()) {
  const prefix = `d-${randomUUID()}/`;
  const store = new S3BlobStore({ client: s3.client, bucket: s3.bucket, prefix });
  const direct = new S3DirectTransfers({ store, presignClient: s3.client, ...options });
  return { prefix, store, direct };
}

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const md5 = (bytes: Buffer) => createHash("md5").update(bytes).digest("base64");

async function put(plan: UploadPlan, body: Buffer): Promise<Response> {
  if (plan.kind !== "put") throw new Error("expected a single PUT plan");
  return fetch(plan.url, { method: "PUT", body: new Uint8Array(body), headers: plan.headers });
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Objects under the prefix that are not published blobs: what must be gone after every adopt. */
async function tempObjects(prefix: string, s3 = testS3()): Promise<string[]> {
  const { objects, uploads } = await listLeftovers(s3, prefix);
  return [...objects.filter((key) => !key.startsWith(`${prefix}blobs/`)), ...uploads];
}

function tempFile(bytes: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "arca-direct-")), "blob.bin");
  fs.writeFileSync(file, bytes);
  return file;
}

describe("direct transfers on S3 (s3rver)", () => {
  it("publishes a pre-signed PUT under the blob key only after adopt verified it, and serves it with a pre-signed GET", async () => {
    const { prefix, store, direct } = setUp();
    const bytes = randomBytes(3000);
    const plan = await direct.planUpload({ sha256: sha(bytes), size: bytes.length });
    expect(plan).toMatchObject({ kind: "put", key: expect.stringMatching(new RegExp(`^${prefix}tmp/direct/`)) });
    expect((await put(plan, bytes)).status).toBe(200);
    expect(await store.has(sha(bytes))).toBe(false); // uploaded, not yet verified: not a blob

    expect(await direct.adopt({ sha256: sha(bytes), size: bytes.length, key: plan.key })).toEqual({ sha256: sha(bytes), size: bytes.length, md5: md5(bytes) });
    expect(await store.has(sha(bytes))).toBe(true);
    expect(await tempObjects(prefix)).toEqual([]);

    const url = await direct.downloadUrl(sha(bytes), { filename: "weights v1.bin" });
    const got = await fetch(url);
    expect(got.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''weights%20v1.bin");
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("refuses bytes that do not match the declared SHA-256 or size, publishes nothing and removes the upload", async () => {
    const { prefix, store, direct } = setUp();
    const declared = randomBytes(100);
    const plan = await direct.planUpload({ sha256: sha(declared), size: declared.length });
    await put(plan, randomBytes(100)); // same length, other bytes (s3rver does not check the checksum header)
    await expect(direct.adopt({ sha256: sha(declared), size: 100, key: plan.key })).rejects.toThrow(/hash to SHA-256 [0-9a-f]{64}, not the declared/);
    expect(await store.has(sha(declared))).toBe(false);

    const short = await direct.planUpload({ sha256: sha(declared), size: 100 });
    await fetch(short.kind === "put" ? short.url : "", { method: "PUT", body: new Uint8Array(declared.subarray(0, 50)), headers: short.kind === "put" ? short.headers : {} });
    await expect(direct.adopt({ sha256: sha(declared), size: 100, key: short.key })).rejects.toThrow(/has 50 bytes, but 100 were declared/);
    expect(await tempObjects(prefix)).toEqual([]);
  });

  it("refuses keys it did not hand out and uploads that never happened, with what to do", async () => {
    const { prefix, store, direct } = setUp();
    const bytes = randomBytes(10);
    await expect(direct.adopt({ sha256: sha(bytes), size: 10, key: store.keyOf(sha(bytes)) })).rejects.toThrow(/not an upload this server handed out/);
    await expect(direct.adopt({ sha256: sha(bytes), size: 10, key: `${prefix}tmp/direct/../../other` })).rejects.toThrow(/not an upload this server handed out/);
    const plan = await direct.planUpload({ sha256: sha(bytes), size: 10 });
    await expect(direct.adopt({ sha256: sha(bytes), size: 10, key: plan.key })).rejects.toThrow(/nothing was uploaded for [0-9a-f]{64}: PUT the bytes to the plan's URL/);
  });

  it("signs URLs for one object, its length and checksum, for 15 minutes (the store enforces them; s3rver skips V4 checks)", async () => {
    const { direct } = setUp();
    const bytes = randomBytes(10);
    const plan = await direct.planUpload({ sha256: sha(bytes), size: 10 });
    if (plan.kind !== "put") throw new Error("expected a PUT");
    const url = new URL(plan.url);
    expect(decodeURIComponent(url.pathname)).toBe(`/${testS3().bucket}/${plan.key}`);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("900");
    expect(url.searchParams.get("X-Amz-SignedHeaders")?.split(";")).toEqual(["content-length", "host", "x-amz-checksum-sha256"]);
    expect(plan.headers).toEqual({ "x-amz-checksum-sha256": Buffer.from(sha(bytes), "hex").toString("base64") });
  });

  it("uploads a big blob as parts from the SDK, completes it and publishes it, also past CopyObject's limit", async () => {
    const { prefix, store, direct } = setUp({ singlePutMaxBytes: 5 * MiB, partBytes: 5 * MiB, maxCopyBytes: 6 * MiB, copyPartBytes: 5 * MiB });
    const bytes = randomBytes(12 * MiB + 7);
    const plan = await direct.planUpload({ sha256: sha(bytes), size: bytes.length });
    expect(plan).toMatchObject({ kind: "multipart", partBytes: 5 * MiB, parts: [{ number: 1 }, { number: 2 }, { number: 3 }] });
    let sent = 0;
    const finished = await uploadDirect({ localPath: tempFile(bytes), sha256: sha(bytes), size: bytes.length }, plan, (n) => (sent += n));
    expect(sent).toBe(bytes.length);
    expect(await direct.adopt(finished)).toMatchObject({ sha256: sha(bytes), md5: md5(bytes) });
    expect((await readAll(await store.read(sha(bytes)))).equals(bytes)).toBe(true);
    expect(await tempObjects(prefix)).toEqual([]);
  });

  it("refuses a multipart completion whose parts have gaps", async () => {
    const { prefix, direct } = setUp({ singlePutMaxBytes: 5 * MiB, partBytes: 5 * MiB });
    const bytes = randomBytes(11 * MiB);
    const plan = await direct.planUpload({ sha256: sha(bytes), size: bytes.length });
    if (plan.kind !== "multipart") throw new Error("expected multipart");
    await expect(direct.adopt({ sha256: sha(bytes), size: bytes.length, key: plan.key, uploadId: plan.uploadId, parts: [{ number: 2, etag: "x" }] })).rejects.toThrow(
      /numbered 1 to N without gaps/,
    );
    expect(await tempObjects(prefix)).toEqual([]);
  });

  it("probes the store once: s3rver does not check checksums, so uploads land in temp objects", async () => {
    const { direct, prefix } = setUp();
    expect(await direct.checksChecksums()).toBe(false);
    const plan = await direct.planUpload({ sha256: sha(Buffer.from("x")), size: 1 });
    expect(plan.key.startsWith(`${prefix}tmp/direct/`)).toBe(true);
    expect(await tempObjects(prefix)).toEqual([]); // the probe object is gone
  });
});

describe("direct transfers on a store that checks checksums (s3rver + shim)", () => {
  it("uploads at the blob key, which refuses other bytes, and adopts from the store's checksum without a copy", async () => {
    const { prefix, store, direct } = setUp({}, checkingS3());
    expect(await direct.checksChecksums()).toBe(true);
    const bytes = randomBytes(5000);
    const plan = await direct.planUpload({ sha256: sha(bytes), size: bytes.length });
    expect(plan.key).toBe(store.keyOf(sha(bytes)));

    expect((await put(plan, randomBytes(5000))).status).toBe(400); // the store refuses other bytes
    expect(await store.has(sha(bytes))).toBe(false);
    expect((await put(plan, bytes)).status).toBe(200);

    const sent: string[] = [];
    const send = store.client.send.bind(store.client);
    store.client.send = ((command: { constructor: { name: string } }, ...rest: unknown[]) => {
      sent.push(command.constructor.name);
      return (send as (...args: unknown[]) => unknown)(command, ...rest);
    }) as typeof store.client.send;
    expect(await direct.adopt({ sha256: sha(bytes), size: bytes.length, key: plan.key })).toEqual({ sha256: sha(bytes), size: bytes.length, md5: md5(bytes) });
    expect(sent).toEqual(["HeadObjectCommand"]); // no body read, no copy, no delete
    expect((await readAll(await store.read(sha(bytes)))).equals(bytes)).toBe(true);
    expect(await tempObjects(prefix, checkingS3())).toEqual([]);
  });

  it("still refuses a blob key for a multipart upload or a key it did not plan", async () => {
    const { store, direct } = setUp({}, checkingS3());
    const bytes = randomBytes(10);
    await expect(direct.adopt({ sha256: sha(bytes), size: 10, key: store.keyOf(sha(randomBytes(10))) })).rejects.toThrow(/not an upload this server handed out/);
    await expect(direct.adopt({ sha256: sha(bytes), size: 10, key: store.keyOf(sha(bytes)), uploadId: "x", parts: [] })).rejects.toThrow(/not an upload this server handed out/);
  });
});
