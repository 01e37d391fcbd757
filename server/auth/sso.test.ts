import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcProvider, type TestOidcProvider } from "./testing/oidc-provider";

/**
 * Single sign-on end to end over real HTTP to a real OpenID Connect provider on loopback:
 * Arca's sign-in → the provider's login and consent pages → Arca's callback → a session.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-sso-"));
const ARCA = "http://127.0.0.1:3998";
const port = await freePort();
process.env.ARCA_DATA_DIR = dataDir;
process.env.ARCA_AUTH = "1";
process.env.PORT = "3998";
process.env.ARCA_OIDC_ISSUER = `http://127.0.0.1:${port}`;
process.env.ARCA_OIDC_CLIENT_ID = "arca";
process.env.ARCA_OIDC_CLIENT_SECRET = "arca-test-client-secret";
process.env.ARCA_OIDC_NAME = "Test SSO";
const { getAuth, getServiceContext } = await import("../context");
const { createRequestContext } = await import("../trpc/init");
const { createCaller } = await import("../trpc/root");
const { createTeam } = await import("../services/accounts/entities");

let provider: TestOidcProvider;
beforeAll(async () => {
  provider = await startOidcProvider({ port, redirectUri: `${ARCA}/api/auth/callback/oidc` });
});
afterAll(async () => {
  await provider.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A cookie jar per site: enough for one sign-in flow. */
class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

const arca = (jar: Jar, url: string, init: RequestInit = {}) =>
  getAuth()
    .handler(new Request(url, { ...init, headers: { origin: ARCA, cookie: jar.header(), ...(init.headers as Record<string, string>) } }))
    .then((res) => (jar.take(res), res));

/** Follows the provider's redirects and submits its login and consent forms until it sends us back to Arca. */
async function signInAtProvider(start: string, login: string): Promise<string> {
  const jar = new Jar();
  let url = start;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(ARCA)) return url;
    const res = await fetch(url, { method: body ? "POST" : "GET", body, headers: { cookie: jar.header(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) }, redirect: "manual" });
    jar.take(res);
    body = undefined;
    const location = res.headers.get("location");
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected provider page (${res.status}): ${html.slice(0, 300)}`);
    url = new URL(action, url).href;
    body = new URLSearchParams(prompt === "login" ? { prompt, login, password: "anything" } : { prompt });
  }
  throw new Error("too many redirects at the provider");
}

async function ssoSignIn(login: string): Promise<{ cookie: string; location: string | null }> {
  const jar = new Jar();
  const start = await arca(jar, `${ARCA}/api/auth/sign-in/social`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ provider: "oidc", callbackURL: "/" }),
  });
  expect(start.status).toBe(200);
  const { url } = (await start.json()) as { url: string };
  expect(url.startsWith(provider.issuer)).toBe(true);
  const callback = await signInAtProvider(url, login);
  const done = await arca(jar, callback);
  return { cookie: jar.header(), location: done.headers.get("location") };
}

describe("single sign-on through OpenID Connect", () => {
  it("signs a new person in, creates their user from the provider's claims, and signs them in again later", async () => {
    const first = await ssoSignIn("grace");
    expect(first.location).toBe("/");
    const api = createCaller(await createRequestContext(new Headers({ cookie: first.cookie })));
    expect((await api.account.me()).user).toMatchObject({ username: "grace", kind: "user" });
    expect(await api.account.memberships()).toEqual([{ entity: "grace", project: "", role: "admin", kind: "user" }]);
    const again = await ssoSignIn("grace");
    expect((await createCaller(await createRequestContext(new Headers({ cookie: again.cookie }))).account.me()).user?.username).toBe("grace");
  });

  it("gives a person whose name is taken by a team a free user name instead of the team", async () => {
    await createTeam(getServiceContext(), { name: "ops", creatorId: null, actor: "test" });
    const { cookie } = await ssoSignIn("ops");
    const me = await createCaller(await createRequestContext(new Headers({ cookie }))).account.me();
    expect(me.user?.username).toBe("ops-2");
    expect(me.sso).toEqual({ name: "Test SSO" });
  });
});
