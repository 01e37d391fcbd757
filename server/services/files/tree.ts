import { countEntriesInRange, findNextFolderPath, hasEntryInRange, listEntriesFrom } from "@/db/queries/files";
import type { ServiceContext } from "../../context";
import { NotFoundError, ValidationError } from "../../errors";
import type { Namespace } from "../schemas";
import type { ManifestEntry } from "../artifacts/entries";
import { toEntryDto, type EntryDto } from "../artifacts/read";
import { resolveVersion } from "../artifacts/resolve";

export interface FolderItem {
  kind: "folder";
  name: string;
  /** Full path of the folder, without a trailing slash. */
  path: string;
  /** Entries anywhere below the folder, counted up to FOLDER_COUNT_CAP. */
  fileCount: number;
  /** True when the folder holds more than FOLDER_COUNT_CAP entries: fileCount is a lower bound. */
  countCapped: boolean;
}

export type FileItem = EntryDto & { kind: "file"; name: string };
export type TreeItem = FolderItem | FileItem;

export interface TreePage {
  /** The listed folder, "" for the root. */
  dir: string;
  items: TreeItem[];
  nextCursor: string | null;
}

/**
 * Counting a folder walks its part of the (version, path) index; past this many entries the
 * UI shows "1,000+" instead of making one listing page cost a full scan of a huge subtree.
 * Folders carry no total size: summing sizes reads every table row below the folder (not just
 * the index), which doubled the cost of a page of 100 folders (measured in docs/files.md).
 */
export const FOLDER_COUNT_CAP = 1000;

/** The smallest string greater than every string that starts with `prefix` (code-point order). */
export function prefixEnd(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1) ?? 0;
  const width = last > 0xffff ? 2 : 1;
  return prefix.slice(0, prefix.length - width) + String.fromCodePoint(last + 1);
}

/** "a/b/" → "a/b", "/a" refused; the root is "". */
export function normalizeDir(dir: string | undefined): string {
  const d = (dir ?? "").replace(/\/+$/, "");
  if (d.startsWith("/") || d.split("/").some((s) => s === "." || s === "..") || d.includes("//") || d.includes("\0")) {
    throw new ValidationError(`invalid folder ${JSON.stringify(dir)}: use a relative path like "images/train"`);
  }
  return d;
}

type Phase = "d" | "f";

/** Cursor = phase + the last child's key; folders come first, then files, each in code-point order. */
function parseCursor(cursor: string | null | undefined): { phase: Phase; key: string } | null {
  if (!cursor) return null;
  const phase = cursor[0];
  if ((phase !== "d" && phase !== "f") || cursor[1] !== ":") throw new ValidationError(`invalid cursor ${JSON.stringify(cursor)}`);
  return { phase, key: cursor.slice(2) };
}

/**
 * The immediate children of one folder of a version: sub-folders first, then files, keyset-paged.
 * Nothing reads the whole version: every step is a range seek on the (version_id, path) index.
 * A sub-folder is found with one seek (the next path below the folder that has another "/"),
 * and its whole subtree is skipped by seeking to prefixEnd("a/b/") = "a/b0". Files are read in
 * batches; a batch that runs into a sub-folder stops there and the next seek jumps over it.
 */
export async function listChildren(
  ctx: ServiceContext,
  ns: Namespace,
  name: string,
  selector: string,
  opts: { dir?: string; cursor?: string | null; limit?: number; namePrefix?: string },
): Promise<TreePage> {
  const { version } = await resolveVersion(ctx, ns, name, selector);
  const dir = normalizeDir(opts.dir);
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
  const base = dir ? `${dir}/` : "";
  if (opts.namePrefix?.includes("/")) throw new ValidationError("a name filter cannot contain '/'");
  const lo = base + (opts.namePrefix ?? "");
  const hi = lo ? prefixEnd(lo) : null;
  const q = new TreeQueries(ctx, version.id, base, hi);

  if (dir && !(await q.exists(base))) throw new NotFoundError(`${name}:${selector} has no folder ${JSON.stringify(dir)}`);

  const items: TreeItem[] = [];
  const cursor = parseCursor(opts.cursor);
  // Folder phase. `from` is inclusive: the start of the range, or just past the last folder's subtree.
  if (!cursor || cursor.phase === "d") {
    let from = cursor ? prefixEnd(cursor.key + "/") : lo;
    while (items.length <= limit) {
      const path = await q.nextFolderPath(from);
      if (path === undefined) break;
      const folder = path.slice(0, path.indexOf("/", base.length));
      items.push(await q.folderItem(folder, base.length));
      from = prefixEnd(folder + "/");
    }
  }
  // File phase: batches in path order, jumping over each sub-folder met on the way.
  if (items.length <= limit) {
    // Resume strictly after the cursor's file, or at (inclusive) the start of the range.
    let start = cursor?.phase === "f" ? { key: cursor.key, inclusive: false } : { key: lo, inclusive: true };
    while (items.length <= limit) {
      const want = limit + 1 - items.length;
      const rows = await q.filesFrom(start, want);
      let jumped = false;
      for (const row of rows) {
        const slash = row.path.indexOf("/", base.length);
        if (slash >= 0) {
          start = { key: prefixEnd(row.path.slice(0, slash + 1)), inclusive: true };
          jumped = true;
          break;
        }
        items.push({ kind: "file", name: row.path.slice(base.length), ...toEntryDto(row) });
        start = { key: row.path, inclusive: false };
      }
      if (!jumped && rows.length < want) break;
    }
  }
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = items.length > limit && last ? `${last.kind === "folder" ? "d" : "f"}:${last.path}` : null;
  return { dir, items: page, nextCursor };
}

/** The reads of one listing; `hi` bounds every range (null: no upper bound). */
class TreeQueries {
  private readonly start: number;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly versionId: number,
    base: string,
    private readonly hi: string | null,
  ) {
    // substr/instr count characters, hence the code-point length of the base.
    this.start = [...base].length + 1;
  }

  exists(prefix: string): Promise<boolean> {
    return hasEntryInRange(this.ctx, this.versionId, { lo: prefix, hi: prefixEnd(prefix) });
  }

  /** The first path at or after `from` that lies inside a sub-folder. */
  nextFolderPath(from: string): Promise<string | undefined> {
    return findNextFolderPath(this.ctx, { versionId: this.versionId, from, hi: this.hi, start: this.start });
  }

  async folderItem(folder: string, baseLength: number): Promise<FolderItem> {
    const lo = `${folder}/`;
    const n = await countEntriesInRange(this.ctx, { versionId: this.versionId, lo, hi: prefixEnd(lo), cap: FOLDER_COUNT_CAP + 1 });
    return {
      kind: "folder",
      name: folder.slice(baseLength),
      path: folder,
      fileCount: Math.min(n, FOLDER_COUNT_CAP),
      countCapped: n > FOLDER_COUNT_CAP,
    };
  }

  filesFrom(start: { key: string; inclusive: boolean }, limit: number): Promise<ManifestEntry[]> {
    return listEntriesFrom(this.ctx, { versionId: this.versionId, start: start.key, inclusive: start.inclusive, hi: this.hi, limit });
  }
}
