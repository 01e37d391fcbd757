import { betterAuth } from "better-auth";
import { genericOAuth, username } from "better-auth/plugins";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { authDatabase } from "@/db/queries/auth-adapter";
import { checkNamespacePart } from "@/lib/names";
import type { ArcaConfig } from "../config";
import type { ServiceContext } from "../context";
import { entityNameTaken, RESERVED_NAMES } from "../services/accounts/entities";

/**
 * Sessions, password storage and single sign-on are better-auth's (docs/security.md says why):
 * scrypt password hashes, signed httpOnly cookies, revocable sessions in the database, built-in
 * rate limiting of sign-in, and OpenID Connect through its generic OAuth plugin. Arca adds roles,
 * API keys and the audit log on top (server/access, server/services/accounts).
 */
export function createAuth(ctx: ServiceContext, config: ArcaConfig) {
  const secure = config.secureCookies;
  const loopbackOrigins = publicOrigins(config.publicUrl);
  return betterAuth({
    appName: "Arca",
    baseURL: config.publicUrl,
    basePath: "/api/auth",
    secret: config.authSecret ?? loadOrCreateSecret(config.dataDir),
    trustedOrigins: loopbackOrigins,
    telemetry: { enabled: false },
    database: authDatabase(ctx),
    // Accounts are made by instance admins (UI or `arca admin create-user`) or by single sign-on.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, maxPasswordLength: 256 },
    user: { additionalFields: { isAdmin: { type: "boolean", required: false, defaultValue: false, input: false } } },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "memory",
      window: 60,
      max: 300,
      // Password guessing: 5 attempts a minute per client address and path.
      customRules: { "/sign-in/email": { window: 60, max: 5 }, "/sign-in/username": { window: 60, max: 5 } },
    },
    advanced: {
      cookiePrefix: "arca",
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure },
      // The server in front of Next (scripts/server.mjs) sets this from the socket; a client cannot forge it.
      ipAddress: { ipAddressHeaders: ["x-arca-client-ip"] },
    },
    databaseHooks: {
      user: {
        create: {
          before: async (user) => {
            const raw = (user as { username?: unknown }).username;
            const name = typeof raw === "string" ? raw : "";
            if (!name || (await entityNameTaken(ctx, name))) return false;
            return { data: user };
          },
        },
      },
    },
    plugins: [
      username({
        minUsernameLength: 1,
        maxUsernameLength: 64,
        usernameValidator: (name) => checkNamespacePart("user", name) === null && !RESERVED_NAMES.has(name),
      }),
      ...(config.oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: "oidc",
                  discoveryUrl: `${config.oidc.issuer}/.well-known/openid-configuration`,
                  clientId: config.oidc.clientId,
                  clientSecret: config.oidc.clientSecret,
                  scopes: ["openid", "email", "profile"],
                  pkce: true,
                  // A first sign-in creates the user; their username (and personal entity) comes from the provider.
                  mapProfileToUser: async (profile) => ({ username: await usernameFromProfile(ctx, profile) }),
                },
              ],
            }),
          ]
        : []),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

function publicOrigins(publicUrl: string): string[] {
  const url = new URL(publicUrl);
  const port = url.port ? `:${url.port}` : "";
  return [url.origin, `${url.protocol}//127.0.0.1${port}`, `${url.protocol}//localhost${port}`];
}

export function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(/*turbopackIgnore: true*/ dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    // wx: two processes starting at once keep the first one's secret.
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

/** preferred_username, else the e-mail's local part, made into a free entity name. */
async function usernameFromProfile(ctx: ServiceContext, profile: Record<string, unknown>): Promise<string> {
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);
  const raw = text(profile.preferred_username) ?? text(profile.nickname) ?? (text(profile.email) ?? "user").split("@")[0]!;
  const base = raw.toLowerCase().replace(/[^a-z0-9_.-]/g, "-").slice(0, 48) || "user";
  let name = base;
  for (let i = 2; RESERVED_NAMES.has(name) || (await entityNameTaken(ctx, name)); i++) name = `${base}-${i}`;
  return name;
}
