import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cacheDir, HASH_CACHE_FILE, HashCache, hashCacheEnabled, RACY_WINDOW_MS, type FileStamp } from "./hash-cache";

let dir: string;
const A = "a".repeat(64);
const B = "b".repeat(64);
const OLD = Date.parse("2020-01-01T00:00:00Z");
const stamp = (realPath: string, extra: Partial<FileStamp> = {}): FileStamp => ({ realPath, size: 10, mtimeMs: OLD + 0.125, ctimeMs: OLD + 7.5, ino: 42, ...extra });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "arca-hash-cache-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the hash cache", () => {
  it("lives in $ARCA_CACHE_DIR, else $XDG_CACHE_HOME/arca, else ~/.cache/arca; ARCA_NO_HASH_CACHE turns it off", () => {
    expect(cacheDir({ ARCA_CACHE_DIR: "/c", XDG_CACHE_HOME: "/x" })).toBe("/c");
    expect(cacheDir({ XDG_CACHE_HOME: "/x" })).toBe("/x/arca");
    expect(cacheDir({})).toBe(join(homedir(), ".cache", "arca"));
    expect(hashCacheEnabled({})).toBe(true);
    expect(hashCacheEnabled({ ARCA_NO_HASH_CACHE: "0" })).toBe(true);
    expect(hashCacheEnabled({ ARCA_NO_HASH_CACHE: "1" })).toBe(false);
  });

  it("saves atomically and loads back exact stamps; any difference is a miss", async () => {
    const cache = await HashCache.load(join(dir, "arca"));
    expect(cache.size).toBe(0);
    cache.store(stamp("/data/a.bin"), A, Date.now());
    cache.store(stamp("/data/with space/b.bin", { ino: 2 ** 40 + 3 }), B, Date.now());
    expect(await cache.save()).toBe(true);
    expect(await readdir(join(dir, "arca"))).toEqual([HASH_CACHE_FILE]);
    expect((await stat(join(dir, "arca"))).mode & 0o777).toBe(0o700);

    const loaded = await HashCache.load(join(dir, "arca"));
    expect(loaded.size).toBe(2);
    expect(loaded.lookup(stamp("/data/a.bin"))).toBe(A);
    expect(loaded.lookup(stamp("/data/with space/b.bin", { ino: 2 ** 40 + 3 }))).toBe(B);
    expect(loaded.lookup(stamp("/data/a.bin", { size: 11 }))).toBeUndefined();
    expect(loaded.lookup(stamp("/data/a.bin", { mtimeMs: OLD + 0.126 }))).toBeUndefined();
    expect(loaded.lookup(stamp("/data/a.bin", { ino: 43 }))).toBeUndefined();
    expect(loaded.lookup(stamp("/data/a.bin", { ctimeMs: OLD + 7.6 }))).toBeUndefined();
    expect(loaded.lookup(stamp("/data/other.bin"))).toBeUndefined();
  });

  it("does not record files modified just before they were read, nor paths with tabs or newlines", async () => {
    const cache = await HashCache.load(dir);
    const now = Date.now();
    cache.store(stamp("/data/fresh.bin", { mtimeMs: now - RACY_WINDOW_MS / 2 }), A, now);
    cache.store(stamp("/data/tab\there.bin"), A, now);
    cache.store(stamp("/data/line\nbreak.bin"), A, now);
    expect(cache.size).toBe(0);
    expect(await cache.save()).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });

  it("keeps the newest entries up to its cap; a hit counts as new", async () => {
    const cache = await HashCache.load(dir, 3);
    for (const name of ["1", "2", "3", "4"]) cache.store(stamp(`/f/${name}`), A, Date.now());
    expect(cache.lookup(stamp("/f/2"))).toBe(A);
    cache.store(stamp("/f/5"), B, Date.now());
    await cache.save();
    const loaded = await HashCache.load(dir, 3);
    expect(["1", "2", "3", "4", "5"].filter((name) => loaded.lookup(stamp(`/f/${name}`)) !== undefined)).toEqual(["2", "4", "5"]);
  });

  it("ignores a corrupt or foreign file, and skips bad lines", async () => {
    const file = join(dir, HASH_CACHE_FILE);
    for (const junk of ["", "{not json", "\u0000\u0001garbage\n\n", `other-format v9\n${A}\t10\t1\t1\t/x\n`]) {
      await writeFile(file, junk);
      expect((await HashCache.load(dir)).size).toBe(0);
    }
    const good = `${A}\t10\t${OLD + 0.125}\t${OLD + 7.5}\t42\t/data/a.bin`;
    const bad = ["short\tline", `nothex\t10\t1\t1\t1\t/x`, `${B}\t-1\t1\t1\t1\t/y`, `${B}\t1\t1\t1\t1\trelative`, `${B}\t1\t1\tx\t1\t/z`];
    await writeFile(file, ["arca-hashes v2", good, ...bad, ""].join("\n"));
    const loaded = await HashCache.load(dir);
    expect(loaded.size).toBe(1);
    expect(loaded.lookup(stamp("/data/a.bin"))).toBe(A);
  });

  it("does not trust a v1 file, which recorded no ctime", async () => {
    await writeFile(join(dir, "hashes-v1.tsv"), `arca-hashes v1\n${A}\t10\t${OLD + 0.125}\t42\t/data/a.bin\n`);
    await writeFile(join(dir, HASH_CACHE_FILE), `arca-hashes v1\n${A}\t10\t${OLD + 0.125}\t42\t/data/a.bin\n`);
    expect((await HashCache.load(dir)).size).toBe(0);
  });

  it("never fails: an unwritable place only means no cache", async () => {
    const blocker = join(dir, "file");
    await writeFile(blocker, "not a directory");
    const cache = await HashCache.load(join(blocker, "cache"));
    cache.store(stamp("/data/a.bin"), A, Date.now());
    expect(await cache.save()).toBe(false);
    expect(await readFile(blocker, "utf8")).toBe("not a directory");
    expect(await readdir(dir)).toEqual(["file"]);
  });
});
