import type { Principal } from "../access/principal";
import type { ServiceContext } from "../context";

/**
 * Answers of pure database reads, kept while the database is unchanged (issue 13). A CI fleet
 * polling a versions page, or a team's browsers on one collection, ask the same question many
 * times between writes; the answer is a function of who asks, what they ask and the database, so
 * it is computed once per change.
 *
 * Validity is exact, not a time to live: every entry carries the database's change stamp
 * (`Database.changeStamp`, SQLite's data_version: any commit by anyone changes it), read before
 * the answer was computed. A write that lands while an answer is computed leaves that answer
 * stamped with the old value, so it is never served. Where the database has no such stamp
 * (PostgreSQL, several instances) nothing is cached.
 *
 * Only reads that declare themselves pure (tRPC procedures with `meta.readCache`) are cached, and
 * only their successful answers; the principal is part of the key, so access decisions are the
 * ones made for that principal on that database. ARCA_READ_CACHE_MB (default 32, 0: off) bounds it.
 */
export interface CachedAnswer {
  status: number;
  /** JSON text, or the bytes of a small download. */
  body: string | Uint8Array<ArrayBuffer>;
  /** A download's own headers (its type, name, digest); absent for JSON. */
  headers?: Record<string, string>;
}

export class ReadCache {
  #stamp: number | null = null;
  #bytes = 0;
  readonly #entries = new Map<string, CachedAnswer>();

  constructor(readonly maxBytes: number) {}

  /** The answer stored under this stamp, or undefined (a new stamp drops every older answer). */
  get(stamp: number, key: string): CachedAnswer | undefined {
    if (stamp !== this.#stamp) return void this.#reset(stamp);
    const hit = this.#entries.get(key);
    if (hit) {
      // Least recently used goes first: a hit moves to the end of the Map's order.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  set(stamp: number, key: string, answer: CachedAnswer): void {
    // `get` saw this stamp before the answer was computed; another since means a change: keep nothing.
    if (stamp !== this.#stamp) return;
    const size = key.length + answer.body.length;
    if (size > this.maxBytes / 8) return; // one huge answer must not push out everything else
    const old = this.#entries.get(key);
    if (old) this.#bytes -= key.length + old.body.length;
    this.#entries.set(key, answer);
    this.#bytes += size;
    for (const [k, v] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(k);
      this.#bytes -= k.length + v.body.length;
    }
  }

  #reset(stamp: number): void {
    this.#stamp = stamp;
    this.#entries.clear();
    this.#bytes = 0;
  }
}

/** Who asks, as far as answers can differ: the user (and admin flag) or the key's limits. */
export function principalKey(principal: Principal): string {
  if (principal.kind !== "user") return principal.kind;
  return `user:${principal.userId}:${principal.isAdmin ? 1 : 0}:${principal.key?.keyId ?? ""}`;
}

// One cache per database (a test process may open several); the budget is read once.
const caches = new WeakMap<object, ReadCache>();
const budget = () => {
  const mb = Number(process.env.ARCA_READ_CACHE_MB ?? 32);
  return Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : 0;
};

/**
 * Where a pure read on this context may look for, and leave, its answer: the database's cache and
 * its stamp now (read before the answer is computed). Null when nothing may be cached.
 */
export function cacheFor(ctx: ServiceContext): { cache: ReadCache; stamp: number } | null {
  const stamp = ctx.sql.changeStamp();
  if (stamp === null) return null;
  let cache = caches.get(ctx.sql);
  if (!cache) {
    const bytes = budget();
    if (bytes === 0) return null;
    caches.set(ctx.sql, (cache = new ReadCache(bytes)));
  }
  return { cache, stamp };
}
