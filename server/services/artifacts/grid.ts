import { NotFoundError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { decodeCursor, encodeCursor } from "../cursor";
import {
  countVersionGrid,
  listVersionGridKeys,
  listVersionGridRows,
  readGridPagePostgres,
  type GridRowRow,
  type GridSortKey,
  type GridStateFilter,
  type VersionGridFilter,
} from "@/db/queries/grid";
import type { Namespace } from "../schemas";
import { getCollection, type CollectionRow } from "./collections";
import { toVersionDto, type VersionDto } from "./dto";

export type { GridSortKey, GridStateFilter };

export interface GridQuery {
  sort?: GridSortKey;
  dir?: "asc" | "desc";
  state?: GridStateFilter;
  alias?: "any" | "with" | "without";
  createdFrom?: number;
  createdTo?: number;
  /** `key=value` on the version metadata; nested keys with dots (`eval.acc=0.9`). */
  meta?: string;
  /** `first`, `last`, `after:<cursor>` or `before:<cursor>`. */
  page?: string;
  limit?: number;
}

export interface GridRow extends VersionDto {
  producer: { id: string; name: string } | null;
  consumers: number;
}

export interface GridPage {
  rows: GridRow[];
  /** Rows matching the filters, and how many come before this page in the chosen order. */
  total: number;
  offset: number;
  prevCursor: string | null;
  nextCursor: string | null;
}

/** The grid's filters as the query takes them; a malformed metadata filter is the caller's error. */
function filterOf(collectionId: number, q: GridQuery): VersionGridFilter {
  const filter: VersionGridFilter = { collectionId, state: q.state ?? "COMMITTED" };
  if (q.alias) filter.alias = q.alias;
  if (q.createdFrom !== undefined) filter.createdFrom = q.createdFrom;
  if (q.createdTo !== undefined) filter.createdTo = q.createdTo;
  if (q.meta) {
    const eq = q.meta.indexOf("=");
    if (eq <= 0) throw new ValidationError(`metadata filter ${JSON.stringify(q.meta)} must look like key=value (for example accuracy=0.9)`);
    filter.meta = { key: q.meta.slice(0, eq).trim(), value: q.meta.slice(eq + 1).trim() };
  }
  return filter;
}

/** Committed versions with no other filter are counted by the collection's counter. */
const isCounted = (f: VersionGridFilter) =>
  f.state === "COMMITTED" && (f.alias ?? "any") === "any" && f.createdFrom === undefined && f.createdTo === undefined && f.meta === undefined;

/**
 * One page of a collection's versions for the grid: keyset-paged on (sort column, id) in
 * either direction, so the first and the last page of 100,000 versions cost the same. The
 * cursor also carries the row's position, so the "51–100 of N" label needs no recount, and N
 * comes from the collection's counter unless filters narrow the list.
 */
export async function versionsGrid(ctx: ServiceContext, ns: Namespace, name: string, q: GridQuery): Promise<GridPage> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const desc = (q.dir ?? "desc") === "desc";
  const pageArg = q.page ?? "first";
  const [mode, cursorText] = pageArg.includes(":") ? (pageArg.split(":", 2) as [string, string]) : [pageArg, ""];
  if (!["first", "last", "after", "before"].includes(mode)) throw new ValidationError(`unknown page ${JSON.stringify(pageArg)}`);
  // Walking "backwards" (last page, or the page before a cursor) reads the reversed order and flips the rows.
  const backwards = mode === "last" || mode === "before";
  let after: { k: number; id: number } | null = null;
  let position = 0;
  if (mode === "after" || mode === "before") {
    const [k, id, pos] = decodeCursor<[number, number, number]>(cursorText, ["number", "number", "number"]);
    after = { k, id };
    position = pos;
  }
  const keyPage = { sort: q.sort ?? "version", desc: desc !== backwards, after, limit } as const;
  let collection: CollectionRow;
  let page: { id: number; k: number }[];
  let rows: GridRow[];
  if (ctx.sql.dialect === "postgres") {
    // One round trip for the whole page (db/queries/grid.ts says why); SQLite's three calls cost microseconds.
    const read = await readGridPagePostgres(ctx, { entity: ns.entity, project: ns.project, name, filter: filterOf(0, q), page: keyPage });
    if (!read.collection) throw new NotFoundError(`project ${ns.entity}/${ns.project} does not exist`);
    if (read.collection.id === null) throw new NotFoundError(`artifact ${ns.entity}/${ns.project}/${name} does not exist`);
    collection = read.collection as CollectionRow;
    const sign = keyPage.desc ? -1 : 1;
    page = read.rows.map((r) => ({ id: r.id, k: r.k })).sort((a, b) => sign * (a.k - b.k || a.id - b.id));
    const byId = new Map(read.rows.map((r) => [r.id, r]));
    rows = page.map(({ id }) => toGridRow(byId.get(id)!));
  } else {
    collection = await getCollection(ctx, ns, name);
    page = await listVersionGridKeys(ctx, filterOf(collection.id, q), keyPage);
    rows = await gridRows(ctx, page.map((r) => r.id));
  }
  if (backwards) {
    page.reverse();
    rows.reverse();
  }
  const filter = filterOf(collection.id, q);

  const total = isCounted(filter) ? collection.versionCount : await countVersionGrid(ctx, filter);
  const offset = { first: 0, last: Math.max(0, total - page.length), after: position + 1, before: Math.max(0, position - page.length) }[mode as "first"];
  const firstRow = page[0];
  const lastRow = page[page.length - 1];
  return {
    rows,
    total,
    offset,
    prevCursor: offset === 0 || !firstRow ? null : encodeCursor([firstRow.k, firstRow.id, offset]),
    nextCursor: offset + page.length >= total || !lastRow ? null : encodeCursor([lastRow.k, lastRow.id, offset + page.length - 1]),
  };
}

/** The page's rows in the order of `ids`: DTO, producer run and consumer count, in one statement. */
async function gridRows(ctx: ServiceContext, ids: number[]): Promise<GridRow[]> {
  if (ids.length === 0) return [];
  const byId = new Map((await listVersionGridRows(ctx, ids)).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toGridRow(r)] : [];
  });
}

function toGridRow(r: GridRowRow): GridRow {
  return { ...toVersionDto(r), producer: r.producerRunId ? { id: r.producerRunId, name: r.producerName ?? r.producerRunId } : null, consumers: r.consumers };
}
