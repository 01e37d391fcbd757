import { expect, test as setup } from "@playwright/test";
import { ACCOUNTS_URL, PASSWORDS, SESSION_COOKIE, stateFile, type E2eUser } from "./accounts-env";

// One session per user for the specs that only need to be someone. Signing in by e-mail (the
// CLI's default address) leaves the username endpoint's 5-a-minute budget to the sign-in specs.
for (const user of Object.keys(PASSWORDS) as E2eUser[]) {
  setup(`sign in ${user}`, async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL: ACCOUNTS_URL, extraHTTPHeaders: { origin: ACCOUNTS_URL } });
    const res = await request.post("/api/auth/sign-in/email", { data: { email: `${user}@users.arca.invalid`, password: PASSWORDS[user] } });
    expect(res.status(), await res.text()).toBe(200);
    const state = await request.storageState({ path: stateFile(user) });
    expect(state.cookies.map((c) => c.name)).toContain(SESSION_COOKIE);
    await request.dispose();
  });
}
