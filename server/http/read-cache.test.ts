import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { startTestApiServer } from "../testing/api-server";
import { cacheFor, principalKey, ReadCache, type CachedAnswer } from "./read-cache";

// One server for the file: the process reads its configuration once.
const server = await startTestApiServer();
afterAll(() => server.close());

describe("the read cache", () => {
  it("keeps answers for one stamp only, and ignores answers computed before a change", () => {
    const cache = new ReadCache(1024);
    expect(cache.get(1, "a")).toBeUndefined();
    cache.set(1, "a", { status: 200, body: "one" });
    expect(cache.get(1, "a")?.body).toBe("one");
    expect(cache.get(2, "a")).toBeUndefined(); // the database changed: everything older goes
    cache.set(1, "a", { status: 200, body: "stale" }); // computed from stamp 1, finished after stamp 2 was seen
    expect(cache.get(2, "a")).toBeUndefined();
  });

  it("drops the least recently used answers past its size, and never holds one huge answer", () => {
    const cache = new ReadCache(100);
    cache.get(1, "a"); // the handler always asks first, which sets the stamp answers are kept for
    // 12 bytes each (key and body): eight fit.
    cache.set(1, "a", { status: 200, body: "x".repeat(11) });
    cache.set(1, "b", { status: 200, body: "x".repeat(11) });
    expect(cache.get(1, "a")).toBeDefined(); // a is now the most recent
    for (const k of ["c", "d", "e", "f", "g", "h", "i"]) cache.set(1, k, { status: 200, body: "x".repeat(11) });
    expect(cache.get(1, "b")).toBeUndefined();
    expect(cache.get(1, "a")).toBeDefined();
    expect(cache.get(1, "i")).toBeDefined();
    cache.set(1, "big", { status: 200, body: "x".repeat(50) });
    expect(cache.get(1, "big")).toBeUndefined();
  });

  it("tells principals apart by user, admin flag and key", () => {
    const user = { kind: "user", userId: "u1", name: "ada", isAdmin: false, key: null } as const;
    const keys = [principalKey({ kind: "anonymous" }), principalKey({ kind: "local", name: "local" }), principalKey(user), principalKey({ ...user, isAdmin: true })];
    keys.push(principalKey({ ...user, key: { keyId: 7, keyName: "ci", entity: null, project: null, readOnly: true } }));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("cached tRPC reads over HTTP", () => {
  const ns = { entity: "cache", project: "reads" };

  // On PostgreSQL (npm run test:unit:team) nothing is cached: the reads after writes must still be right.
  const cachedAnswer = async (key: string) => {
    const ctx = (await import("../context")).getServiceContext();
    const cached = cacheFor(ctx);
    if (ctx.sql.dialect === "postgres") {
      expect(cached).toBeNull();
      return "no cache here" as const;
    }
    return cached!.cache.get(cached!.stamp, key);
  };

  const trpcGet = async (procedure: string, input: unknown) => {
    const res = await fetch(`${server.baseUrl}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`);
    return { status: res.status, body: (await res.json()) as { result: { data: { description: string; aliases: string[] } } } };
  };

  it("serves a repeated read from the cache, and the next read after any write sees the write", async () => {
    const log = await fetch(`${server.baseUrl}/api/v1/projects/${ns.entity}/${ns.project}/artifacts/model/log`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "model", entries: [], description: "first" }),
    });
    expect(log.status).toBe(200);
    const version = { ...ns, name: "model", version: "v0" };
    expect((await trpcGet("versions.get", version)).body.result.data.description).toBe("first");

    const found = await cachedAnswer(`local /api/trpc/versions.get?input=${encodeURIComponent(JSON.stringify(version))}`);
    if (found !== "no cache here") expect(JSON.parse(String(found!.body)).result.data.description).toBe("first");

    const update = await fetch(`${server.baseUrl}/api/trpc/versions.update`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...version, change: { description: "second", aliases: { add: ["best"] } } }),
    });
    expect(update.status).toBe(200);
    const after = (await trpcGet("versions.get", version)).body.result.data;
    expect(after.description).toBe("second");
    expect(after.aliases).toContain("best");
  });

  it("does the same for the HTTP API's reads", async () => {
    const url = `${server.baseUrl}/api/v1/projects/${ns.entity}/${ns.project}/artifacts/model/versions/v0`;
    const read = async () => ((await (await fetch(url)).json()) as { description: string }).description;
    expect(await read()).toBe("second");
    const found = await cachedAnswer(`local /api/v1/projects/${ns.entity}/${ns.project}/artifacts/model/versions/v0`);
    if (found !== "no cache here") expect(found).toBeDefined();
    const patch = await fetch(url, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ description: "third" }) });
    expect(patch.status).toBe(200);
    expect(await read()).toBe("third");
  });
});

describe("cached downloads", () => {
  const ns = { entity: "cache", project: "files" };
  const api = (rest: string) => `${server.baseUrl}/api/v1/projects/${ns.entity}/${ns.project}${rest}`;

  const logFile = async (content: Buffer) => {
    const sha256 = createHash("sha256").update(content).digest("hex");
    expect((await fetch(`${server.baseUrl}/api/v1/blobs/${sha256}`, { method: "PUT", body: new Uint8Array(content) })).status).toBe(201);
    const log = await fetch(api("/artifacts/weights/log"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "model", entries: [{ path: "w.bin", sha256, size: content.length }], aliases: ["best"] }),
    });
    expect(log.status).toBe(200);
  };
  // What the cache holds for this URL; "no cache" on PostgreSQL (npm run test:unit:team), where the reads must still be right.
  const kept = async (rest: string): Promise<CachedAnswer | undefined | "no cache"> => {
    const cached = cacheFor((await import("../context")).getServiceContext());
    return cached ? cached.cache.get(cached.stamp, `local /api/v1/projects/${ns.entity}/${ns.project}${rest}`) : "no cache";
  };

  it("serves a small file again from the cache with its headers, and follows an alias that moves", async () => {
    await logFile(Buffer.from("first weights"));
    const path = "/artifacts/weights/versions/best/files/w.bin";
    const first = await fetch(api(path));
    expect(await first.text()).toBe("first weights");
    const again = await fetch(api(path));
    expect(again.status).toBe(200);
    for (const header of ["content-type", "content-disposition", "x-arca-digest", "content-length"]) expect(again.headers.get(header)).toBe(first.headers.get(header));
    expect(await again.text()).toBe("first weights");
    const inline = await fetch(api(`${path}?inline=1`));
    expect(inline.headers.get("content-security-policy")).toMatch(/^sandbox/);
    expect((await fetch(api(`${path}?inline=1`))).headers.get("content-security-policy")).toMatch(/^sandbox/); // from the cache
    const hit = await kept(path);
    if (hit !== "no cache") expect(Buffer.from(hit!.body).toString()).toBe("first weights");

    await logFile(Buffer.from("second weights")); // v1 takes `best`
    expect(await (await fetch(api(path))).text()).toBe("second weights");
  });

  it("keeps neither a part of a file nor a large file", async () => {
    const big = Buffer.alloc(100 * 1024, 7);
    await logFile(big);
    const path = "/artifacts/weights/versions/best/files/w.bin";
    expect(Buffer.from(await (await fetch(api(path))).arrayBuffer()).equals(big)).toBe(true);
    expect([undefined, "no cache"]).toContain(await kept(path));
    const part = await fetch(api("/artifacts/weights/versions/v0/files/w.bin"), { headers: { range: "bytes=0-4" } });
    await part.arrayBuffer();
    expect([undefined, "no cache"]).toContain(await kept("/artifacts/weights/versions/v0/files/w.bin"));
  });
});
