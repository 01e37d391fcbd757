import crypto from "node:crypto";
import type { ArcaConfig } from "../config";
import type { ServiceContext } from "../context";
import type { Auth } from "../auth/auth";
import { UnauthorizedError } from "../errors";
import { verifyApiKey } from "../services/accounts/keys";
import { ANONYMOUS, localPrincipal, SERVICE, type Principal } from "./principal";

/**
 * The key a request carries: `Authorization: Bearer <key>`, or HTTP Basic with user `api`
 * (what W&B's clients send). null when there is none.
 */
export function readApiKey(headers: Headers): string | null {
  const value = headers.get("authorization");
  if (!value) return null;
  const [scheme = "", credentials = ""] = value.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) return credentials;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(credentials, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0 && decoded.slice(0, colon) === "api") return decoded.slice(colon + 1);
    throw new UnauthorizedError('HTTP Basic credentials must be "api:<key>"');
  }
  throw new UnauthorizedError(`unsupported Authorization scheme ${JSON.stringify(scheme.slice(0, 20))}: send Bearer <key>`);
}

function safeEqual(a: string, b: string): boolean {
  const x = crypto.createHash("sha256").update(a).digest();
  const y = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(x, y);
}

/**
 * Who sent this request: a key (Authorization) wins over a session cookie. In local mode
 * (loopback, accounts off) everybody is the one local user and keys are not looked at.
 * A key that is present but wrong is refused (401), never treated as anonymous.
 */
export async function authenticate(ctx: ServiceContext, auth: () => Auth, config: ArcaConfig, headers: Headers): Promise<Principal> {
  if (config.authMode === "local") return localPrincipal();
  const key = readApiKey(headers);
  if (key !== null) {
    if (config.apiKey && safeEqual(key, config.apiKey)) return SERVICE;
    return await verifyApiKey(ctx, key);
  }
  if (!headers.get("cookie")?.includes("session_token")) return ANONYMOUS;
  const session = await auth().api.getSession({ headers });
  if (!session) return ANONYMOUS;
  const user = session.user as { id: string; username?: string | null; isAdmin?: boolean | null };
  return { kind: "user", userId: user.id, name: user.username ?? user.id, isAdmin: user.isAdmin === true, key: null, sessionId: session.session.id };
}
