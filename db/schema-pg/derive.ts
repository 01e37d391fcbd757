import { getTableConfig, type SQLiteColumn, type SQLiteTable } from "drizzle-orm/sqlite-core";
import {
  bigint,
  customType,
  doublePrecision,
  foreignKey,
  index,
  pgTable,
  text,
  uniqueIndex,
  type AnyPgColumn,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
} from "drizzle-orm/pg-core";

/**
 * PostgreSQL tables derived from the SQLite schema in db/schema/, which stays the one source of truth
 * (issue 11): drizzle-kit writes db/migrations-pg/ from these, as it writes db/migrations/ from those.
 * Values are stored as SQLite stores them, so a query's rows have one shape on both databases:
 * integers (ids, sizes, epoch milliseconds, 0/1 flags) as bigint, text as text, real as double
 * precision, blobs as bytea. Names of tables, columns, indexes and foreign keys carry over unchanged.
 */
const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

// Tables in the schema are few and fixed, so one loosely typed builder serves them all.
type AnyPgTable = PgTableWithColumns<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The chainable part of a pg-core column builder, whichever type it is. */
interface Builder extends PgColumnBuilderBase {
  primaryKey(): Builder;
  notNull(): Builder;
  unique(name?: string): Builder;
  default(value: unknown): Builder;
}

function columnFor(column: SQLiteColumn): PgColumnBuilderBase {
  const type = column.getSQLType();
  let built: Builder;
  if (type === "integer") {
    const b = bigint(column.name, { mode: "number" });
    built = column.primary && (column as unknown as { autoIncrement?: boolean }).autoIncrement ? b.generatedByDefaultAsIdentity() : b;
  } else if (type === "text") built = text(column.name);
  else if (type === "real") built = doublePrecision(column.name);
  else if (type === "blob") built = bytea(column.name);
  else throw new Error(`db/schema-pg: no PostgreSQL type for ${column.name}'s SQLite type ${type}`);
  if (column.primary) built = built.primaryKey();
  if (column.notNull && !column.primary) built = built.notNull();
  if (column.isUnique) built = built.unique(column.uniqueName);
  if (column.hasDefault && column.default !== undefined) {
    // Flags are 0/1 integers on both databases.
    const value = typeof column.default === "boolean" ? Number(column.default) : column.default;
    built = built.default(value);
  }
  return built;
}

/** The column SQLite's rowid is an alias of (an integer primary key), if the table has one. */
function rowidColumn(columns: SQLiteColumn[]): string | undefined {
  const keys = columns.filter((c) => c.primary);
  return keys.length === 1 && keys[0]!.getSQLType() === "integer" ? keys[0]!.name : undefined;
}

/** The PostgreSQL twins of `tables` (export name → SQLite table), with the same names throughout. */
export function derivePostgresTables<T extends Record<string, SQLiteTable>>(tables: T): { [K in keyof T]: AnyPgTable } {
  const out = {} as Record<string, AnyPgTable>;
  const bySqlite = new Map<SQLiteTable, AnyPgTable>();
  for (const [exportName, table] of Object.entries(tables)) {
    const config = getTableConfig(table);
    const columns = Object.fromEntries(config.columns.map((c) => [c.name, columnFor(c)]));
    const rowid = rowidColumn(config.columns);
    const pg = pgTable(config.name, columns, (t) => {
      const col = (c: { name: string }) => t[c.name] as AnyPgColumn;
      return [
        ...config.indexes.map(({ config: i }) => {
          const names = i.columns.map((c) => (c as { name: string }).name);
          // SQLite's indexes end in the rowid (an integer primary key) without saying so: a keyset read
          // `where run_id = ? and kind = ? and id > ? order by id limit ?` walks one of them in order and
          // stops at the limit. PostgreSQL's get the key appended to do the same; without it, it sorts
          // every matching row, or (a prepared statement's generic plan) walks the whole primary key.
          if (!i.unique && rowid && !names.includes(rowid)) names.push(rowid);
          const cols = names.map((name) => col({ name })) as [AnyPgColumn, ...AnyPgColumn[]];
          const built = (i.unique ? uniqueIndex(i.name) : index(i.name)).on(...cols);
          return i.where ? built.where(i.where) : built;
        }),
        ...config.foreignKeys.map((fk) => {
          const ref = fk.reference();
          const target = bySqlite.get(ref.foreignTable);
          if (!target) throw new Error(`db/schema-pg: ${config.name} refers to a table not exported beside it`);
          const built = foreignKey({
            name: fk.getName(),
            columns: ref.columns.map(col) as [AnyPgColumn, ...AnyPgColumn[]],
            foreignColumns: ref.foreignColumns.map((c) => target[c.name] as AnyPgColumn) as [AnyPgColumn, ...AnyPgColumn[]],
          });
          return fk.onDelete ? built.onDelete(fk.onDelete) : built;
        }),
      ];
    });
    bySqlite.set(table, pg);
    out[exportName] = pg;
  }
  return out as { [K in keyof T]: AnyPgTable };
}
