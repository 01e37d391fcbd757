import path from "node:path";

/** Server settings, read once from the environment. */
export interface ArcaConfig {
  dataDir: string;
  apiKey: string | undefined;
  demo: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ArcaConfig {
  return {
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.ARCA_DATA_DIR ?? "./data"),
    apiKey: env.ARCA_API_KEY || undefined,
    demo: env.ARCA_DEMO !== "0",
  };
}
