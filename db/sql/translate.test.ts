import { describe, expect, it } from "vitest";
import { toPostgres } from "./translate";

describe("SQLite-style SQL for PostgreSQL", () => {
  it("numbers placeholders, quotes camelCase aliases and makes LIKE case-blind, outside literals and comments", () => {
    expect(toPostgres("select v.created_at as createdAt, cast(x as INTEGER) as n from v where a = ? and b like ? and c = 'what? like' -- why?\n and d = ?")).toBe(
      "select v.created_at as \"createdAt\", cast(x as INTEGER) as n from v where a = $1 and b ilike $2 and c = 'what? like' -- why?\n and d = $3",
    );
  });

  it("leaves quoted identifiers, doubled quotes and block comments alone", () => {
    expect(toPostgres(`select "a?b" as "keepMe", 'it''s ?' /* ? like */ from t where x not like ?`)).toBe(
      `select "a?b" as "keepMe", 'it''s ?' /* ? like */ from t where x not ilike $1`,
    );
  });
});
