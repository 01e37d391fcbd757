import fs from "node:fs";
import { PayloadTooLargeError, ValidationError } from "../../errors";
import { runSql } from "../../workers/sqlite";
import type { BuildProgress, IndexMeta } from "./build";
import type { TableColumn } from "./columns";
import { JOINED_SUFFIX, PARTITIONED_SUFFIX, TABLE_SUFFIX } from "./format";
import type { TableLimits } from "./limits";
import type { TableSource } from "./source";

/** An index that is built and open: its file and what it holds. */
export interface ReadySide {
  file: string;
  meta: IndexMeta;
}

/**
 * Builds the index of a joined table from the indexes of its two tables (built first, by the caller): the inner join
 * on `leftKey = rightKey`, one row per matching pair, in (left row, right row) order, as W&B's JoinedTable. Keys
 * match when their JSON is equal (1 and 1.0 differ, as do "1" and 1); a null key matches nothing.
 * Columns: the key, then the other columns of each table, named `table.column` after the table's path without
 * its suffix so that equal names on both sides stay apart. The result has the same layout as any table index
 * (`rows(j)`, rowid = row number), so paging, sorting and filtering work unchanged.
 */
export async function buildJoinIndex(
  source: TableSource,
  file: string,
  limits: TableLimits,
  sides: { left: ReadySide; right: ReadySide },
  onProgress: (p: BuildProgress) => void,
): Promise<IndexMeta> {
  const join = source.join!;
  const started = performance.now();
  const { left, right } = sides;
  const leftAt = columnIndex(left.meta.columns, join.leftKey, source.path, join.left.path);
  const rightAt = columnIndex(right.meta.columns, join.rightKey, source.path, join.right.path);
  const [leftLabel, rightLabel] = labels(join.left.path, join.right.path);
  const leftOthers = left.meta.columns.map((c, i) => ({ c, i })).filter(({ i }) => i !== leftAt);
  const rightOthers = right.meta.columns.map((c, i) => ({ c, i })).filter(({ i }) => i !== rightAt);
  const keyName = join.leftKey === join.rightKey ? join.leftKey : `${join.leftKey} = ${join.rightKey}`;
  const columns: TableColumn[] = [
    { name: keyName, type: left.meta.columns[leftAt]!.type },
    ...leftOthers.map(({ c }) => ({ name: `${leftLabel}.${c.name}`, type: c.type })),
    ...rightOthers.map(({ c }) => ({ name: `${rightLabel}.${c.name}`, type: c.type })),
  ];
  // Column positions are integers computed here, never user text: safe to inline.
  const cells = [`a.j -> ${leftAt}`, ...leftOthers.map(({ i }) => `a.j -> ${i}`), ...rightOthers.map(({ i }) => `b.j -> ${i}`)];

  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const pragmas = ["journal_mode = OFF", "synchronous = OFF"];
  try {
    // One job: the attached indexes and the temp key table live as long as its connection (a worker thread's).
    const [, , , rows] = (await runSql({
      file: tmp,
      pragmas,
      steps: [
        { mode: "run", sql: "attach database ? as l", params: [left.file] },
        { mode: "run", sql: "attach database ? as r", params: [right.file] },
        {
          mode: "exec",
          sql: `create table meta (k text primary key, v text not null); create table rows (j text not null);
            create temp table rk (rid integer primary key, k text);
            insert into rk (rid, k) select rowid, j -> ${rightAt} from r.rows where j ->> ${rightAt} is not null;
            create index temp.rk_k on rk (k);`,
        },
        {
          mode: "run",
          sql: `insert into rows (rowid, j)
            select row_number() over (order by a.rowid, rk.rid) - 1, json_array(${cells.join(", ")})
            from l.rows a join rk on rk.k = (a.j -> ${leftAt}) join r.rows b on b.rowid = rk.rid
            where a.j ->> ${leftAt} is not null
            order by a.rowid, rk.rid limit ?`,
          params: [limits.maxRows + 1],
        },
      ],
    })) as [null, null, null, number];
    if (rows > limits.maxRows) {
      throw new PayloadTooLargeError(`joining ${join.left.path} and ${join.right.path} gives more than ${limits.maxRows.toLocaleString("en-US")} rows, the configured limit (ARCA_TABLE_MAX_ROWS)`);
    }
    const meta: IndexMeta = { columns, rows, parts: [{ sha256: source.key, rowStart: 0, rows }], buildMs: Math.round(performance.now() - started) };
    await runSql({
      file: tmp,
      pragmas,
      steps: [
        { mode: "run", sql: "insert into meta (k, v) values ('meta', ?)", params: [JSON.stringify(meta)] },
        { mode: "exec", sql: "pragma journal_mode = WAL" },
      ],
    });
    fs.renameSync(tmp, file);
    onProgress({ partsDone: 1, partsTotal: 1, rows, bytesDone: source.bytes, bytesTotal: source.bytes });
    return meta;
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

function columnIndex(columns: TableColumn[], key: string, joined: string, table: string): number {
  const at = columns.findIndex((c) => c.name === key);
  if (at === -1) {
    throw new ValidationError(`${joined} joins on ${JSON.stringify(key)}, but ${table} has no such column (it has ${columns.map((c) => JSON.stringify(c.name)).join(", ")})`);
  }
  return at;
}

/** Short names of the two tables for column labels: their paths without the table suffix, told apart if equal. */
function labels(left: string, right: string): [string, string] {
  const strip = (path: string) => [TABLE_SUFFIX, PARTITIONED_SUFFIX, JOINED_SUFFIX].reduce((p, suffix) => (p.endsWith(suffix) ? p.slice(0, -suffix.length) : p), path);
  const [a, b] = [strip(left), strip(right)];
  return a === b ? [`${a}#1`, `${b}#2`] : [a, b];
}
