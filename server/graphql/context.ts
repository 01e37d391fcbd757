import type { Principal } from "../access/principal";
import type { ServiceContext } from "../context";
import type { SignedGrant } from "../services/blobs/signed-urls";

/** What every resolver gets: the services' context, who asks, and a way to hand out signed URLs. */
export interface GqlContext {
  ctx: ServiceContext;
  principal: Principal;
  actor: string;
  /** An absolute URL that authorizes exactly `grant` (server/services/blobs/signed-urls.ts). */
  signedUrl: (grant: SignedGrant) => string;
  /** A signed token (no URL) valid for `ttlMs`, and its check: ids the client passes back, like a multipart upload's. */
  signToken: (grant: SignedGrant, ttlMs: number) => string;
  verifyToken: (token: string) => SignedGrant;
}
