import { assertSignedIn, authorizeBlobRead, authorizeBlobUpload, authorizeInstanceAdmin, authorizeProject } from "../access/policy";
import type { Principal } from "../access/principal";
import { getUrlSigningSecret, type ServiceContext } from "../context";
import { verifyGrant } from "../services/blobs/signed-urls";
import type { RouteAccess } from "./router";

/** The HTTP API's door to the access policy: every route declares what it needs (router.ts). */
export async function guardRoute(ctx: ServiceContext, principal: Principal, access: RouteAccess, params: Record<string, string>): Promise<void> {
  switch (access) {
    case "signed-in":
      return assertSignedIn(principal);
    case "blob-upload":
      return authorizeBlobUpload(principal);
    case "blob-read":
      return authorizeBlobRead(ctx, principal, params.sha256 ?? "");
    case "instance-admin":
      return authorizeInstanceAdmin(principal);
    case "signed-url":
      // Whoever holds the URL may do what it grants, and nothing else: the principal is not asked.
      verifyGrant(getUrlSigningSecret(), params.token ?? "", ctx.now());
      return;
    default:
      return authorizeProject(ctx, principal, access, { entity: params.entity ?? "", project: params.project ?? "" });
  }
}
