// An OpenID Connect provider for the e2e run (playwright.config.ts starts it before the accounts
// server): oidc-provider's development login, where any login name signs in.
import { tsImport } from "tsx/esm/api";

const { startOidcProvider } = await tsImport("../server/auth/testing/oidc-provider.ts", import.meta.url);
const port = Number(process.env.OIDC_PORT);
await startOidcProvider({ port, redirectUri: process.env.OIDC_REDIRECT_URI });
console.log(`[oidc] test provider on http://127.0.0.1:${port}`);
