import type { Dialect } from "../sql/sql";

/**
 * `x in (${idList(sql.dialect)})` with the ids as ONE parameter, `JSON.stringify(ids)`: one SQL text
 * however many ids (the drivers cache statements by text), on both databases.
 */
export function idList(dialect: Dialect): string {
  return dialect === "postgres" ? "select value::bigint from json_array_elements_text(?::json)" : "select value from json_each(?)";
}

/**
 * The same list as a table with one integer column `value`, to join: `from ${idTable(d)} ids join … on … = ids.value`.
 * SQLite's `json_each`; PostgreSQL unpacks the array and casts (its elements are text, the id columns bigint).
 */
export function idTable(dialect: Dialect): string {
  return dialect === "postgres" ? "(select value::bigint as value from json_array_elements_text(?::json))" : "json_each(?)";
}

/** The parameter `idList` and `idTable` read. */
export const idParam = (ids: readonly number[]): string => JSON.stringify(ids);

/** One SQL text per dialect, built once at module load: statements are compiled per text, so texts stay constant. */
export function perDialect(build: (dialect: Dialect) => string): Record<Dialect, string> {
  return { sqlite: build("sqlite"), postgres: build("postgres") };
}

/**
 * A JSON array (as text) of a correlated subquery's strings, `[]` when there are none: SQLite's
 * `json_group_array`, PostgreSQL's `json_agg` (cast to text: the rows keep one shape on both).
 * `from` is `<table> where …`; `order` (optional) orders the array.
 */
export function jsonArrayOf(dialect: Dialect, args: { value: string; from: string; order?: string }): string {
  if (dialect === "postgres") return `(select coalesce(json_agg(${args.value}${args.order ? ` order by ${args.order}` : ""})::text, '[]') from ${args.from})`;
  // SQLite aggregates in the order rows arrive: an ordered subquery fixes it.
  if (args.order) return `(select json_group_array(x) from (select ${args.value} as x from ${args.from} order by ${args.order}))`;
  return `(select json_group_array(${args.value}) from ${args.from})`;
}

/** `x in (${textList(d)})` for strings: the JSON array of them (`JSON.stringify(list)`) as one parameter, like `idList`. */
export function textList(dialect: Dialect): string {
  return dialect === "postgres" ? "select value from json_array_elements_text(?::json)" : "select value from json_each(?)";
}
