import type { Server } from "node:http";
import Provider from "oidc-provider";

/**
 * A real OpenID Connect provider on loopback for tests (the `oidc-provider` package with its
 * development login and consent pages): any login name signs in, with e-mail `NAME@example.test`
 * and `preferred_username` NAME.
 */
export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close: () => Promise<void>;
}

export async function startOidcProvider(opts: { port: number; redirectUri: string }): Promise<TestOidcProvider> {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const clientId = "arca";
  const clientSecret = "arca-test-client-secret";
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [opts.redirectUri], grant_types: ["authorization_code"], response_types: ["code"] }],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username"] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id}@example.test`, email_verified: true, name: id, preferred_username: id }),
    }),
    cookies: { keys: ["arca-test-cookie-key"] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true } },
  });
  // The development pages are the point here; keep its warnings about them out of test output.
  provider.on("server_error", (_ctx, error) => console.error("[oidc-provider]", error));
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(opts.port, "127.0.0.1", () => resolve(s));
  });
  return { issuer, clientId, clientSecret, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
