import { ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import type { Namespace } from "../schemas";
import { getCollection } from "./collections";
import type { Page } from "./read";

/** One entry of a version picker: enough to recognise a version, never its metadata. */
export interface VersionOption {
  selector: string;
  aliases: string[];
  size: number;
  fileCount: number;
  createdAt: string;
}

interface OptionRow {
  versionIndex: number;
  aliases: string | null;
  size: number;
  fileCount: number;
  createdAt: number;
}

const COLUMNS = `v.version_index as versionIndex, v.size, v.file_count as fileCount, v.created_at as createdAt,
  (select json_group_array(a.alias) from aliases a where a.version_id = v.id) as aliases`;

const toOption = (r: OptionRow): VersionOption => ({
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
export function listVersionOptions(
  ctx: ServiceContext,
  ns: Namespace,
  name: string,
  opts: { query?: string; cursor?: string | null; limit?: number },
): Page<VersionOption> {
  const collection = getCollection(ctx, ns, name);
  const limit = Math.min(Math.max(opts.limit ?? 30, 1), 200);
  const query = opts.query?.trim() ?? "";
  if (query === "") {
    const cursor = opts.cursor ? Number(opts.cursor) : null;
    if (cursor !== null && !Number.isInteger(cursor)) throw new ValidationError(`invalid cursor ${JSON.stringify(opts.cursor)}`);
    const rows = ctx.sqlite
      .prepare<Record<string, unknown>, OptionRow>(
        `select ${COLUMNS} from versions v where v.collection_id = @cid and v.state = 'COMMITTED' ${cursor === null ? "" : "and v.version_index < @cursor"}
         order by v.version_index desc limit @limit`,
      )
      .all({ cid: collection.id, cursor, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return { items: page.map(toOption), nextCursor: rows.length > limit ? String(page[page.length - 1]!.versionIndex) : null };
  }
  const index = /^v?(\d+)$/i.exec(query);
  const rows = ctx.sqlite
    .prepare<Record<string, unknown>, OptionRow>(
      `select ${COLUMNS} from versions v where v.collection_id = @cid and v.state = 'COMMITTED' and (
         v.version_index = @index
         or v.id in (select a.version_id from aliases a where a.collection_id = @cid and a.alias >= @q and a.alias < @qEnd))
       order by v.version_index = @index desc, v.version_index desc limit @limit`,
    )
    .all({ cid: collection.id, index: index ? Number(index[1]) : -1, q: query, qEnd: `${query}\u{10FFFF}`, limit });
  return { items: rows.map(toOption), nextCursor: null };
}
