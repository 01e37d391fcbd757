import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceContext } from "../../context";
import { ConflictError } from "../../errors";
import { testDatabases } from "../../testing/databases";
import { createApiKey } from "./keys";
import { grantRole, revokeRole } from "./members";
import { setAdmin } from "./users";

// Read-then-write transactions of accounts, run at once (issue 11): on PostgreSQL (read committed)
// they hold only because they lock first; on SQLite the writers are serial anyway.
const drivers = testDatabases();

for (const driver of drivers) {
  describe.skipIf(driver.skip)(`accounts written at once (${driver.name})`, () => {
    let ctx: ServiceContext;
    let done: () => Promise<void>;
    beforeAll(async () => {
      const opened = await driver.open();
      done = opened.done;
      // PostgreSQL: eight connections open before the races, or the first writer commits while the others still connect.
      if (driver.name === "postgres") await Promise.all(Array.from({ length: 8 }, () => opened.sql.get("select pg_sleep(0.05) as slept")));
      // These services need only the database and a clock.
      ctx = { sql: opened.sql, now: Date.now } as unknown as ServiceContext;
      for (const [id, isAdmin] of [["ada", 1], ["bob", 1], ["cy", 0]] as const) {
        await ctx.sql.run("insert into users (id, name, email, email_verified, username, is_admin, created_at, updated_at) values (?, ?, ?, 0, ?, ?, 0, 0)", [
          id,
          id,
          `${id}@example.com`,
          id,
          isAdmin,
        ]);
      }
    });
    afterAll(() => done());

    const outcomes = (results: PromiseSettledResult<unknown>[]) => results.map((r) => (r.status === "fulfilled" ? "ok" : r.reason instanceof ConflictError ? "conflict" : String(r.reason))).sort();

    it("creates one of several keys with the same name, and says the others are taken", async () => {
      const create = () => createApiKey(ctx, { userId: "cy", username: "cy", name: "laptop", actor: "cy" });
      expect(outcomes(await Promise.allSettled(Array.from({ length: 8 }, create)))).toEqual([...Array(7).fill("conflict"), "ok"]);
      expect(await ctx.sql.get("select count(*) as n from api_keys where user_id = 'cy'")).toEqual({ n: 1 });
    });

    it("keeps the last admin of a team when two admins revoke each other at once", async () => {
      await grantRole(ctx, { username: "ada", entity: "acme", role: "admin", actor: "test" });
      await grantRole(ctx, { username: "bob", entity: "acme", role: "admin", actor: "test" });
      const revoke = (username: string) => revokeRole(ctx, { username, entity: "acme", actor: "test" });
      expect(outcomes(await Promise.allSettled([revoke("ada"), revoke("bob")]))).toEqual(["conflict", "ok"]);
      expect(await ctx.sql.get("select count(*) as n from memberships where entity = 'acme' and role = 'admin'")).toEqual({ n: 1 });
    });

    it("keeps the last instance admin when two admins take each other's flag at once", async () => {
      const demote = (username: string) => setAdmin(ctx, { username, isAdmin: false, actor: "test" });
      expect(outcomes(await Promise.allSettled([demote("ada"), demote("bob")]))).toEqual(["conflict", "ok"]);
      expect(await ctx.sql.get("select count(*) as n from users where is_admin = 1")).toEqual({ n: 1 });
    });
  });
}
