import path from "node:path";
import { ValidationError } from "./errors";
import { readKeyring, type Keyring } from "./storage/keyring";
import { parseStorageLocation, type StorageConfig } from "./storage/storage-location";

/** How requests are authenticated (docs/security.md). */
export type AuthMode = "local" | "accounts";

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Label of the sign-in button. */
  name: string;
}

/** Server settings, read once from the environment. */
export interface ArcaConfig {
  dataDir: string;
  /** ARCA_DATABASE_URL: the metadata in PostgreSQL (docs/deploy.md); unset keeps it in the data dir's SQLite file. */
  databaseUrl: string | undefined;
  /** ARCA_STORAGE: where blobs live (the data dir, or an S3 bucket). */
  storage: StorageConfig;
  /** ARCA_API_KEY: an instance-admin service key (implies accounts mode). */
  apiKey: string | undefined;
  demo: boolean;
  authMode: AuthMode;
  /** The URL people use to reach Arca: cookies are Secure when it is https. */
  publicUrl: string;
  oidc: OidcConfig | undefined;
  /** ARCA_AUTH_SECRET signs session cookies; without it one is generated into the data dir. */
  authSecret: string | undefined;
  /**
   * Cookies must be Secure when people reach Arca over HTTPS: when it serves TLS itself (ARCA_TLS_CERT)
   * or ARCA_PUBLIC_URL is https:// (TLS ends at a reverse proxy). docs/deploy.md.
   */
  secureCookies: boolean;
  /** ARCA_ENCRYPTION_KEY (+ ARCA_ENCRYPTION_OLD_KEYS): blobs are encrypted at rest when set (docs/security.md). */
  encryption: Keyring | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ArcaConfig {
  const apiKey = env.ARCA_API_KEY || undefined;
  const host = env.HOST || "127.0.0.1";
  const port = env.PORT || "3000";
  const tls = Boolean(env.ARCA_TLS_CERT && env.ARCA_TLS_KEY);
  const authMode: AuthMode = env.ARCA_AUTH === "1" || apiKey ? "accounts" : "local";
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return {
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.ARCA_DATA_DIR ?? "./data"),
    databaseUrl: parseDatabaseUrl(env.ARCA_DATABASE_URL),
    storage: parseStorageLocation(env),
    apiKey,
    demo: env.ARCA_DEMO !== "0",
    authMode,
    publicUrl: (env.ARCA_PUBLIC_URL || `${tls ? "https" : "http"}://${urlHost}:${port}`).replace(/\/+$/, ""),
    oidc: env.ARCA_OIDC_ISSUER
      ? {
          issuer: env.ARCA_OIDC_ISSUER.replace(/\/+$/, ""),
          clientId: env.ARCA_OIDC_CLIENT_ID ?? "",
          clientSecret: env.ARCA_OIDC_CLIENT_SECRET ?? "",
          name: env.ARCA_OIDC_NAME || "single sign-on",
        }
      : undefined,
    authSecret: env.ARCA_AUTH_SECRET || undefined,
    secureCookies: Boolean(env.ARCA_TLS_CERT) || (env.ARCA_PUBLIC_URL ?? "").startsWith("https://"),
    encryption: readKeyring(env),
  };
}

/** ARCA_DATABASE_URL must name PostgreSQL; anything else is refused in words at start (scripts/server.mjs). */
export function parseDatabaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    throw new ValidationError("ARCA_DATABASE_URL is not a URL: give postgres://USER:PASSWORD@HOST:PORT/DATABASE, or unset it to keep the metadata in SQLite");
  }
  if (protocol !== "postgres:" && protocol !== "postgresql:") {
    throw new ValidationError(`ARCA_DATABASE_URL must be a postgres:// URL (got ${protocol}//…); unset it to keep the metadata in SQLite`);
  }
  return value;
}
