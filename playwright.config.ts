import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";
import { ACCOUNTS_DATA_DIR, ACCOUNTS_PORT, ACCOUNTS_URL, OIDC_NAME, OIDC_PORT, PASSWORDS } from "./e2e/accounts-env";
import { S3_ARCA_PORT, S3_ARCA_URL, S3_BUCKET, S3_DATA_DIR, S3_DIR, S3_PORT } from "./e2e/s3-env";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = path.join(os.tmpdir(), `arca-e2e-${PORT}`);

const ACCOUNTS_SPECS = /accounts.*\.(spec|setup)\.ts$/;
const S3_SPECS = /s3-.*\.spec\.ts$/;
/**
 * A server command on a fresh PostgreSQL database of its own (e2e/with-postgres.mjs). The team-shaped servers
 * (accounts, S3) always run on PostgreSQL when there is one; E2E_DATABASE=postgres puts the local one there too.
 */
const onPostgres = (name: string, command: string) => `node e2e/with-postgres.mjs ${name} '${command.replaceAll("'", "'\\''")}'`;
// A server on PostgreSQL (with-postgres.mjs) drops its database when it ends: SIGTERM lets it, where
// Playwright's default SIGKILL would leave the database for the next run's sweep.
const endsGracefully = { gracefulShutdown: { signal: "SIGTERM" as const, timeout: 10_000 } };
const localCommand = (command: string) => (process.env.E2E_DATABASE === "postgres" ? onPostgres("local", command) : command);
const cli = (args: string, password?: string) => `${password ? `printf %s ${password} | ` : ""}node cli/bin.mjs admin ${args}`;

const browser = {
  trace: "retain-on-failure" as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  },
};

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  // Generous for a loaded 2-core machine; a passing run rarely waits more than a second.
  expect: { timeout: 15_000 },
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: browser,
  projects: [
    { name: "local", testIgnore: [ACCOUNTS_SPECS, S3_SPECS], use: { baseURL: `http://127.0.0.1:${PORT}` } },
    // Blobs in an S3 bucket (an s3rver on loopback) with direct transfers.
    { name: "s3", testMatch: S3_SPECS, use: { baseURL: S3_ARCA_URL } },
    // Signs each user in once (the sign-in endpoints allow 5 attempts a minute) and saves the cookies.
    { name: "accounts-setup", testMatch: /accounts\.setup\.ts$/, use: { baseURL: ACCOUNTS_URL } },
    { name: "accounts", testMatch: /accounts.*\.spec\.ts$/, dependencies: ["accounts-setup"], use: { baseURL: ACCOUNTS_URL } },
  ],
  webServer: [
    {
      // An S3-compatible server for the "s3" project, on a fresh directory every run.
      command: `rm -rf ${S3_DIR} && mkdir -p ${S3_DIR} && node node_modules/s3rver/bin/s3rver.js -d ${S3_DIR} -a 127.0.0.1 -p ${S3_PORT} --configure-bucket ${S3_BUCKET} -s`,
      url: `http://127.0.0.1:${S3_PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // `npm start` with ARCA_STORAGE on that bucket and ARCA_S3_DIRECT=1 (docs/deploy.md, "Direct transfers").
      command: onPostgres("s3", `rm -rf ${S3_DATA_DIR} && node scripts/start.mjs`),
      ...endsGracefully,
      url: `${S3_ARCA_URL}/api/v1/projects`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        ARCA_DATA_DIR: S3_DATA_DIR,
        ARCA_LOCAL_USER: "local-e2e",
        HOST: "127.0.0.1",
        PORT: String(S3_ARCA_PORT),
        NEXT_TELEMETRY_DISABLED: "1",
        ARCA_STORAGE: `s3://${S3_BUCKET}/e2e`,
        AWS_ENDPOINT_URL: `http://127.0.0.1:${S3_PORT}`,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "S3RVER",
        AWS_SECRET_ACCESS_KEY: "S3RVER",
        ARCA_S3_FORCE_PATH_STYLE: "1",
        ARCA_S3_DIRECT: "1",
      },
    },
    {
      // Single sign-on for the accounts server: a real OpenID Connect provider on loopback.
      command: "node e2e/oidc-provider.mjs",
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { OIDC_PORT: String(OIDC_PORT), OIDC_REDIRECT_URI: `${ACCOUNTS_URL}/api/auth/callback/oidc` },
    },
    {
      // `npm start` itself, on a fresh data dir every run: the demo is seeded, and tests add what they need
      // through the API or the CLI. (`npm run test:e2e` has built the app first.)
      command: localCommand(`rm -rf ${E2E_DATA_DIR} && node scripts/start.mjs`),
      ...endsGracefully,
      url: `http://127.0.0.1:${PORT}/api/v1/projects`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { ARCA_DATA_DIR: E2E_DATA_DIR, ARCA_LOCAL_USER: "local-e2e", HOST: "127.0.0.1", PORT: String(PORT), NEXT_TELEMETRY_DISABLED: "1" },
    },
    {
      // Accounts mode: an instance admin (ada: "admin" is a reserved name), and on the demo entity a viewer (vera) and an editor (eddie).
      ...endsGracefully,
      command: onPostgres(
        "accounts",
        [
        `rm -rf ${ACCOUNTS_DATA_DIR}`,
        cli("create-user ada --admin --password-stdin", PASSWORDS.ada),
        cli("create-user vera --password-stdin", PASSWORDS.vera),
        cli("create-user eddie --password-stdin", PASSWORDS.eddie),
        cli("grant vera demo viewer"),
        cli("grant eddie demo editor"),
        "node scripts/start.mjs",
        ].join(" && "),
      ),
      // Answers 401 until someone signs in: any answer means the server is up.
      url: `${ACCOUNTS_URL}/sign-in`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: {
        ARCA_DATA_DIR: ACCOUNTS_DATA_DIR,
        ARCA_AUTH: "1",
        HOST: "127.0.0.1",
        PORT: String(ACCOUNTS_PORT),
        NEXT_TELEMETRY_DISABLED: "1",
        ARCA_OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
        ARCA_OIDC_CLIENT_ID: "arca",
        ARCA_OIDC_CLIENT_SECRET: "arca-test-client-secret",
        ARCA_OIDC_NAME: OIDC_NAME,
      },
    },
  ],
});
