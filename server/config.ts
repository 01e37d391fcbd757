import path from "node:path";

/** Server settings, read once from the environment. */
export interface ArcaConfig {
  dataDir: string;
  apiKey: string | undefined;
  demo: boolean;
  /** The URL people reach Arca at (ARCA_PUBLIC_URL), e.g. behind a reverse proxy; undefined when not set. */
  publicUrl: string | undefined;
  /**
   * Cookies must be Secure when people reach Arca over HTTPS: when it serves TLS itself (ARCA_TLS_CERT)
   * or ARCA_PUBLIC_URL is https:// (TLS ends at a reverse proxy). docs/deploy.md.
   */
  secureCookies: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ArcaConfig {
  const publicUrl = env.ARCA_PUBLIC_URL || undefined;
  return {
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.ARCA_DATA_DIR ?? "./data"),
    apiKey: env.ARCA_API_KEY || undefined,
    demo: env.ARCA_DEMO !== "0",
    publicUrl,
    secureCookies: Boolean(env.ARCA_TLS_CERT) || Boolean(publicUrl?.startsWith("https://")),
  };
}
