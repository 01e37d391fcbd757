import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-auth-flow-"));
process.env.ARCA_DATA_DIR = dataDir;
process.env.ARCA_AUTH = "1";
process.env.PORT = "3999";
const { getAuth, getServiceContext } = await import("../context");
const { createUser, deleteUser } = await import("../services/accounts/users");
const { createRequestContext } = await import("../trpc/init");
const { createCaller } = await import("../trpc/root");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const ORIGIN = "http://127.0.0.1:3999";
function post(pathname: string, body: unknown, headers: Record<string, string> = {}) {
  return getAuth().handler(
    new Request(`${ORIGIN}/api/auth${pathname}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

/** The session cookie a response sets, as a Cookie header. */
const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");

beforeAll(async () => {
  await createUser(getServiceContext(), getAuth(), { username: "alice", email: "alice@example.com", password: "a long password", actor: "test" });
  await createUser(getServiceContext(), getAuth(), { username: "bob", password: "another password", actor: "test" });
});

describe("sign-in and sessions (better-auth)", () => {
  it("signs in by username or e-mail with an httpOnly SameSite cookie, and the cookie identifies the user", async () => {
    const res = await post("/sign-in/username", { username: "alice", password: "a long password" }, { "x-arca-client-ip": "10.0.0.1" });
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/arca\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/); // plain http on loopback; https makes it Secure
    const me = await createCaller(await createRequestContext(new Headers({ cookie: cookieOf(res) }))).account.me();
    expect(me.user).toMatchObject({ username: "alice", kind: "user", viaKey: false });
    const byEmail = await post("/sign-in/email", { email: "alice@example.com", password: "a long password" }, { "x-arca-client-ip": "10.0.0.1" });
    expect(byEmail.status).toBe(200);
  });

  it("refuses a wrong password, and a revoked or forged session", async () => {
    expect((await post("/sign-in/username", { username: "alice", password: "wrong password" }, { "x-arca-client-ip": "10.0.0.2" })).status).toBe(401);
    const res = await post("/sign-in/username", { username: "bob", password: "another password" }, { "x-arca-client-ip": "10.0.0.2" });
    const cookie = cookieOf(res);
    const api = createCaller(await createRequestContext(new Headers({ cookie })));
    const [session] = await api.account.sessions();
    expect(session?.current).toBe(true);
    await api.account.revokeSession({ id: session!.id });
    expect((await createCaller(await createRequestContext(new Headers({ cookie }))).account.me()).user).toBeNull();
    const forged = cookie.replace(/=([^.]+)\./, "=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.");
    expect((await createCaller(await createRequestContext(new Headers({ cookie: forged }))).account.me()).user).toBeNull();
    await expect(createCaller(await createRequestContext(new Headers({ cookie: forged }))).projects.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("rate-limits password guessing per client address", async () => {
    const attempt = (ip: string) => post("/sign-in/username", { username: "alice", password: "guess" }, { "x-arca-client-ip": ip });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await attempt("10.0.0.9")).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Another address is not locked out by the first one's guessing.
    expect((await attempt("10.0.0.10")).status).toBe(401);
  });

  it("ends a deleted user's sessions", async () => {
    await createUser(getServiceContext(), getAuth(), { username: "carol", password: "carol's password", actor: "test" });
    const cookie = cookieOf(await post("/sign-in/username", { username: "carol", password: "carol's password" }, { "x-arca-client-ip": "10.0.0.3" }));
    await deleteUser(getServiceContext(), { username: "carol", actor: "alice" });
    expect((await createCaller(await createRequestContext(new Headers({ cookie }))).account.me()).user).toBeNull();
  });
});
