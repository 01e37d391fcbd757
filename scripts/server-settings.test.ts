import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain JavaScript (what `npm start` runs), without type declarations
import { checkSettings, loadRequestGuard } from "./server.mjs";

type Check = (guard: unknown, env: Record<string, string>) => string | null;

describe("the settings `npm start` checks before it starts", () => {
  it("refuses ARCA_DATABASE_URL in words rather than silently keeping the data in SQLite", async () => {
    const guard: unknown = await (loadRequestGuard as () => Promise<unknown>)();
    const check = checkSettings as Check;
    expect(check(guard, { HOST: "127.0.0.1" })).toBeNull();
    expect(check(guard, { HOST: "127.0.0.1", ARCA_DATABASE_URL: "postgres://arca@127.0.0.1/arca" })).toMatch(/ARCA_DATABASE_URL is set, but .* SQLite only .* Unset it to start; `arca admin migrate-to-postgres`/);
  });
});
