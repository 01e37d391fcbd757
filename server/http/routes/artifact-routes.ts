import { cleanupCollection } from "../../services/artifacts/cleanup";
import { finishArtifact, upsertArtifact } from "../../services/artifacts/collaborate";
import { getCollection, listCollections } from "../../services/artifacts/collections";
import { logArtifact } from "../../services/artifacts/log";
import { patchArtifact } from "../../services/artifacts/patch";
import { listVersions, type VersionStateFilter } from "../../services/artifacts/read";
import { ZCleanupInput } from "../../services/schemas";
import { ValidationError } from "../../errors";
import { json } from "../errors";
import { readCommitBody } from "../commit-body";
import { intParam, readJsonObject } from "../request";
import type { Route } from "../router";
import { ns } from "./run-routes";

const BASE = "projects/:entity/:project/artifacts";
const STATES = ["COMMITTED", "PENDING", "DELETED", "all"];

export const artifactRoutes: Route[] = [
  { method: "GET", pattern: BASE, access: "read", pure: true, handle: async (rc) => json(200, { collections: await listCollections(rc.ctx, ns(rc)) }) },
  {
    method: "GET",
    pattern: `${BASE}/:name`, access: "read", pure: true,
    handle: async (rc) => {
      const c = await getCollection(rc.ctx, ns(rc), rc.params.name!);
      return json(200, { name: c.name, type: c.type, description: c.description, versionCount: c.versionCount, createdAt: new Date(c.createdAt).toISOString(), updatedAt: new Date(c.updatedAt).toISOString() });
    },
  },
  {
    method: "POST",
    pattern: `${BASE}/:name/log`, access: "write",
    handle: async (rc) => json(200, await logArtifact(rc.ctx, ns(rc), rc.params.name!, await readCommitBody(rc.req, "log"))),
  },
  {
    method: "POST",
    pattern: `${BASE}/:name/upsert`, access: "write",
    handle: async (rc) => json(200, await upsertArtifact(rc.ctx, ns(rc), rc.params.name!, await readCommitBody(rc.req, "upsert"))),
  },
  {
    method: "POST",
    pattern: `${BASE}/:name/finish`, access: "write",
    handle: async (rc) => json(200, await finishArtifact(rc.ctx, ns(rc), rc.params.name!, await readCommitBody(rc.req, "upsert"))),
  },
  {
    method: "POST",
    pattern: `${BASE}/:name/patch`, access: "write",
    handle: async (rc) => json(200, await patchArtifact(rc.ctx, ns(rc), rc.params.name!, await readCommitBody(rc.req, "patch"))),
  },
  {
    method: "POST",
    pattern: `${BASE}/:name/cleanup`, access: "admin",
    handle: async (rc) => json(200, await cleanupCollection(rc.ctx, ns(rc), rc.params.name!, ZCleanupInput.parse(await readJsonObject(rc.req)), rc.actor)),
  },
  {
    method: "GET",
    pattern: `${BASE}/:name/versions`, access: "read", pure: true,
    handle: async (rc) => {
      const state = rc.url.searchParams.get("state") ?? "COMMITTED";
      if (!STATES.includes(state)) throw new ValidationError(`state must be one of ${STATES.join(", ")}`);
      const page = await listVersions(rc.ctx, ns(rc), rc.params.name!, {
        limit: intParam(rc.url, "limit"),
        cursor: rc.url.searchParams.get("cursor"),
        state: state as VersionStateFilter,
      });
      return json(200, { versions: page.items, nextCursor: page.nextCursor });
    },
  },
];
