import path from "node:path";
import { inlineContentType } from "@/lib/file-kinds";
import { ConflictError, NotFoundError, ValidationError } from "../../errors";
import { deleteVersion } from "../../services/artifacts/delete";
import { listEdits } from "../../services/artifacts/history";
import { getVersionLineage } from "../../services/artifacts/lineage";
import { getEntry, getManifest, getVersion, listEntries } from "../../services/artifacts/read";
import { resolveVersion } from "../../services/artifacts/resolve";
import { addAlias, deleteAlias, updateVersion } from "../../services/artifacts/update";
import { readBlob } from "../../services/blobs/blobs";
import { zipVersion } from "../../services/files/zip";
import { ZUpdateVersionInput } from "../../services/schemas";
import { json } from "../errors";
import { boolParam, intParam, readJsonObject } from "../request";
import type { Route, RouteContext } from "../router";
import { iterableStream, redirect, streamResponse } from "./blob-routes";
import { ns } from "./run-routes";

const V = "projects/:entity/:project/artifacts/:name/versions/:selector";
const sel = (rc: RouteContext) => [ns(rc), rc.params.name!, rc.params.selector!] as const;

export const versionRoutes: Route[] = [
  { method: "GET", pattern: V, access: "read", pure: true, handle: async (rc) => json(200, await getVersion(rc.ctx, ...sel(rc))) },
  {
    method: "PATCH",
    pattern: V, access: "write",
    handle: async (rc) => json(200, await updateVersion(rc.ctx, ...sel(rc), ZUpdateVersionInput.parse(await readJsonObject(rc.req)), rc.actor)),
  },
  {
    method: "DELETE",
    pattern: V, access: "admin",
    handle: async (rc) => json(200, await deleteVersion(rc.ctx, ...sel(rc), boolParam(rc.url, "deleteAliases"), rc.actor)),
  },
  { method: "GET", pattern: `${V}/manifest`, access: "read", pure: true, handle: async (rc) => json(200, await getManifest(rc.ctx, ...sel(rc))) },
  { method: "GET", pattern: `${V}/lineage`, access: "read", pure: true, handle: async (rc) => json(200, await getVersionLineage(rc.ctx, ...sel(rc))) },
  {
    method: "GET",
    pattern: `${V}/history`, access: "read", pure: true,
    handle: async (rc) => json(200, { edits: await listEdits(rc.ctx, (await resolveVersion(rc.ctx, ...sel(rc))).version.id) }),
  },
  {
    method: "GET",
    pattern: `${V}/files`, access: "read", pure: true,
    handle: async (rc) => {
      const page = await listEntries(rc.ctx, ...sel(rc), {
        limit: intParam(rc.url, "limit"),
        cursor: rc.url.searchParams.get("cursor"),
        prefix: rc.url.searchParams.get("prefix") ?? undefined,
      });
      return json(200, { entries: page.items, nextCursor: page.nextCursor });
    },
  },
  {
    method: "GET",
    pattern: `${V}/files/*path`, access: "read", pure: true,
    handle: async (rc) => {
      const { version } = await resolveVersion(rc.ctx, ...sel(rc));
      const entry = await getEntry(rc.ctx, version.id, rc.params.path!);
      if (!entry) throw new NotFoundError(`${rc.params.name}:${rc.params.selector} has no file ${JSON.stringify(rc.params.path)}`);
      if (!entry.blobSha256) throw new ConflictError(`${JSON.stringify(entry.path)} is a reference to ${entry.ref}; fetch it from there`);
      const filename = encodeURIComponent(path.posix.basename(entry.path));
      // ?inline=1: for <img> and previews. The type comes from the name and is never HTML or script,
      // and the sandbox CSP keeps an SVG (or anything else) opened directly from running in this origin.
      const inline = boolParam(rc.url, "inline");
      // Downloads go straight to the store; previews (inline) stay same-origin for the page's CSP and sandbox.
      if (rc.ctx.direct && !inline) {
        return redirect(await rc.ctx.direct.downloadUrl(entry.blobSha256, { filename: path.posix.basename(entry.path), contentType: "application/octet-stream" }));
      }
      // The whole file, asked by its size: the store reads a small one at once (local-blob-store.ts).
      const whole = entry.size > 0 ? { start: 0, end: entry.size - 1 } : undefined;
      return streamResponse(await readBlob(rc.ctx, entry.blobSha256, whole), entry.size, inline ? inlineContentType(entry.path) : "application/octet-stream", {
        "content-disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${filename}`,
        "x-arca-digest": entry.digest,
        ...(inline ? { "content-security-policy": "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'", "x-content-type-options": "nosniff" } : {}),
      });
    },
  },
  {
    method: "GET",
    pattern: `${V}/zip`, access: "read",
    handle: async (rc) => {
      const zip = await zipVersion(rc.ctx, ...sel(rc));
      return new Response(iterableStream(zip.body), {
        status: 200,
        headers: { "content-type": "application/zip", "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(zip.filename)}` },
      });
    },
  },
  {
    method: "POST",
    pattern: `${V}/aliases`, access: "write",
    handle: async (rc) => {
      const body = await readJsonObject(rc.req);
      if (typeof body.alias !== "string") throw new ValidationError('send {"alias": "name"}');
      return json(200, await addAlias(rc.ctx, ...sel(rc), body.alias, rc.actor));
    },
  },
  {
    method: "DELETE",
    pattern: `${V}/aliases/:alias`, access: "write",
    handle: async (rc) => json(200, await deleteAlias(rc.ctx, ...sel(rc), rc.params.alias!, rc.actor)),
  },
];
