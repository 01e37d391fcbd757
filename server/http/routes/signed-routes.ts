import { Readable } from "node:stream";
import { ValidationError } from "../../errors";
import { getConfig, getUrlSigningSecret } from "../../context";
import { getBlobInfo, readBlob } from "../../services/blobs/blobs";
import { verifyGrant, type SignedGrant } from "../../services/blobs/signed-urls";
import { spoolDirOf, stagePart, storeBlobByMd5 } from "../../services/blobs/store-unnamed";
import { applyWandbManifest } from "../../services/wandb/artifacts";
import { buildWandbManifest } from "../../services/wandb/manifest";
import { COMMIT_BODY_LIMIT, bodyTooLarge } from "../../limits";
import { NotFoundError } from "../../errors";
import { json } from "../errors";
import type { Route, RouteContext } from "../router";
import { streamResponse } from "./blob-routes";

/**
 * The URLs the W&B protocol hands out (`uploadUrl`, `directUrl`): the token in the path is the
 * authorization (server/services/blobs/signed-urls.ts), checked by the guard before the route runs.
 * Under /api/v1/blobs/ so that uploads take the streaming Pages Router path.
 */
const PATTERN = "blobs/signed/:token";

function grantOf(rc: RouteContext): SignedGrant {
  return verifyGrant(getUrlSigningSecret(), rc.params.token ?? "", rc.ctx.now());
}

function bodyOf(rc: RouteContext): AsyncIterable<Uint8Array> {
  return (rc.rawBody ?? rc.req.body ?? Readable.from([])) as AsyncIterable<Uint8Array>;
}

async function readText(body: AsyncIterable<Uint8Array>, limit: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) throw bodyTooLarge(limit, "a W&B manifest");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export const signedRoutes: Route[] = [
  {
    method: "PUT",
    pattern: PATTERN,
    access: "signed-url",
    handle: async (rc) => {
      const grant = grantOf(rc);
      const body = bodyOf(rc);
      switch (grant.k) {
        case "put-file": {
          const size = Number(rc.req.headers.get("content-length"));
          if (!Number.isSafeInteger(size) || size < 0) throw new ValidationError("an upload needs a Content-Length header with the exact byte count");
          const spoolDir = spoolDirOf(getConfig().dataDir);
          const stored = await storeBlobByMd5(rc.ctx, { md5: grant.md5, size, body, spoolDir });
          return json(200, { sha256: stored.sha256, size: stored.size, md5: stored.md5 });
        }
        case "put-part": {
          const size = Number(rc.req.headers.get("content-length"));
          if (!Number.isSafeInteger(size) || size < 0) throw new ValidationError("a part upload needs a Content-Length header with the exact byte count");
          // Staged in the shared blob store: the next part or the completion may reach another instance.
          const md5Hex = await stagePart(rc.ctx, { uploadId: grant.up, n: grant.n, md5Hex: grant.md5, size, body });
          // The client collects each part's ETag for CompleteMultipartUploadArtifact, as with S3.
          return new Response(null, { status: 200, headers: { etag: `"${md5Hex}"` } });
        }
        case "put-manifest": {
          const version = await applyWandbManifest(rc.ctx, { versionId: grant.v, kind: grant.t, text: await readText(body, COMMIT_BODY_LIMIT) });
          return json(200, { entries: version.fileCount });
        }
        case "put-run-file": {
          for await (const _ of body) void _; // run files are not kept (docs/wandb.md)
          return json(200, {});
        }
        default:
          throw new ValidationError("this signed URL is for downloading: use GET");
      }
    },
  },
  {
    method: "GET",
    pattern: PATTERN,
    access: "signed-url",
    handle: async (rc) => {
      const grant = grantOf(rc);
      if (grant.k === "get-blob") {
        const info = await getBlobInfo(rc.ctx, grant.sha);
        if (!info) throw new NotFoundError(`blob ${grant.sha} is not stored`);
        return streamResponse(await readBlob(rc.ctx, grant.sha), info.size, "application/octet-stream");
      }
      if (grant.k === "get-manifest") return json(200, await buildWandbManifest(rc.ctx, grant.v));
      throw new ValidationError("this signed URL is for uploading: use PUT");
    },
  },
];
