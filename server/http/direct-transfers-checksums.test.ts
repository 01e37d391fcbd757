import { afterAll, describe, expect, it, vi } from "vitest";
import { runSdkScenario } from "@/sdk/testing/scenario";
import { listLeftovers } from "../storage/testing/s3rver";
import { startTestApiServer } from "../testing/api-server";

// Direct transfers on a store that checks checksums (as AWS S3 and MinIO): small files go straight to their blob keys.
const { baseUrl, s3, close } = await startTestApiServer({ storage: "s3-direct", s3Checksums: true });
afterAll(close);
const { getServiceContext } = await import("../context");

describe("direct transfers on a checksum-checking store (s3rver + shim)", () => {
  it("passes the SDK scenario with uploads at the blob keys, nothing through Arca and no temp object left", async () => {
    const put = vi.spyOn(getServiceContext().blobs, "put");
    await runSdkScenario(baseUrl);
    expect(put).not.toHaveBeenCalled();
    const { objects, uploads } = await listLeftovers(s3!, "arca/");
    expect(objects.filter((key) => !key.startsWith("arca/blobs/"))).toEqual([]);
    expect(uploads).toEqual([]);
  });
});
