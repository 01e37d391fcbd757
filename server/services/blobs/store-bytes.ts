import { createHash } from "node:crypto";
import type { ServiceContext } from "../../context";
import type { EntryInput } from "../schemas";
import { uploadBlob } from "./blobs";

/** Stores in-memory bytes (demo data, tests) and returns the manifest entry for them at `filePath`. */
export async function storeBytesAsEntry(ctx: ServiceContext, filePath: string, content: string | Buffer): Promise<EntryInput & { digest: string; sha256: string }> {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const digest = createHash("md5").update(bytes).digest("base64");
  await uploadBlob(ctx, { sha256, size: bytes.length, md5: digest, body: [bytes] });
  return { path: filePath, digest, size: bytes.length, sha256 };
}
