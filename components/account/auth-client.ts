/**
 * Sign-in and sign-out through better-auth's endpoints (/api/auth), with plain fetch: the page
 * needs three calls, and each failure is turned into a sentence here.
 */
export type AuthResult = { ok: true } | { ok: false; error: string };

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
}

/** "Username or e-mail": an @ means e-mail (usernames cannot hold one). */
export async function signIn(identifier: string, password: string): Promise<AuthResult> {
  const id = identifier.trim();
  let res: Response;
  try {
    res = id.includes("@") ? await post("/sign-in/email", { email: id, password }) : await post("/sign-in/username", { username: id, password });
  } catch {
    return { ok: false, error: "Arca did not answer. Check that the server is running, then try again." };
  }
  if (res.ok) return { ok: true };
  return { ok: false, error: signInError(res.status) };
}

export function signInError(status: number): string {
  if (status === 429) return "Too many attempts: wait a minute, then try again.";
  if (status === 401 || status === 400 || status === 403) return "Wrong username, e-mail or password. Check them and try again.";
  return `Signing in failed (the server answered ${status}). Try again in a moment.`;
}

export async function signOut(): Promise<void> {
  await post("/sign-out", {});
}

/** Single sign-on: the server answers with the identity provider's address to go to. */
export async function startSso(next: string): Promise<AuthResult & { url?: string }> {
  try {
    const res = await post("/sign-in/social", { provider: "oidc", callbackURL: next });
    const body = (await res.json().catch(() => ({}))) as { url?: unknown };
    if (res.ok && typeof body.url === "string") return { ok: true, url: body.url };
    return { ok: false, error: `Single sign-on is not answering (status ${res.status}). Sign in with a password, or ask your admin.` };
  } catch {
    return { ok: false, error: "Arca did not answer. Check that the server is running, then try again." };
  }
}
