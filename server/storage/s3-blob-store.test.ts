import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CreateMultipartUploadCommand, PutObjectCommand, UploadPartCommand, type S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it, vi } from "vitest";
import { describeBlobStore } from "./blob-store.contract";
import { EncryptedBlobStore } from "./encrypted-blob-store";
import { readKeyring } from "./keyring";
import { S3BlobStore } from "./s3-blob-store";
import { listLeftovers, startS3rver, useS3rver } from "./testing/s3rver";

const MiB = 1024 * 1024;

const testS3 = useS3rver();

/** Each store gets its own prefix in the one bucket, so tests see only their own objects. */
function makeStore(client: S3Client = testS3().client): { store: S3BlobStore; prefix: string } {
  const prefix = `t-${randomUUID()}/`;
  return { store: new S3BlobStore({ client, bucket: testS3().bucket, prefix, partBytes: 5 * MiB }), prefix };
}

async function countLeftovers(prefix: string): Promise<number> {
  const { objects, uploads } = await listLeftovers(testS3(), prefix);
  return objects.filter((key) => key.startsWith(`${prefix}tmp/`)).length + uploads.length;
}

describeBlobStore(
  "S3 (s3rver)",
  () => {
    const { store, prefix } = makeStore();
    return {
      store,
      plantLeftovers: async () => {
        await testS3().client.send(new PutObjectCommand({ Bucket: testS3().bucket, Key: `${prefix}tmp/${randomUUID()}`, Body: "partial" }));
        await testS3().client.send(new CreateMultipartUploadCommand({ Bucket: testS3().bucket, Key: `${prefix}blobs/00/00/${"0".repeat(64)}` }));
        return 2;
      },
      countLeftovers: () => countLeftovers(prefix),
      cleanup: () => undefined,
    };
  },
  { largeBytes: 20 * MiB },
);

// Staged objects encrypted at rest, in S3 (the team deployment: PostgreSQL + S3 + ARCA_ENCRYPTION_KEY).
describeBlobStore(
  "encrypted over S3 (s3rver)",
  () => {
    const { store, prefix } = makeStore();
    return {
      store: new EncryptedBlobStore(store, readKeyring({ ARCA_ENCRYPTION_KEY: randomBytes(32).toString("base64") })!),
      plantLeftovers: async () => {
        await testS3().client.send(new PutObjectCommand({ Bucket: testS3().bucket, Key: `${prefix}tmp/${randomUUID()}`, Body: "partial" }));
        return 1;
      },
      countLeftovers: () => countLeftovers(prefix),
      cleanup: () => undefined,
    };
  },
  { largeBytes: 12 * MiB },
);

describe("S3BlobStore", () => {
  it("sends a large blob as parts of the configured size, and a small one in one PUT", async () => {
    const { store } = makeStore();
    const send = vi.spyOn(testS3().client, "send");
    const bytes = Buffer.alloc(12 * MiB, 7);
    const sha = createHash("sha256").update(bytes).digest("hex");
    await store.put(sha, [bytes.subarray(0, 6 * MiB), bytes.subarray(6 * MiB)], { size: bytes.byteLength });
    const partSizes = send.mock.calls.map(([command]) => command).filter((c) => c instanceof UploadPartCommand).map((c) => (c as UploadPartCommand).input.ContentLength);
    expect(partSizes).toEqual([6 * MiB, 6 * MiB]);
    send.mockClear();
    const small = Buffer.from("small");
    await store.put(createHash("sha256").update(small).digest("hex"), [small], { size: small.byteLength });
    expect(send.mock.calls.map(([command]) => command.constructor.name)).toEqual(["PutObjectCommand"]);
    send.mockRestore();
  });

  it("keeps staged objects under PREFIX/staging/<key>, uploaded like blobs (visible only once verified)", async () => {
    const { store, prefix } = makeStore();
    const part = Buffer.alloc(11 * MiB, 3); // more than one of the store's parts: a multipart upload to the staging key
    await store.putStaged("part-1", [part.subarray(0, 6 * MiB), part.subarray(6 * MiB)], { size: part.byteLength, md5Hex: createHash("md5").update(part).digest("hex") });
    expect(await listLeftovers(testS3(), prefix)).toEqual({ objects: [`${prefix}staging/part-1`], uploads: [] });
    expect(store.stagedKeyOf("part-1")).toBe(`${prefix}staging/part-1`);
  });

  it("keeps blobs under PREFIX/blobs/ab/cd/<sha256>", () => {
    const { store, prefix } = makeStore();
    const sha = "ab" + "cd" + "e".repeat(60);
    expect(store.keyOf(sha)).toBe(`${prefix}blobs/ab/cd/${sha}`);
    expect(() => new S3BlobStore({ client: testS3().client, bucket: testS3().bucket, prefix: "no-slash" })).toThrow(/must be empty or end with/);
    expect(() => new S3BlobStore({ client: testS3().client, bucket: testS3().bucket, partBytes: MiB })).toThrow(/below S3's minimum/);
  });

  it("does not abort an upload that started long ago but received a part recently (another process may be sending it)", async () => {
    const { store, prefix } = makeStore();
    const key = `${prefix}blobs/11/11/${"1".repeat(64)}`;
    const { UploadId } = await testS3().client.send(new CreateMultipartUploadCommand({ Bucket: testS3().bucket, Key: key }));
    await testS3().client.send(new UploadPartCommand({ Bucket: testS3().bucket, Key: key, UploadId, PartNumber: 1, Body: Buffer.alloc(5 * MiB) }));
    const uploadDir = path.join(testS3().directory, testS3().bucket, "._S3rver_uploads", UploadId!);
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    fs.utimesSync(path.join(uploadDir, "key"), hourAgo, hourAgo); // initiated an hour ago
    expect(await store.sweepTemp(10 * 60 * 1000)).toBe(0);
    expect((await listLeftovers(testS3(), prefix)).uploads).toEqual([key]);
    fs.utimesSync(path.join(uploadDir, "1"), hourAgo, hourAgo); // and silent since
    expect(await store.sweepTemp(10 * 60 * 1000)).toBe(1);
    expect((await listLeftovers(testS3(), prefix)).uploads).toEqual([]);
  });

  it("still sweeps temp objects on a server that cannot list multipart uploads", async () => {
    const bare = await startS3rver({ listUploads: false });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const store = new S3BlobStore({ client: bare.client, bucket: bare.bucket, prefix: "p/" });
      await bare.client.send(new PutObjectCommand({ Bucket: bare.bucket, Key: "p/tmp/killed", Body: "partial" }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await store.sweepTemp(10)).toBe(1);
      expect(await store.sweepTemp(10)).toBe(0);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain("cannot list multipart uploads");
    } finally {
      warn.mockRestore();
      await bare.stop();
    }
  });
});
