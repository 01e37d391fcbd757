import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import { unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { S3BlobStore } from "../../storage/s3-blob-store";
import { listLeftovers, useS3rver } from "../../storage/testing/s3rver";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { logArtifact } from "../artifacts/log";
import { deleteVersion } from "../artifacts/delete";
import { getEntry, getVersion } from "../artifacts/read";
import { previewFile } from "../files/preview";
import { getTablePage } from "../tables/query";
import { openTableWhenReady } from "../tables/registry";
import { zipVersion } from "../files/zip";
import { readBlob, uploadBlob } from "./blobs";
import { collectGarbage } from "./gc";

// The services on the S3 store, end to end: log with files, read and zip them back, GC deletes from the bucket.
const MiB = 1024 * 1024;

const testS3 = useS3rver();

let w: TestWorld;
let prefix: string;
beforeEach(() => {
  prefix = `world-${randomUUID()}/`;
  w = createTestWorld({ blobs: new S3BlobStore({ client: testS3().client, bucket: testS3().bucket, prefix, partBytes: 5 * MiB }) });
});
afterEach(() => w.cleanup());

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks);
}

async function objectKeys(): Promise<string[]> {
  return (await listLeftovers(testS3(), prefix)).objects.sort();
}

describe("services on an S3 bucket", () => {
  it("logs files, reads and zips them back, and GC deletes the unreferenced ones from the bucket", async () => {
    const big = Buffer.alloc(11 * MiB + 3, 0x5a); // three parts of 5 MiB
    const bigEntry = await fileEntry(w.ctx, "weights.bin", big);
    const logged = await logArtifact(w.ctx, w.ns, "model", {
      type: "model",
      aliases: [],
      entries: [await fileEntry(w.ctx, "README.md", "# model\n"), bigEntry, await fileEntry(w.ctx, "empty", "")],
    });
    const v1 = await logArtifact(w.ctx, w.ns, "model", { type: "model", aliases: [], entries: [await fileEntry(w.ctx, "README.md", "# model v1\n")] });
    expect([logged.version, v1.version]).toEqual(["v0", "v1"]);

    const sha = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");
    const keyOf = (text: string | Buffer) => `${prefix}blobs/${sha(text).slice(0, 2)}/${sha(text).slice(2, 4)}/${sha(text)}`;
    expect(await objectKeys()).toEqual([keyOf(""), keyOf("# model\n"), keyOf("# model v1\n"), keyOf(big)].sort());
    // Nothing blob-related under the data dir: only the database.
    expect(fs.readdirSync(w.dir).filter((name) => !name.startsWith("arca.sqlite"))).toEqual([]);

    const v0 = await getVersion(w.ctx, w.ns, "model", "v0");
    const entry = await getEntry(w.ctx, v0.id, "weights.bin");
    expect(createHash("sha256").update(await collect(await readBlob(w.ctx, entry!.blobSha256!))).digest("hex")).toBe(sha(big));
    expect(await previewFile(w.ctx, w.ns, "model", "v0", "README.md")).toMatchObject({ kind: "markdown", text: "# model\n" });

    const files = unzipSync(await collect((await zipVersion(w.ctx, w.ns, "model", "v0")).body));
    expect(Object.keys(files).sort()).toEqual(["README.md", "empty", "weights.bin"]);
    expect(Buffer.from(files["weights.bin"]!).equals(big)).toBe(true);
    expect(files["empty"]).toHaveLength(0);

    await deleteVersion(w.ctx, w.ns, "model", "v0", false, "ada");
    w.clock.now += 2 * 60 * 60 * 1000; // past the upload grace period
    const gc = await collectGarbage(w.ctx);
    expect(gc).toMatchObject({ blobsDeleted: 3, bytesFreed: big.byteLength + "# model\n".length });
    expect(await objectKeys()).toEqual([keyOf("# model v1\n")]);
    await expect(readBlob(w.ctx, sha(big))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("indexes and pages a W&B table whose parts live in the bucket (only the index, a cache, is under the data dir)", async () => {
    const table = JSON.stringify({ _type: "table", columns: ["id", "label"], data: Array.from({ length: 120 }, (_, i) => [i, `row-${i}`]) });
    await logArtifact(w.ctx, w.ns, "evals", { type: "dataset", aliases: [], entries: [await fileEntry(w.ctx, "preds.table.json", table)] });
    const ref = { ...w.ns, name: "evals", version: "v0", path: "preds.table.json" };
    await openTableWhenReady(w.ctx, ref);
    const page = await getTablePage(w.ctx, { ...ref, offset: 100, limit: 50, filters: [], sort: { column: 0, desc: true } });
    expect(page.rows.map((row) => row.cells[1])).toEqual(Array.from({ length: 20 }, (_, i) => `row-${19 - i}`));
    expect(fs.readdirSync(w.dir).filter((name) => !name.startsWith("arca.sqlite"))).toEqual(["tables"]);
  });

  it("refuses an upload whose bytes do not match and leaves no object or multipart upload in the bucket", async () => {
    const bytes = Buffer.alloc(7 * MiB, 1);
    await expect(uploadBlob(w.ctx, { sha256: "0".repeat(64), size: bytes.byteLength, body: [bytes.subarray(0, 6 * MiB), bytes.subarray(6 * MiB)] })).rejects.toMatchObject({
      code: "DIGEST_MISMATCH",
    });
    expect(await listLeftovers(testS3(), prefix)).toEqual({ objects: [], uploads: [] });
    expect(await w.ctx.sql.get("select count(*) as n from blobs")).toEqual({ n: 0 });
  });
});
