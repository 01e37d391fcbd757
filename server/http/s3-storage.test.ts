import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSdkScenario } from "@/sdk/testing/scenario";
import { listLeftovers } from "../storage/testing/s3rver";
import { startTestApiServer } from "../testing/api-server";

// ARCA_STORAGE=s3://… with bytes through Arca: the SDK scenario as on the local store, nothing under the data dir.
const { baseUrl, dataDir, s3, close } = await startTestApiServer({ storage: "s3" });
afterAll(close);

describe("blobs on S3 through Arca (s3rver)", () => {
  it("passes the SDK scenario (log, dedup, download, upsert, finish, patch) and keeps every blob in the bucket", async () => {
    const { entity, project } = await runSdkScenario(baseUrl);
    expect(fs.existsSync(path.join(dataDir, "blobs"))).toBe(false);
    const { objects, uploads } = await listLeftovers(s3!, "arca/");
    expect(objects.length).toBeGreaterThan(5);
    expect(objects.every((key) => key.startsWith("arca/blobs/"))).toBe(true);
    expect(uploads).toEqual([]);

    // Without ARCA_S3_DIRECT a download streams through Arca: no redirect to the bucket.
    const res = await fetch(`${baseUrl}/api/v1/projects/${entity}/${project}/artifacts/images/versions/v0/files/nonce.txt`, { redirect: "manual" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(project);
  });
});
