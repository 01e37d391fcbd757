import type { BetterAuthOptions } from "better-auth";
import type { CleanedWhere, DBAdapter } from "better-auth/adapters";
import { username } from "better-auth/plugins";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "@/server/testing/databases";
import type { DbHandle } from "../client";
import { authDatabase, whereClause } from "./auth-adapter";

// The adapter on both databases (issue 11): better-auth's queries must mean the same on each.
const drivers = testDatabases();

const options: BetterAuthOptions = {
  plugins: [username()],
  user: { additionalFields: { isAdmin: { type: "boolean", required: false, defaultValue: false, input: false } } },
};

const people = [
  { name: "Ada Lovelace", email: "ada@example.com", username: "ada", isAdmin: true, at: 1_000 },
  { name: "Alan Turing", email: "alan@Example.org", username: "alan", isAdmin: false, at: 2_000 },
  { name: "Grace Hopper", email: "grace@example.com", username: "grace", isAdmin: false, at: 3_000 },
  { name: "Edsger 100%_Dijkstra", email: "edsger@example.net", username: "edsger", isAdmin: false, at: 4_000 },
];

for (const driver of drivers) {
describe.skipIf(driver.skip)(`the better-auth adapter over Sql (${driver.name})`, () => {
  let handle: DbHandle;
  let adapter: DBAdapter;
  let done: () => Promise<void>;
  beforeAll(async () => {
    const opened = await driver.open();
    handle = opened;
    done = opened.done;
    adapter = authDatabase(handle)(options);
    for (const p of people) {
      await adapter.create({
        model: "user",
        data: { name: p.name, email: p.email, username: p.username, emailVerified: false, isAdmin: p.isAdmin, createdAt: new Date(p.at), updatedAt: new Date(p.at) },
      });
    }
  });
  afterAll(() => done());

type Where = Parameters<DBAdapter["findMany"]>[0]["where"];
const names = async (where: Where, extra: { sortBy?: { field: string; direction: "asc" | "desc" }; limit?: number; offset?: number } = {}) =>
  (await adapter.findMany<{ username: string }>({ model: "user", where, sortBy: { field: "username", direction: "asc" }, ...extra })).map((u) => u.username);

  it("stores dates as epoch ms and booleans as 1/0, and gives them back as Date and boolean", async () => {
    const raw = await handle.sql.get("select is_admin as isAdmin, created_at as createdAt, email_verified as v from users where username = 'ada'");
    expect(raw).toEqual({ isAdmin: 1, createdAt: 1_000, v: 0 });
    const ada = await adapter.findOne<{ createdAt: Date; isAdmin: boolean; emailVerified: boolean; id: string }>({ model: "user", where: [{ field: "username", value: "ada" }] });
    expect(ada).toMatchObject({ createdAt: new Date(1_000), isAdmin: true, emailVerified: false });
    expect(typeof ada!.id).toBe("string");
  });

  it("compares with eq, ne, lt, lte, gt, gte (dates and booleans too)", async () => {
    expect(await names([{ field: "isAdmin", value: true }])).toEqual(["ada"]);
    expect(await names([{ field: "isAdmin", operator: "ne", value: true }])).toEqual(["alan", "edsger", "grace"]);
    expect(await names([{ field: "createdAt", operator: "lt", value: new Date(2_000) }])).toEqual(["ada"]);
    expect(await names([{ field: "createdAt", operator: "lte", value: new Date(2_000) }])).toEqual(["ada", "alan"]);
    expect(await names([{ field: "createdAt", operator: "gt", value: new Date(3_000) }])).toEqual(["edsger"]);
    expect(await names([{ field: "createdAt", operator: "gte", value: new Date(3_000) }])).toEqual(["edsger", "grace"]);
    expect(await names([{ field: "image", value: null }])).toHaveLength(4);
    expect(await names([{ field: "image", operator: "ne", value: null }])).toEqual([]);
  });

  it("matches lists with in and not_in, the empty list included", async () => {
    expect(await names([{ field: "username", operator: "in", value: ["grace", "ada", "nobody"] }])).toEqual(["ada", "grace"]);
    expect(await names([{ field: "username", operator: "not_in", value: ["grace", "ada", "nobody"] }])).toEqual(["alan", "edsger"]);
    expect(await names([{ field: "username", operator: "in", value: [] }])).toEqual([]);
    expect(await names([{ field: "username", operator: "not_in", value: [] }])).toHaveLength(4);
  });

  it("matches substrings case-sensitively by default, and ignoring case when asked; % and _ are plain characters", async () => {
    expect(await names([{ field: "email", operator: "contains", value: "example.com" }])).toEqual(["ada", "grace"]);
    expect(await names([{ field: "email", operator: "contains", value: "EXAMPLE" }])).toEqual([]);
    expect(await names([{ field: "email", operator: "contains", value: "EXAMPLE", mode: "insensitive" }])).toHaveLength(4);
    expect(await names([{ field: "email", operator: "ends_with", value: "@Example.org" }])).toEqual(["alan"]);
    expect(await names([{ field: "email", operator: "ends_with", value: "@example.org" }])).toEqual([]);
    expect(await names([{ field: "email", operator: "ends_with", value: "@example.org", mode: "insensitive" }])).toEqual(["alan"]);
    expect(await names([{ field: "name", operator: "starts_with", value: "A" }])).toEqual(["ada", "alan"]);
    expect(await names([{ field: "name", operator: "starts_with", value: "a" }])).toEqual([]);
    expect(await names([{ field: "name", operator: "contains", value: "100%_" }])).toEqual(["edsger"]);
    expect(await names([{ field: "name", operator: "contains", value: "0%_d", mode: "insensitive" }])).toEqual(["edsger"]);
    expect(await names([{ field: "name", operator: "contains", value: "0_%" , mode: "insensitive"}])).toEqual([]);
    expect(await names([{ field: "username", value: "ADA", mode: "insensitive" }])).toEqual(["ada"]);
    expect(await names([{ field: "username", value: "ADA" }])).toEqual([]);
  });

  it("joins AND conditions, and OR conditions as one group that must hold too", async () => {
    expect(await names([{ field: "isAdmin", value: false }, { field: "createdAt", operator: "lt", value: new Date(3_500) }])).toEqual(["alan", "grace"]);
    expect(await names([{ field: "username", value: "ada", connector: "OR" }, { field: "username", value: "grace", connector: "OR" }])).toEqual(["ada", "grace"]);
    expect(
      await names([
        { field: "isAdmin", value: false },
        { field: "username", value: "ada", connector: "OR" },
        { field: "username", value: "grace", connector: "OR" },
      ]),
    ).toEqual(["grace"]);
  });

  it("sorts, limits and offsets; counts; updates one or many; deletes", async () => {
    expect(await names(undefined, { sortBy: { field: "createdAt", direction: "desc" }, limit: 2, offset: 1 })).toEqual(["grace", "alan"]);
    expect(await adapter.count({ model: "user", where: [{ field: "isAdmin", value: false }] })).toBe(3);
    const updated = await adapter.update<{ name: string; updatedAt: Date }>({ model: "user", where: [{ field: "username", value: "grace" }], update: { name: "Grace B. Hopper", updatedAt: new Date(9_000) } });
    expect(updated).toMatchObject({ name: "Grace B. Hopper", updatedAt: new Date(9_000) });
    expect(await adapter.update({ model: "user", where: [{ field: "username", value: "nobody" }], update: { name: "x" } })).toBeNull();
    expect(await adapter.updateMany({ model: "user", where: [{ field: "isAdmin", value: false }], update: { emailVerified: true } })).toBe(3);
    expect(await names([{ field: "emailVerified", value: true }])).toEqual(["alan", "edsger", "grace"]);
    expect(await adapter.deleteMany({ model: "user", where: [{ field: "username", operator: "in", value: ["alan", "edsger"] }] })).toBe(2);
    await adapter.delete({ model: "user", where: [{ field: "username", value: "grace" }] });
    expect(await names(undefined)).toEqual(["ada"]);
  });

  it("consumes a verification value once", async () => {
    const when = new Date(5_000);
    await adapter.create({ model: "verification", data: { identifier: "state-1", value: "v", expiresAt: when, createdAt: when, updatedAt: when } });
    const where = [{ field: "identifier", value: "state-1" }];
    const [first, second] = await Promise.all([adapter.consumeOne({ model: "verification", where }), adapter.consumeOne({ model: "verification", where })]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(first ?? second).toMatchObject({ identifier: "state-1", expiresAt: when });
  });
});
}

describe("the adapter's where clauses", () => {
  it("refuses fields the tables do not have, rather than dropping them", () => {
    const w = (field: string): CleanedWhere[] => [{ field, value: 1, operator: "eq", connector: "AND", mode: "sensitive" }];
    expect(() => whereClause("user", w("shoeSize"), "sqlite")).toThrow(/shoeSize/);
    expect(() => whereClause("organization", w("id"), "sqlite")).toThrow(/organization/);
  });

  it("writes the same where text for PostgreSQL, with its own substring functions, and pads in-lists to few texts", () => {
    const w = (operator: CleanedWhere["operator"], value: CleanedWhere["value"], connector: "AND" | "OR" = "AND"): CleanedWhere => ({ field: "email", value, operator, connector, mode: "sensitive" });
    expect(whereClause("user", [w("contains", "x"), w("ends_with", "y", "OR"), w("eq", "z", "OR")], "postgres")).toEqual({
      text: " where (strpos(email, ?) > 0) and (right(email, ?) = ? or email = ?)",
      params: ["x", 1, "y", "z"],
    });
    const three = whereClause("user", [w("in", ["a", "b", "c"])], "postgres");
    const four = whereClause("user", [w("in", ["a", "b", "c", "d"])], "postgres");
    expect(three.text).toBe(four.text);
    expect(three.params).toEqual(["a", "b", "c", "c"]);
  });
});
