import { ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { decodeCursor, encodeCursor } from "../cursor";
import { stmt } from "../statements";
import type { Namespace } from "../schemas";
import { getCollection } from "./collections";
import { loadVersionDtos, type VersionDto } from "./dto";

export type GridSortKey = "version" | "created" | "size";
export type GridStateFilter = "COMMITTED" | "PENDING" | "DELETED" | "all";

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

interface Plan {
  counted: boolean;
  column: string;
  where: string;
  params: Record<string, unknown>;
}

/**
 * Which column orders the grid. Committed versions sort by index on the
 * (collection, state, version_index) index; drafts (and deleted drafts) have no index, so
 * "version" order falls back to creation time when they can be in the list.
 */
function sortColumn(sort: GridSortKey, state: GridStateFilter): string {
  if (sort === "size") return "size";
  return sort === "version" && state === "COMMITTED" ? "version_index" : "created_at";
}

function metaFilter(meta: string, params: Record<string, unknown>): string {
  const eq = meta.indexOf("=");
  if (eq <= 0) throw new ValidationError(`metadata filter ${JSON.stringify(meta)} must look like key=value (for example accuracy=0.9)`);
  const key = meta.slice(0, eq).trim();
  const raw = meta.slice(eq + 1).trim();
  params.metaPath = `$.${key.split(".").map((part) => JSON.stringify(part)).join(".")}`;
  // json_extract returns SQL values: booleans as 1/0, numbers as numbers; compare as text on both sides.
  params.metaValue = raw === "true" ? "1" : raw === "false" ? "0" : raw.replace(/^"(.*)"$/, "$1");
  return "cast(json_extract(metadata, @metaPath) as text) = @metaValue";
}

function plan(collectionId: number, q: GridQuery): Plan {
  const state = q.state ?? "COMMITTED";
  const params: Record<string, unknown> = { collection: collectionId };
  const clauses: string[] = ["collection_id = @collection"];
  if (state !== "all") {
    clauses.push("state = @state");
    params.state = state;
  }
  if (q.alias === "with") clauses.push("exists (select 1 from aliases a where a.version_id = versions.id)");
  if (q.alias === "without") clauses.push("not exists (select 1 from aliases a where a.version_id = versions.id)");
  if (q.createdFrom !== undefined) {
    clauses.push("created_at >= @createdFrom");
    params.createdFrom = q.createdFrom;
  }
  if (q.createdTo !== undefined) {
    clauses.push("created_at < @createdTo");
    params.createdTo = q.createdTo;
  }
  if (q.meta) clauses.push(metaFilter(q.meta, params));
  // Committed versions with no other filter are counted by the collection's counter.
  const counted = state === "COMMITTED" && clauses.length === 2;
  return { column: sortColumn(q.sort ?? "version", state), where: clauses.join(" and "), params, counted };
}

/**
 * One page of a collection's versions for the grid: keyset-paged on (sort column, id) in
 * either direction, so the first and the last page of 100,000 versions cost the same. The
 * cursor also carries the row's position, so the "51–100 of N" label needs no recount, and N
 * comes from the collection's counter unless filters narrow the list.
 */
export function versionsGrid(ctx: ServiceContext, ns: Namespace, name: string, q: GridQuery): GridPage {
  const collection = getCollection(ctx, ns, name);
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const p = plan(collection.id, q);
  const desc = (q.dir ?? "desc") === "desc";
  const pageArg = q.page ?? "first";
  const [mode, cursorText] = pageArg.includes(":") ? (pageArg.split(":", 2) as [string, string]) : [pageArg, ""];
  if (!["first", "last", "after", "before"].includes(mode)) throw new ValidationError(`unknown page ${JSON.stringify(pageArg)}`);
  // Walking "backwards" (last page, or the page before a cursor) reads the reversed order and flips the rows.
  const backwards = mode === "last" || mode === "before";
  const readDesc = desc !== backwards;
  const col = p.column;
  const params: Record<string, unknown> = { ...p.params, limit };
  let keyset = "";
  let position = 0;
  if (mode === "after" || mode === "before") {
    const [k, id, pos] = decodeCursor<[number, number, number]>(cursorText, ["number", "number", "number"]);
    Object.assign(params, { ck: k, cid: id });
    position = pos;
    keyset = `and (${col}, id) ${readDesc ? "<" : ">"} (@ck, @cid)`;
  }
  const order = readDesc ? `${col} desc, id desc` : `${col} asc, id asc`;
  const page = stmt<Record<string, unknown>, { id: number; k: number }>(ctx, `select id, ${col} as k from versions where ${p.where} ${keyset} order by ${order} limit @limit`).all(params);
  if (backwards) page.reverse();

  const total = p.counted ? collection.versionCount : stmt<Record<string, unknown>, { n: number }>(ctx, `select count(*) as n from versions where ${p.where}`).get(p.params)!.n;
  const offset = { first: 0, last: Math.max(0, total - page.length), after: position + 1, before: Math.max(0, position - page.length) }[mode as "first"];
  const firstRow = page[0];
  const lastRow = page[page.length - 1];
  return {
    rows: withRuns(ctx, loadVersionDtos(ctx, page.map((r) => r.id))),
    total,
    offset,
    prevCursor: offset === 0 || !firstRow ? null : encodeCursor([firstRow.k, firstRow.id, offset]),
    nextCursor: offset + page.length >= total || !lastRow ? null : encodeCursor([lastRow.k, lastRow.id, offset + page.length - 1]),
  };
}

/** Producer run and consumer count per row: two indexed queries for the whole page. */
function withRuns(ctx: ServiceContext, dtos: VersionDto[]): GridRow[] {
  if (dtos.length === 0) return [];
  const rows = stmt<[string], { versionId: number; runId: string | null; name: string | null; consumers: number }>(
    ctx,
    `select ids.value as versionId,
            (select r.run_id from run_edges e join runs r on r.id = e.run_id where e.version_id = ids.value and e.kind = 'logged' order by e.id limit 1) as runId,
            (select r.name from run_edges e join runs r on r.id = e.run_id where e.version_id = ids.value and e.kind = 'logged' order by e.id limit 1) as name,
            (select count(*) from run_edges e where e.version_id = ids.value and e.kind = 'used') as consumers
     from json_each(?) ids`,
  ).all(JSON.stringify(dtos.map((d) => d.id)));
  const byId = new Map(rows.map((r) => [r.versionId, r]));
  return dtos.map((d) => {
    const r = byId.get(d.id);
    return { ...d, producer: r?.runId ? { id: r.runId, name: r.name ?? r.runId } : null, consumers: r?.consumers ?? 0 };
  });
}
