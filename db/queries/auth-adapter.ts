import type { BetterAuthOptions } from "better-auth";
import { createAdapterFactory, type AdapterFactoryConfig, type CleanedWhere, type CustomAdapter } from "better-auth/adapters";
import { getTableColumns, getTableName, type Table } from "drizzle-orm";
import type { DbHandle } from "../client";
import { accounts, sessions, users, verifications } from "../schema/auth";
import type { Dialect, SqlParam } from "../sql/sql";
import { transaction } from "../transaction";

/**
 * better-auth's way to the database: a small adapter over the async `Sql`, so sign-in, sessions and
 * single sign-on run on SQLite and PostgreSQL alike, never as synchronous writes on the writing
 * connection. better-auth names models (`user`, …) and fields (`emailVerified`, …); the tables and
 * columns are ours (db/schema/auth.ts), read from the schema so the two cannot drift apart.
 * Dates are epoch-ms integers and booleans 0/1, as everywhere in this database.
 */

interface Model {
  table: string;
  /** better-auth field → column. */
  columns: ReadonlyMap<string, string>;
  /** Every column, aliased to its field name (rows come back keyed as better-auth expects). */
  selectList: string;
}

function model(table: Table): Model {
  const columns = new Map(Object.entries(getTableColumns(table)).map(([field, column]) => [field, column.name]));
  const selectList = [...columns].map(([field, column]) => (field === column ? column : `${column} as ${field}`)).join(", ");
  return { table: getTableName(table), columns, selectList };
}

const MODELS: Readonly<Record<string, Model>> = { user: model(users), session: model(sessions), account: model(accounts), verification: model(verifications) };

function modelOf(name: string): Model {
  const m = MODELS[name];
  if (!m) throw new Error(`better-auth asked for model ${JSON.stringify(name)}, which Arca does not store (it has ${Object.keys(MODELS).join(", ")})`);
  return m;
}

function columnOf(m: Model, field: string): string {
  const column = m.columns.get(field);
  if (!column) throw new Error(`better-auth asked for field ${JSON.stringify(field)} of ${m.table}, which has no such column`);
  return column;
}

/** A value as a statement parameter: dates as epoch ms, booleans as 1/0 (the factory converts most; this is the backstop). */
function toParam(value: unknown): SqlParam {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") return value;
  throw new Error(`cannot store ${typeof value} values in the accounts tables`);
}

/**
 * An in-list's placeholders, their count rounded up to a power of two (the list padded with its
 * last value, which changes nothing): statement texts stay few, so the driver's cache of compiled
 * statements does not grow with every list length.
 */
function inList(values: unknown[]): { text: string; params: SqlParam[] } {
  let size = 1;
  while (size < values.length) size *= 2;
  const params = values.map(toParam);
  while (params.length < size) params.push(params[params.length - 1]!);
  return { text: `(${params.map(() => "?").join(", ")})`, params };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** A case-sensitive "has this substring": SQLite has instr, PostgreSQL strpos (LIKE ignores case on both here). */
const CONTAINS: Record<Dialect, (col: string) => string> = { sqlite: (col) => `instr(${col}, ?) > 0`, postgres: (col) => `strpos(${col}, ?) > 0` };
/** A case-sensitive "ends with": the last n characters. */
const ENDS_WITH: Record<Dialect, (col: string) => string> = { sqlite: (col) => `substr(${col}, -?) = ?`, postgres: (col) => `right(${col}, ?) = ?` };
const COMPARISONS = { lt: "<", lte: "<=", gt: ">", gte: ">=" } as const;

interface Fragment {
  text: string;
  params: SqlParam[];
}

/** One condition of a where list; `mode: "insensitive"` compares strings ignoring case. */
function condition(m: Model, w: CleanedWhere, dialect: Dialect): Fragment {
  const col = columnOf(m, w.field);
  const { operator, value } = w;
  const strings = typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string"));
  const fold = w.mode === "insensitive" && strings;
  const lhs = fold ? `lower(${col})` : col;
  const rhs = fold ? "lower(?)" : "?";
  switch (operator) {
    case "eq":
      return value === null ? { text: `${col} is null`, params: [] } : { text: `${lhs} = ${rhs}`, params: [toParam(value)] };
    case "ne":
      return value === null ? { text: `${col} is not null`, params: [] } : { text: `${lhs} <> ${rhs}`, params: [toParam(value)] };
    case "lt":
    case "lte":
    case "gt":
    case "gte":
      return { text: `${col} ${COMPARISONS[operator]} ?`, params: [toParam(value)] };
    case "in":
    case "not_in": {
      if (!Array.isArray(value)) throw new Error(`the "${operator}" operator needs a list of values for ${w.field}`);
      // Nothing is in the empty list: `in ()` is not SQL.
      if (value.length === 0) return { text: operator === "in" ? "1 = 0" : "1 = 1", params: [] };
      const list = inList(value);
      const text = fold ? list.text.replace(/\?/g, "lower(?)") : list.text;
      return { text: `${lhs} ${operator === "in" ? "in" : "not in"} ${text}`, params: list.params };
    }
    case "contains":
    case "starts_with":
    case "ends_with": {
      if (typeof value !== "string") throw new Error(`the "${operator}" operator needs a string for ${w.field}`);
      if (value === "") return { text: `${col} is not null`, params: [] };
      if (fold) {
        const pattern = operator === "contains" ? `%${escapeLike(value)}%` : operator === "starts_with" ? `${escapeLike(value)}%` : `%${escapeLike(value)}`;
        return { text: `lower(${col}) like lower(?) escape '\\'`, params: [pattern] };
      }
      // Lengths in characters (code points), as substr/right count them.
      const length = [...value].length;
      if (operator === "contains") return { text: CONTAINS[dialect](col), params: [value] };
      if (operator === "starts_with") return { text: `substr(${col}, 1, ?) = ?`, params: [length, value] };
      return { text: ENDS_WITH[dialect](col), params: [length, value] };
    }
    default:
      throw new Error(`unsupported where operator ${JSON.stringify(operator)}`);
  }
}

/**
 * better-auth's where list as SQL: the AND-connected conditions all hold, and (when there are any)
 * at least one OR-connected condition does, as its own adapters read the list. Empty: "" (every row).
 */
export function whereClause(modelName: string, where: readonly CleanedWhere[] | undefined, dialect: Dialect): Fragment {
  if (!where || where.length === 0) return { text: "", params: [] };
  const m = modelOf(modelName);
  const group = (list: readonly CleanedWhere[], joiner: string): Fragment | null => {
    if (list.length === 0) return null;
    const parts = list.map((w) => condition(m, w, dialect));
    return { text: `(${parts.map((p) => p.text).join(joiner)})`, params: parts.flatMap((p) => p.params) };
  };
  const groups = [group(where.filter((w) => w.connector !== "OR"), " and "), group(where.filter((w) => w.connector === "OR"), " or ")].filter((g) => g !== null);
  return { text: ` where ${groups.map((g) => g.text).join(" and ")}`, params: groups.flatMap((g) => g.params) };
}

/** The columns and values of a row to write, in a stable order (field names better-auth gives). */
function assignments(m: Model, data: Record<string, unknown>): { columns: string[]; params: SqlParam[] } {
  const entries = Object.entries(data).filter(([, v]) => v !== undefined);
  return { columns: entries.map(([field]) => columnOf(m, field)), params: entries.map(([, v]) => toParam(v)) };
}

function customAdapter({ sql }: DbHandle): CustomAdapter {
  const where = (name: string, list: readonly CleanedWhere[] | undefined) => whereClause(name, list, sql.dialect);
  return {
    async create({ model: name, data }) {
      const m = modelOf(name);
      const { columns, params } = assignments(m, data);
      const row = await sql.get<typeof data>(`insert into ${m.table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")}) returning ${m.selectList}`, params);
      return row!;
    },
    async findOne<T>({ model: name, where: list }: { model: string; where: CleanedWhere[] }) {
      const m = modelOf(name);
      const w = where(name, list);
      return (await sql.get<T>(`select ${m.selectList} from ${m.table}${w.text} limit 1`, w.params)) ?? null;
    },
    async findMany<T>({ model: name, where: list, limit, sortBy, offset }: { model: string; where?: CleanedWhere[]; limit: number; sortBy?: { field: string; direction: "asc" | "desc" }; offset?: number }) {
      const m = modelOf(name);
      const w = where(name, list);
      const order = sortBy ? ` order by ${columnOf(m, sortBy.field)} ${sortBy.direction === "desc" ? "desc" : "asc"}` : "";
      return sql.all<T>(`select ${m.selectList} from ${m.table}${w.text}${order} limit ? offset ?`, [...w.params, limit, offset ?? 0]);
    },
    async count({ model: name, where: list }) {
      const m = modelOf(name);
      const w = where(name, list);
      return (await sql.get<{ n: number }>(`select count(*) as n from ${m.table}${w.text}`, w.params))!.n;
    },
    async update<T>({ model: name, where: list, update }: { model: string; where: CleanedWhere[]; update: T }) {
      const m = modelOf(name);
      const w = where(name, list);
      const set = assignments(m, update as Record<string, unknown>);
      if (set.columns.length === 0) return (await sql.get<T>(`select ${m.selectList} from ${m.table}${w.text} limit 1`, w.params)) ?? null;
      const text = `update ${m.table} set ${set.columns.map((c) => `${c} = ?`).join(", ")}${w.text} returning ${m.selectList}`;
      return (await sql.all<T>(text, [...set.params, ...w.params]))[0] ?? null;
    },
    async updateMany({ model: name, where: list, update }) {
      const m = modelOf(name);
      const w = where(name, list);
      const set = assignments(m, update);
      if (set.columns.length === 0) return 0;
      return (await sql.run(`update ${m.table} set ${set.columns.map((c) => `${c} = ?`).join(", ")}${w.text}`, [...set.params, ...w.params])).changes;
    },
    async delete({ model: name, where: list }) {
      const m = modelOf(name);
      const w = where(name, list);
      await sql.run(`delete from ${m.table}${w.text}`, w.params);
    },
    async deleteMany({ model: name, where: list }) {
      const m = modelOf(name);
      const w = where(name, list);
      return (await sql.run(`delete from ${m.table}${w.text}`, w.params)).changes;
    },
    /** One statement: of two racing consumers (PostgreSQL), the second's delete finds the row gone. */
    async consumeOne<T>({ model: name, where: list }: { model: string; where: CleanedWhere[] }) {
      const m = modelOf(name);
      const w = where(name, list);
      const text = `delete from ${m.table} where id in (select id from ${m.table}${w.text} limit 1) returning ${m.selectList}`;
      return (await sql.get<T>(text, w.params)) ?? null;
    },
  };
}

const CONFIG: AdapterFactoryConfig = {
  adapterId: "arca-sql",
  adapterName: "Arca SQL adapter",
  // The factory turns booleans into 1/0 and back; dates are ours (below), epoch ms rather than ISO text.
  supportsBooleans: false,
  supportsDates: true,
  supportsJSON: false,
  supportsArrays: false,
  supportsNumericIds: false,
  customTransformInput: ({ data, fieldAttributes }) => (fieldAttributes.type === "date" && data instanceof Date ? data.getTime() : data),
  customTransformOutput: ({ data, fieldAttributes }) => (fieldAttributes.type === "date" && typeof data === "number" ? new Date(data) : data),
};

/**
 * The `database` of better-auth's options. Its multi-step writes (a single sign-on user and their
 * linked account) run in one of our transactions; the queries inside join it (db/sql/ambient.ts).
 */
export function authDatabase(handle: DbHandle) {
  const adapter = customAdapter(handle);
  let options: BetterAuthOptions | undefined;
  const insideTransaction = createAdapterFactory({ config: { ...CONFIG, transaction: false }, adapter: () => adapter });
  const factory = createAdapterFactory({
    config: { ...CONFIG, transaction: (fn) => transaction(handle, () => fn(insideTransaction(options!))) },
    adapter: () => adapter,
  });
  return (opts: BetterAuthOptions) => {
    options = opts;
    return factory(opts);
  };
}
