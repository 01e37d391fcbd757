import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain JavaScript (what `npm start` runs), without type declarations
import { checkDatabase, checkSettings, loadPages, loadRequestGuard } from "./server.mjs";

type Check = (guard: unknown, env: Record<string, string>) => string | null;

describe("the settings `npm start` checks before it starts", () => {
  it("takes a postgres:// ARCA_DATABASE_URL and refuses anything else in words", async () => {
    const guard: unknown = await (loadRequestGuard as () => Promise<unknown>)();
    const check = checkSettings as Check;
    expect(check(guard, { HOST: "127.0.0.1" })).toBeNull();
    expect(check(guard, { HOST: "127.0.0.1", ARCA_DATABASE_URL: "postgres://arca@127.0.0.1/arca" })).toBeNull();
    expect(check(guard, { HOST: "127.0.0.1", ARCA_DATABASE_URL: "postgresql://arca@db.internal:5432/arca" })).toBeNull();
    expect(check(guard, { HOST: "127.0.0.1", ARCA_DATABASE_URL: "mysql://arca@127.0.0.1/arca" })).toMatch(/ARCA_DATABASE_URL must be a postgres:\/\/ URL \(got mysql:\/\/…\); unset it to keep the metadata in SQLite/);
    expect(check(guard, { HOST: "127.0.0.1", ARCA_DATABASE_URL: "arca.sqlite" })).toMatch(/ARCA_DATABASE_URL is not a URL/);
  });

  it("refuses a PostgreSQL database it cannot reach, naming where it looked (without the password)", async () => {
    const check = checkDatabase as (env: Record<string, string>) => Promise<string | null>;
    expect(await check({})).toBeNull();
    const refusal = await check({ ARCA_DATABASE_URL: "postgres://arca:secret-password@127.0.0.1:1/arca" });
    expect(refusal).toMatch(/^\[arca\] cannot use the PostgreSQL database at 127\.0\.0\.1:1\/arca \(ARCA_DATABASE_URL\): .*ECONNREFUSED/);
    expect(refusal).not.toContain("secret-password");
  });
});

describe("`npm start` before it listens", () => {
  const load = loadPages as (app: unknown) => Promise<void>;

  it("waits until Next has loaded every page's code, so a first request does not share the CPU with that", async () => {
    let loaded = false;
    const nextServer = { unstable_preloadEntries: () => new Promise<void>((resolve) => setTimeout(() => resolve(void (loaded = true)), 30)) };
    await load({ server: { getServer: () => Promise.resolve(nextServer) } });
    expect(loaded).toBe(true);
  });

  it("starts anyway when the loading fails or a Next version no longer has it", async () => {
    await expect(load({ server: { getServer: () => Promise.resolve({ unstable_preloadEntries: () => Promise.reject(new Error("a page failed")) }) } })).resolves.toBeUndefined();
    await expect(load({ server: { getServer: () => Promise.resolve({}) } })).resolves.toBeUndefined();
    await expect(load({})).resolves.toBeUndefined();
  });
});
