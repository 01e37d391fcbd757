import { getConfig, getUrlSigningSecret } from "../../context";
import { executeGraphQL, statusOf } from "../../graphql/execute";
import type { GqlContext } from "../../graphql/context";
import { DOWNLOAD_URL_TTL_MS, MULTIPART_TTL_MS, signGrant, UPLOAD_URL_TTL_MS, verifyGrant, type SignedGrant } from "../../services/blobs/signed-urls";
import { applyFileStream, findWandbRun, ZFileStreamBody } from "../../services/wandb/runs";
import { NotFoundError } from "../../errors";
import { json } from "../errors";
import { readJsonObject } from "../request";
import type { Route, RouteContext } from "../router";
import { ns } from "./run-routes";

/**
 * Where signed URLs point: the public URL when the request came through it (its scheme is right
 * behind a TLS proxy), otherwise the address the client used, which it can reach.
 */
function baseUrlOf(rc: RouteContext): string {
  const configured = new URL(getConfig().publicUrl);
  return configured.host === rc.url.host ? configured.origin : rc.url.origin;
}

function graphQLContext(rc: RouteContext): GqlContext {
  const base = baseUrlOf(rc);
  const secret = getUrlSigningSecret();
  const signToken = (grant: SignedGrant, ttlMs: number) => signGrant(secret, grant, rc.ctx.now(), ttlMs);
  const signedUrl = (grant: SignedGrant) => {
    const ttl = grant.k.startsWith("get-") ? DOWNLOAD_URL_TTL_MS : grant.k === "put-part" ? MULTIPART_TTL_MS : UPLOAD_URL_TTL_MS;
    return `${base}/api/v1/blobs/signed/${signToken(grant, ttl)}`;
  };
  return {
    ctx: rc.ctx,
    principal: rc.principal,
    actor: rc.actor,
    signedUrl,
    signToken,
    verifyToken: (token) => verifyGrant(secret, token, rc.ctx.now()),
  };
}

/** The W&B client's endpoints (docs/wandb.md), served at the root like W&B's own server. */
export const wandbRoutes: Route[] = [
  {
    method: "POST",
    pattern: "graphql",
    // Each resolver asks the access policy for the project it touches.
    access: "signed-in",
    handle: async (rc) => {
      const answer = await executeGraphQL(graphQLContext(rc), await readJsonObject(rc.req));
      return json(statusOf(answer), answer);
    },
  },
  {
    method: "POST",
    pattern: "files/:entity/:project/:run/file_stream",
    access: "write",
    handle: async (rc) => {
      const run = await findWandbRun(rc.ctx, ns(rc), rc.params.run!);
      if (!run) throw new NotFoundError(`run ${rc.params.run} does not exist in ${rc.params.entity}/${rc.params.project}`);
      await applyFileStream(rc.ctx, run, ZFileStreamBody.parse(await readJsonObject(rc.req)));
      return json(200, {});
    },
  },
];
