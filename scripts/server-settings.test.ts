import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain JavaScript (what `npm start` runs), without type declarations
import { checkDatabase, checkSettings, loadRequestGuard } from "./server.mjs";

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
