import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, inject, it } from "vitest";
import { listLeftovers } from "../storage/testing/s3rver";
import { twoInstancesPerSuite, type Instance } from "../testing/instances";

// The W&B multipart protocol (docs/wandb.md) behind a load balancer that spreads every request: two Arca
// instances, each a process of its own, on one PostgreSQL database and one s3rver bucket with blobs
// encrypted at rest. The file is announced on one, its parts PUT to both, its completion sent to both at
// once (the client's retry), the manifest and commit to either; the file comes back byte-identical.
const postgresUrl = inject("postgresUrl");
const NS = { entity: "team", project: "uploads" };
const PREFIX = "multipart/";

// Any key of W&B's shape: the instances run in local mode (keys are not looked at).
const AUTH = `Basic ${Buffer.from(`api:${"a".repeat(40)}`).toString("base64")}`;

async function gql<T>(instance: Instance, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${instance.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: AUTH }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (!res.ok || body.errors) throw new Error(`graphql on ${instance.url}: ${res.status} ${JSON.stringify(body.errors)}`);
  return body.data!;
}

/** A signed URL as the client got it, sent to `instance` instead: the load balancer picks any. */
function via(instance: Instance, signedUrl: string): string {
  const url = new URL(signedUrl);
  return `${instance.url}${url.pathname}${url.search}`;
}

/** Every file under `dir`, relative: what an instance's data dir holds. */
function filesIn(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(dir, path.join(d.parentPath, d.name)));
}

describe.skipIf(!postgresUrl)("a W&B multipart upload spread over two instances", () => {
  // What several instances share (docs/deploy.md): the secret signed URLs are derived from, the encryption key.
  const world = twoInstancesPerSuite({
    postgresUrl: postgresUrl!,
    prefix: PREFIX.slice(0, -1),
    env: () => ({ ARCA_AUTH_SECRET: randomBytes(32).toString("hex"), ARCA_ENCRYPTION_KEY: randomBytes(32).toString("base64"), ARCA_ENCRYPTION_OLD_KEYS: "" }),
  });

  it("stages each part where both instances read it, completes once for two concurrent completions, and serves the file byte-identical", async () => {
    const { a, b, s3 } = world;
    const parts = [randomBytes(3 * 1024 * 1024), randomBytes(3 * 1024 * 1024), randomBytes(777_777)];
    const whole = Buffer.concat(parts);
    const md5 = createHash("md5").update(whole).digest("base64");

    const { createArtifact } = await gql<{ createArtifact: { artifact: { id: string } } }>(
      a,
      `mutation ($input: CreateArtifactInput!) { createArtifact(input: $input) { artifact { id } } }`,
      { input: { entityName: NS.entity, projectName: NS.project, artifactCollectionName: "big", artifactTypeName: "model", digest: "client-digest-1" } },
    );
    const artifactID = createArtifact.artifact.id;

    const { createArtifactFiles } = await gql<{ createArtifactFiles: { files: { edges: { node: { storagePath: string; uploadMultipartUrls: { uploadID: string; uploadUrlParts: { partNumber: number; uploadUrl: string }[] } } }[] } } }>(
      b,
      `mutation ($input: CreateArtifactFilesInput!) { createArtifactFiles(input: $input) { files { edges { node { storagePath uploadMultipartUrls { uploadID uploadUrlParts { partNumber uploadUrl } } } } } } }`,
      {
        input: {
          storageLayout: "V2",
          artifactFiles: [{ artifactID, md5, name: "big.bin", uploadPartsInput: parts.map((p, i) => ({ partNumber: i + 1, hexMD5: createHash("md5").update(p).digest("hex") })) }],
        },
      },
    );
    const { storagePath, uploadMultipartUrls } = createArtifactFiles.files.edges[0]!.node;
    expect(uploadMultipartUrls.uploadUrlParts).toHaveLength(3);

    // Parts 1 and 3 reach instance A, part 2 instance B.
    const etags: string[] = [];
    for (const { partNumber, uploadUrl } of uploadMultipartUrls.uploadUrlParts) {
      const part = parts[partNumber - 1]!;
      const res = await fetch(via(partNumber === 2 ? b : a, uploadUrl), { method: "PUT", body: part, headers: { "content-length": String(part.length) } });
      expect(res.status, await res.text()).toBe(200);
      etags.push(res.headers.get("etag") ?? "");
    }
    expect(etags).toEqual(parts.map((p) => `"${createHash("md5").update(p).digest("hex")}"`));
    // Nothing of the file in either instance's data dir: the parts are in the bucket, encrypted.
    for (const instance of [a, b]) expect(filesIn(instance.dataDir).filter((f) => f.includes("wandb") || f.includes("part"))).toEqual([]);
    const staged = (await listLeftovers(s3, `${PREFIX}staging/`)).objects;
    expect(staged).toHaveLength(3);
    for (const key of staged) {
      const object = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
      expect((await object.Body!.transformToString("latin1")).slice(0, 8)).toBe("ARCAENC1"); // encrypted at rest like blobs
    }

    // The completion, and the client's retry of it, reach both instances at once.
    const complete = (instance: Instance) =>
      gql<{ completeMultipartUploadArtifact: { digest: string } }>(
        instance,
        `mutation ($input: CompleteMultipartUploadArtifactInput!) { completeMultipartUploadArtifact(input: $input) { digest } }`,
        {
          input: {
            completeMultipartAction: "Complete",
            completedParts: etags.map((etag, i) => ({ partNumber: i + 1, hexMD5: etag.replace(/"/g, "") })),
            artifactID,
            storagePath,
            uploadID: uploadMultipartUrls.uploadID,
          },
        },
      );
    const completions = await Promise.all([complete(a), complete(b)]);
    expect(completions.map((c) => c.completeMultipartUploadArtifact.digest)).toEqual([md5, md5]);
    const { objects } = await listLeftovers(s3, PREFIX);
    expect(objects.filter((key) => key.startsWith(`${PREFIX}staging/`))).toEqual([]); // parts removed
    expect(objects.filter((key) => key.startsWith(`${PREFIX}blobs/`))).toHaveLength(1); // one blob

    const { createArtifactManifest } = await gql<{ createArtifactManifest: { artifactManifest: { file: { uploadUrl: string } } } }>(
      a,
      `mutation ($input: CreateArtifactManifestInput!) { createArtifactManifest(input: $input) { artifactManifest { file { uploadUrl } } } }`,
      { input: { artifactID, name: "wandb_manifest.json", digest: "client-digest-1", entityName: NS.entity, projectName: NS.project, runName: "", type: "FULL" } },
    );
    const manifest = { version: 1, storagePolicy: "wandb-storage-policy-v1", storagePolicyConfig: { storageLayout: "V2" }, contents: { "big.bin": { digest: md5, size: whole.length } } };
    const put = await fetch(via(b, createArtifactManifest.artifactManifest.file.uploadUrl), { method: "PUT", body: JSON.stringify(manifest) });
    expect(put.status, await put.text()).toBe(200);
    await gql(b, `mutation ($input: CommitArtifactInput!) { commitArtifact(input: $input) { artifact { id } } }`, { input: { artifactID } });

    for (const instance of [a, b]) {
      const res = await fetch(`${instance.url}/api/v1/projects/${NS.entity}/${NS.project}/artifacts/big/versions/v0/files/big.bin`);
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      expect({ size: body.length, sha256: createHash("sha256").update(body).digest("hex") }).toEqual({ size: whole.length, sha256: createHash("sha256").update(whole).digest("hex") });
    }
  }, 120_000);
});
