import type { Dialect } from "../sql/sql";

/**
 * A list of ids as ONE parameter (a JSON array), so a statement for a page of 50 ids and one for 3 is
 * the same compiled text. `idTable(dialect)` is a table with one integer column `value`, to use as
 * `from ${idTable(d)} ids` or `in (select value from ${idTable(d)} j)`: SQLite's `json_each`;
 * PostgreSQL unpacks the array and casts (its rows are text, and every id column is bigint).
 * PostgreSQL insists on an alias for a subquery in FROM, so callers always give one.
 */
export function idTable(dialect: Dialect): string {
  return dialect === "postgres" ? "(select value::bigint as value from json_array_elements_text(?::json))" : "json_each(?)";
}

/** The parameter `idTable` reads. */
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
