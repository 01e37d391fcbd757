import type { Dialect } from "../sql/sql";

/**
 * `x in (${idList(sql.dialect)})` with the ids as ONE parameter, `JSON.stringify(ids)`: one SQL text
 * however many ids (the drivers cache statements by text), on both databases.
 */
export function idList(dialect: Dialect): string {
  return dialect === "postgres" ? "select value::bigint from json_array_elements_text(?::json)" : "select value from json_each(?)";
}
