import { randomBytes } from "node:crypto";
import { mkdir, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { checkEntryPath } from "../lib/names";
import { encodeEntryPath, versionPath, type Client, type VersionLocation } from "./client";
import { ArcaError } from "./errors";
import { hashFile } from "./hash";
import { mapLimit } from "../lib/pool";
import { downloadToFile } from "./transfer";
import { isReferenceEntry, type DownloadStats, type FileEntry, type ManifestEntry, type OnProgress } from "./types";
import { tracker } from "./progress";

const DOWNLOAD_CONCURRENCY = 4;
const PAGE_SIZE = 1000;

/** Every entry of a version (optionally under a prefix), in path order, page by page. */
export async function* listEntries(client: Client, loc: VersionLocation, prefix = ""): AsyncGenerator<ManifestEntry> {
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (prefix) query.set("prefix", prefix);
    if (cursor) query.set("cursor", cursor);
    const page: { entries: ManifestEntry[]; nextCursor: string | null } = await client.get(`${versionPath(loc)}/files?${query}`);
    yield* page.entries;
    cursor = page.nextCursor;
  } while (cursor);
}

/**
 * Where an entry lands under `root`. Paths come from the server, so they are checked again here: nothing may be
 * written outside `root`, whatever a manifest says.
 */
export function resolveInside(root: string, entryPath: string): string {
  const problem = checkEntryPath(entryPath);
  if (problem !== null) throw new ArcaError(`refusing to download: ${problem}`, { code: "VALIDATION" });
  // Logged on Linux or macOS, `a\b.txt` is one name; Windows would read it as a folder and a file.
  if (sep === "\\" && entryPath.includes("\\")) {
    throw new ArcaError(`refusing to download ${JSON.stringify(entryPath)} on Windows: a backslash in a name would be read as a folder separator`, { code: "VALIDATION" });
  }
  const base = resolve(root);
  const target = resolve(base, ...entryPath.split("/"));
  const inside = relative(base, target);
  if (inside === "" || inside.startsWith(`..${sep}`) || inside === ".." || isAbsolute(inside)) {
    throw new ArcaError(`refusing to download ${JSON.stringify(entryPath)}: it would land outside ${base}`, { code: "VALIDATION" });
  }
  return target;
}

/** Writes every file entry that is missing under `root` or whose MD5 differs; references are not fetched. */
export async function downloadEntries(client: Client, loc: VersionLocation, root: string, entries: ManifestEntry[], onProgress?: OnProgress): Promise<DownloadStats> {
  const base = resolve(root);
  const files = entries.filter((entry): entry is FileEntry => !isReferenceEntry(entry));
  // Every path is checked before the first byte is written.
  const planned = files.map((entry) => ({ entry, target: resolveInside(base, entry.path) }));
  await mkdir(base, { recursive: true });
  const realBase = await realpath(base);

  const stale = (await mapLimit(planned, DOWNLOAD_CONCURRENCY, async (item) => ((await isUpToDate(item.target, item.entry)) ? null : item)))
    .filter((item): item is (typeof planned)[number] => item !== null);

  const progress = tracker("download", stale.length, stale.reduce((total, item) => total + item.entry.size, 0), onProgress);
  await mapLimit(stale, DOWNLOAD_CONCURRENCY, async ({ entry, target }) => {
    await mkdir(dirname(target), { recursive: true });
    // A symlinked folder inside root could still point elsewhere: compare real locations.
    const realParent = await realpath(dirname(target));
    if (realParent !== realBase && !realParent.startsWith(realBase + sep)) {
      throw new ArcaError(`refusing to download ${JSON.stringify(entry.path)}: ${dirname(target)} leads outside ${base}`, { code: "VALIDATION" });
    }
    await fetchEntry(client, loc, entry, target, (bytes) => progress.add(bytes, false));
    progress.add(0, true);
  });

  return {
    root: base,
    filesDownloaded: stale.length,
    bytesDownloaded: stale.reduce((total, item) => total + item.entry.size, 0),
    filesUnchanged: planned.length - stale.length,
    referencesSkipped: entries.length - files.length,
  };
}

async function isUpToDate(target: string, entry: FileEntry): Promise<boolean> {
  try {
    const info = await stat(target);
    if (!info.isFile() || info.size !== entry.size) return false;
    return (await hashFile(target)).md5 === entry.digest;
  } catch {
    return false;
  }
}

/** Streams into a temporary file beside the target, checks the MD5, then renames: a target is never half-written. */
async function fetchEntry(client: Client, loc: VersionLocation, entry: FileEntry, target: string, onBytes: (bytes: number) => void): Promise<void> {
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.arca-tmp`);
  const source = entry.sha256 ? `/blobs/${entry.sha256}` : `${versionPath(loc)}/files/${encodeEntryPath(entry.path)}`;
  try {
    const got = await downloadToFile(client, source, temporary, onBytes);
    if (got.md5 !== entry.digest || got.size !== entry.size) {
      throw new ArcaError(
        `downloaded ${entry.path} does not match its entry: MD5 ${got.md5} (${got.size} bytes), expected ${entry.digest} (${entry.size} bytes)`,
        { code: "DIGEST_MISMATCH" },
      );
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
