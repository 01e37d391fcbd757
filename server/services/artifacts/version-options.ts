import { ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import type { Namespace } from "../schemas";
import { getCollection } from "./collections";
import type { Page } from "./read";
import { listVersionOptionRows, searchVersionOptionRows, type VersionOptionRow } from "@/db/queries/grid";

/** One entry of a version picker: enough to recognise a version, never its metadata. */
export interface VersionOption {
  selector: string;
  aliases: string[];
  size: number;
  fileCount: number;
  createdAt: string;
}

const toOption = (r: VersionOptionRow): VersionOption => ({
  selector: `v${r.versionIndex}`,
  aliases: r.aliases ? (JSON.parse(r.aliases) as string[]) : [],
  size: r.size,
  fileCount: r.fileCount,
  createdAt: new Date(r.createdAt).toISOString(),
});

/**
 * Committed versions for a picker. Without a query: newest first, keyset-paged by index. With one:
 * `vN` or `N` finds that version, and any text finds the versions whose alias starts with it (a range
 * on the (collection, alias) index); a search answers one page, since typing more narrows it.
 */
export async function listVersionOptions(
  ctx: ServiceContext,
  ns: Namespace,
  name: string,
  opts: { query?: string; cursor?: string | null; limit?: number },
): Promise<Page<VersionOption>> {
  const collection = await getCollection(ctx, ns, name);
  const limit = Math.min(Math.max(opts.limit ?? 30, 1), 200);
  const query = opts.query?.trim() ?? "";
  if (query === "") {
    const cursor = opts.cursor ? Number(opts.cursor) : null;
    if (cursor !== null && !Number.isInteger(cursor)) throw new ValidationError(`invalid cursor ${JSON.stringify(opts.cursor)}`);
    const rows = await listVersionOptionRows(ctx, { collectionId: collection.id, before: cursor, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return { items: page.map(toOption), nextCursor: rows.length > limit ? String(page[page.length - 1]!.versionIndex) : null };
  }
  const index = /^v?(\d+)$/i.exec(query);
  const rows = await searchVersionOptionRows(ctx, { collectionId: collection.id, index: index ? Number(index[1]) : -1, prefix: query, limit });
  return { items: rows.map(toOption), nextCursor: null };
}
