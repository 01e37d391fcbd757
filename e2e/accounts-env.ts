import os from "node:os";
import path from "node:path";

/** The accounts-mode server of the e2e run (playwright.config.ts starts it on E2E_PORT + 1). */
export const ACCOUNTS_PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
export const ACCOUNTS_URL = `http://127.0.0.1:${ACCOUNTS_PORT}`;
export const ACCOUNTS_DATA_DIR = path.join(os.tmpdir(), `arca-e2e-${ACCOUNTS_PORT}-accounts`);
/** Users the admin CLI creates before the server starts (ada: instance admin; vera: viewer of demo, eddie: editor of demo). */
export const PASSWORDS = { ada: "ada-pass-1", vera: "vera-pass-1", eddie: "eddie-pass-1" } as const;
export type E2eUser = keyof typeof PASSWORDS;
/** Cookies of each user's session, saved once by accounts.setup.ts. */
export const stateFile = (user: E2eUser) => path.join(os.tmpdir(), `arca-e2e-${ACCOUNTS_PORT}-state-${user}.json`);
export const SESSION_COOKIE = "arca.session_token";
/** A real OpenID Connect provider on loopback (e2e/oidc-provider.mjs) that the accounts server trusts for single sign-on. */
export const OIDC_PORT = ACCOUNTS_PORT + 1;
export const OIDC_NAME = "Test SSO";
