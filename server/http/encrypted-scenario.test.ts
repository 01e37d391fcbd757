import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSdkScenario } from "@/sdk/testing/scenario";
import { startTestApiServer } from "../testing/api-server";

// ARCA_ENCRYPTION_KEY on S3 through Arca: the SDK scenario unchanged, and the bucket holds only ciphertext.
const { baseUrl, s3, close } = await startTestApiServer({ storage: "s3", encryptionKey: randomBytes(32).toString("base64") });
afterAll(close);

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

describe("encrypted blobs on S3 (s3rver)", () => {
  it("passes the SDK scenario, and no object in the bucket holds a logged file's plaintext", async () => {
    const { project } = await runSdkScenario(baseUrl);
    const objects = filesUnder(s3!.directory).filter((file) => file.endsWith("._S3rver_object"));
    expect(objects.length).toBeGreaterThan(5);
    for (const file of objects) {
      const bytes = fs.readFileSync(file);
      expect(bytes.subarray(0, 8).toString()).toBe("ARCAENC1");
      // The scenario's nonce file holds the project name; a readable copy would show it.
      expect(bytes.includes(Buffer.from(project))).toBe(false);
    }
  });
});
