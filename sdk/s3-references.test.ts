import { createHash } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3RVER_CREDENTIALS, useS3rver } from "../server/storage/testing/s3rver";
import { resolveReference } from "./references";
import { listPrefix } from "./s3-references";

// s3:// references against an s3rver on loopback, with credentials from the environment as a user would set them.
const s3 = useS3rver();
const saved = { ...process.env };

beforeAll(async () => {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: s3().endpoint,
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    ARCA_S3_FORCE_PATH_STYLE: "1",
  });
  for (const [key, body] of Object.entries({ "refs/model.h5": "weights", "refs/images/cat.png": "cat", "refs/images/dog.png": "dogs", "refs/images/sub/": "" })) {
    await s3().client.send(new PutObjectCommand({ Bucket: s3().bucket, Key: key, Body: body }));
  }
});
afterAll(() => {
  process.env = saved;
});

const etagOf = (text: string) => createHash("md5").update(text).digest("hex");

describe("s3:// references with checksum on", () => {
  it("record an object's ETag and size", async () => {
    const uri = `s3://${s3().bucket}/refs/model.h5`;
    expect(await resolveReference(uri, undefined, true)).toEqual([{ path: "model.h5", ref: uri, digest: etagOf("weights"), size: 7, extra: { etag: `"${etagOf("weights")}"` } }]);
    expect((await resolveReference(uri, "models/mymodel.h5", true))[0]?.path).toBe("models/mymodel.h5");
  });

  it("expand a prefix to its objects, at the root or under the name (folder markers left out)", async () => {
    const uri = `s3://${s3().bucket}/refs/images`;
    const entries = await resolveReference(uri, undefined, true);
    expect(entries.map((e) => [e.path, e.ref, e.size])).toEqual([
      ["cat.png", `s3://${s3().bucket}/refs/images/cat.png`, 3],
      ["dog.png", `s3://${s3().bucket}/refs/images/dog.png`, 4],
    ]);
    expect((await resolveReference(uri, "images", true)).map((e) => e.path)).toEqual(["images/cat.png", "images/dog.png"]);
  });

  it("refuse a prefix past the limit, naming it, and a name that matches nothing", async () => {
    await expect(listPrefix(s3().client, { bucket: s3().bucket, prefix: "refs/", limit: 2 })).rejects.toThrow(
      `s3://${s3().bucket}/refs/ holds more than 2 objects, the most a reference prefix expands to: reference a narrower prefix`,
    );
    await expect(resolveReference(`s3://${s3().bucket}/refs/nothing-here`, undefined, true)).rejects.toThrow(/names no object and no prefix with objects/);
  });

  it("keep the URI as the digest when the store refuses (unknown bucket) or checksum is off", async () => {
    const missing = "s3://no-such-bucket/x.bin";
    expect(await resolveReference(missing, undefined, true)).toEqual([{ path: "x.bin", ref: missing, digest: missing }]);
    const uri = `s3://${s3().bucket}/refs/model.h5`;
    expect(await resolveReference(uri, undefined, false)).toEqual([{ path: "model.h5", ref: uri, digest: uri }]);
  });
});
