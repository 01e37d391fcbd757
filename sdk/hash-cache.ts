import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

/**
 * Persistent SHA-256 cache, like restic's and git's: a file whose real path, size, mtime, ctime and inode are unchanged
 * since it was hashed is not read again. ctime counts because mtime can be set back (`touch -d`, `utimes`, rsync
 * -t, a tool restoring timestamps) after rewriting a file in place with the same size; ctime cannot be set by a
 * program, and any write or utimes call moves it. One line per file, tab-separated, oldest first:
 *
 *     arca-hashes v2
 *     {sha256}\t{size}\t{mtimeMs}\t{ctimeMs}\t{ino}\t{real path}
 *
 * A v1 file (no ctime) is not trusted: it is ignored and replaced on the next save, which costs one rehash of each
 * file.
 * A line format parses and writes 100,000 entries in a few tens of milliseconds, about half the time of JSON. It is a
 * cache: an unreadable, corrupt or concurrently replaced file only costs a rehash, and saving never fails a log.
 */
export const HASH_CACHE_FILE = "hashes-v2.tsv";
const HEADER = "arca-hashes v2";
/** Most entries kept; the least recently added or hit are dropped first. */
export const HASH_CACHE_MAX_ENTRIES = 200_000;
/**
 * A file modified less than this long before it was stat'ed is not cached: a write in the same timestamp tick as our
 * read (coarse or 1-2 s filesystem clocks) would leave size and mtime unchanged but the bytes different ("racy git").
 */
export const RACY_WINDOW_MS = 2_000;

/** Identity of a file's contents as far as the cache can tell without reading it. */
export interface FileStamp {
  /** Absolute real path (symlinks resolved). */
  realPath: string;
  size: number;
  mtimeMs: number;
  /** Status change time: moved by every write and by setting mtime back, and never settable itself. */
  ctimeMs: number;
  ino: number;
}

interface CachedHash {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  sha256: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** `$ARCA_CACHE_DIR`, else `$XDG_CACHE_HOME/arca`, else `~/.cache/arca`. */
export function cacheDir(env: Record<string, string | undefined> = process.env): string {
  if (env.ARCA_CACHE_DIR) return env.ARCA_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "arca");
  return join(homedir(), ".cache", "arca");
}

/** `ARCA_NO_HASH_CACHE=1` (any value but "" or "0") turns the cache off. */
export function hashCacheEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const off = env.ARCA_NO_HASH_CACHE;
  return off === undefined || off === "" || off === "0";
}

export class HashCache {
  readonly #entries = new Map<string, CachedHash>();
  #dirty = false;

  private constructor(
    readonly file: string,
    private readonly maxEntries: number,
  ) {}

  /** The cache of `dir` (default cacheDir()), or an empty one when the file is missing, unreadable or corrupt. */
  static async load(dir: string = cacheDir(), maxEntries = HASH_CACHE_MAX_ENTRIES): Promise<HashCache> {
    const cache = new HashCache(join(dir, HASH_CACHE_FILE), maxEntries);
    let text: string;
    try {
      text = await readFile(cache.file, "utf8");
    } catch {
      return cache;
    }
    const lines = text.split("\n");
    if (lines[0] !== HEADER) return cache;
    for (let index = 1; index < lines.length; index++) {
      const fields = (lines[index] as string).split("\t");
      if (fields.length !== 6) continue;
      const [sha256, size, mtimeMs, ctimeMs, ino, realPath] = fields as [string, string, string, string, string, string];
      const entry = { sha256, size: Number(size), mtimeMs: Number(mtimeMs), ctimeMs: Number(ctimeMs), ino: Number(ino) };
      if (!SHA256_HEX.test(sha256) || !isAbsolute(realPath)) continue;
      if (!Number.isSafeInteger(entry.size) || entry.size < 0 || !Number.isFinite(entry.mtimeMs) || !Number.isFinite(entry.ctimeMs) || !Number.isFinite(entry.ino)) continue;
      cache.#entries.delete(realPath);
      cache.#entries.set(realPath, entry);
    }
    return cache;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The SHA-256 recorded for exactly this stamp, or undefined. A hit counts as a use (it is dropped last). */
  lookup(stamp: FileStamp): string | undefined {
    const entry = this.#entries.get(stamp.realPath);
    if (!entry || entry.size !== stamp.size || entry.mtimeMs !== stamp.mtimeMs || entry.ctimeMs !== stamp.ctimeMs || entry.ino !== stamp.ino) return undefined;
    this.#entries.delete(stamp.realPath);
    this.#entries.set(stamp.realPath, entry);
    return entry.sha256;
  }

  /**
   * Records a fresh hash. `statAt` is when the stamp was taken (before the bytes were read): a file modified within
   * RACY_WINDOW_MS of it, or with a path the line format cannot hold, is not recorded. The window looks at mtime only:
   * a write during the read moves ctime on a later tick (filesystems with ctime keep it at sub-second precision), and
   * a file whose mtime was just set back is safe to record at once, its fresh ctime making any later rewrite a miss.
   */
  store(stamp: FileStamp, sha256: string, statAt: number): void {
    if (stamp.mtimeMs > statAt - RACY_WINDOW_MS || /[\t\n\r]/.test(stamp.realPath)) return;
    this.#entries.delete(stamp.realPath);
    this.#entries.set(stamp.realPath, { size: stamp.size, mtimeMs: stamp.mtimeMs, ctimeMs: stamp.ctimeMs, ino: stamp.ino, sha256 });
    this.#dirty = true;
  }

  /**
   * Writes the cache atomically (temporary file, then rename) when something was recorded, keeping the newest
   * `maxEntries`. Returns false (never throws) when it could not.
   */
  async save(): Promise<boolean> {
    if (!this.#dirty) return true;
    const lines = [HEADER];
    let skip = this.#entries.size - this.maxEntries;
    for (const [realPath, { sha256, size, mtimeMs, ctimeMs, ino }] of this.#entries) {
      if (skip-- > 0) continue;
      lines.push(`${sha256}\t${size}\t${mtimeMs}\t${ctimeMs}\t${ino}\t${realPath}`);
    }
    lines.push("");
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await mkdir(join(this.file, ".."), { recursive: true, mode: 0o700 });
      await writeFile(temporary, lines.join("\n"), { mode: 0o600 });
      await rename(temporary, this.file);
      this.#dirty = false;
      return true;
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      if (process.env.ARCA_DEBUG) process.stderr.write(`arca: hash cache not saved: ${(error as Error).message}\n`);
      return false;
    }
  }
}
