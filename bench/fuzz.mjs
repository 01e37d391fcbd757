// `npm run bench -- fuzz`: malformed requests against the built server; none may get a 5xx or change the store.
//
// Starts the built server (scripts/server.mjs) on a fresh data dir (the demo project is seeded), snapshots the store, sends
// FUZZ_REQUESTS (default 12,000) malformed requests over both transports (/api/v1 and /api/trpc)
// from a seeded generator (FUZZ_SEED), stops the server, and compares the store. Bounded: loopback
// only, at most 8 requests in flight, at most 10 s of traffic per 1,000 requests. With
// ARCA_API_KEY set, the server requires it and every request sends it (Authorization: Bearer).
// Mutating requests only ever carry input that must be refused: never a valid delete, GC or edit.
// Exit code: 0 when there was no 5xx and the store is unchanged, 1 otherwise.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const PORT = Number(process.env.FUZZ_PORT ?? 3171);
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 12_000);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const CONCURRENCY = 8;
const HOST = "127.0.0.1";
const API_KEY = process.env.ARCA_API_KEY || undefined;
const DEADLINE_MS = Math.max(10_000, (TOTAL / 1000) * 10_000);
const REQUEST_TIMEOUT_MS = 10_000;

// ---------- a seeded generator: a failing request can be replayed with the same FUZZ_SEED ----------
let state = SEED >>> 0 || 1;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

// ---------- server ----------
async function startServer(dataDir) {
  // The server people run (`npm start` without the build step): the Host/CSRF layer sees the fuzz too.
  const child = spawn(process.execPath, ["scripts/server.mjs"], {
    env: { ...process.env, HOST, PORT: String(PORT), ARCA_DATA_DIR: dataDir, ARCA_DEMO: "1", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr = (stderr + d.toString()).slice(-20_000)));
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const stop = async () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  };
  for (let i = 0; i < 1200; i++) {
    try {
      const res = await fetch(`http://${HOST}:${PORT}/api/v1/projects`, { headers: authHeaders() });
      if (res.ok) {
        const body = await res.json();
        if (body.projects.length > 0) return { stop, stderr: () => stderr };
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`server did not start:\n${stderr}`);
}

const authHeaders = () => (API_KEY ? { authorization: `Bearer ${API_KEY}` } : {});

// ---------- the store, read from the SQLite file ----------
function snapshot(dataDir) {
  const db = new Database(path.join(dataDir, "arca.sqlite"), { readonly: true, fileMustExist: true });
  try {
    const counts = {};
    for (const table of ["projects", "collections", "versions", "aliases", "entries", "blobs", "version_edits", "runs", "run_edges"]) {
      counts[table] = db.prepare(`select count(*) as n from ${table}`).get().n;
    }
    const hash = createHash("sha256");
    const dump = (sql) => {
      for (const row of db.prepare(sql).iterate()) hash.update(JSON.stringify(row));
    };
    dump("select id, collection_id, version_index, state, digest, description, metadata, revision from versions order by id");
    dump("select * from aliases order by 1, 2");
    dump("select id, project_id, name, type, description from collections order by id");
    dump("select id, run_id, name, state, config from runs order by id");
    dump("select sha256, size from blobs order by sha256");
    return { counts, digest: hash.digest("hex").slice(0, 16) };
  } finally {
    db.close();
  }
}

// ---------- one raw HTTP request: exact bytes on the wire, so paths and headers are not normalised ----------
function sendRaw({ method, target, headers = {}, body, chunked = false, truncate = false }) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port: PORT });
    let answered = false;
    let head = "";
    const done = (status) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status, head });
    };
    const timer = setTimeout(() => done("timeout"), REQUEST_TIMEOUT_MS);
    socket.on("error", () => done(head ? parseStatus(head) : "no answer"));
    socket.on("close", () => done(head ? parseStatus(head) : "no answer"));
    socket.on("data", (d) => {
      head += d.toString("latin1");
      // The status and the error body (small) are all we need; big downloads are cut off.
      if (head.length > 4096 || /\r\n\r\n[\s\S]*\}/.test(head)) done(parseStatus(head));
    });
    socket.on("connect", () => {
      const lines = [`${method} ${target} HTTP/1.1`, `Host: ${HOST}:${PORT}`, "Connection: close"];
      const all = { ...authHeaders(), ...headers };
      const bytes = body === undefined ? null : Buffer.isBuffer(body) ? body : Buffer.from(body);
      if (bytes && chunked) all["transfer-encoding"] = "chunked";
      else if (bytes && !("content-length" in all)) all["content-length"] = String(truncate ? bytes.length + 1000 : bytes.length);
      for (const [k, v] of Object.entries(all)) lines.push(`${k}: ${v}`);
      socket.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (!bytes) return;
      if (!chunked) {
        socket.write(bytes);
        if (truncate) socket.end();
        return;
      }
      // Chunked, 1 MiB at a time, stopping as soon as the server has answered.
      const piece = 1 << 20;
      let at = 0;
      const pump = () => {
        while (at < bytes.length && !answered && !head) {
          const part = bytes.subarray(at, at + piece);
          at += part.length;
          if (!socket.write(`${part.length.toString(16)}\r\n`) || !socket.write(part) || !socket.write("\r\n")) return void socket.once("drain", pump);
        }
        if (at >= bytes.length && !answered && !head) socket.write("0\r\n\r\n");
      };
      pump();
    });
  });
}

function parseStatus(head) {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  return match ? Number(match[1]) : "no answer";
}

// ---------- malformed inputs ----------
const deepObject = (n) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
const deepArray = (n) => `${"[".repeat(n)}${"]".repeat(n)}`;
const BAD_JSON = ["{", "nul", '{"a":}', '{"a" 1}', "\u0000\u0001\u0002", "NaN", "Infinity", "-Infinity", '{"a":Infinity}', "[1,2", '{"a":"\\u12"}', "\uFEFF{}x", "}{", "'x'", "{\"a\":1}}"];
const NON_OBJECTS = ["null", "[]", "[{}]", "0", "-1", "1e400", '"x"', "true", "false", '""'];
const TRICKY_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "", "\u0000", "a.b", "$where"];
// Values of the wrong type for each kind of field: a body made of one of them must be refused.
const WRONG = {
  string: ["null", "1", "-1", "1.5", "true", "[]", '["x"]', "{}", deepObject(200), deepArray(3000)],
  number: ["null", '"x"', '"1"', "true", "[]", "{}", "-1", "1e400", deepArray(3000)],
  boolean: ["null", '"x"', '"true"', "1", "[]", "{}", deepObject(200)],
  array: ["null", '"x"', "1", "true", "{}", "[1]", "[null]", '[{"path":"../x"}]', deepArray(3000), `[${deepObject(200)}]`],
  object: ["null", "1", '"x"', "true", "[]", "[1]", deepObject(200), deepArray(3000), `{"a":${deepObject(100)}}`, `{"a":Infinity}`],
};

WRONG.aliasChange = ["null", "1", '"x"', "true", "[]", '{"add":"x"}', '{"add":[1]}', '{"set":null}', '{"remove":{}}', deepArray(3000)];

/**
 * Bodies that break the route's schema: broken JSON, a non-object, or an object whose every
 * field has the wrong type. Never an object without a wrong field: zod drops unknown keys, and
 * `{}` is a valid request on some routes (cleanup with defaults deletes versions).
 */
function badBodies(fields) {
  const out = [...BAD_JSON, ...NON_OBJECTS, deepArray(100_000)];
  const entries = Object.entries(fields);
  for (const [field, kind] of entries) {
    for (const value of WRONG[kind]) out.push(`{"${field}":${value}}`);
    out.push(`{"${field}":${deepObject(5000)}}`);
  }
  if (entries.length > 0) {
    const [field, kind] = entries[0];
    for (const key of TRICKY_KEYS) out.push(`{${JSON.stringify(key)}:${deepObject(100)},"${field}":${WRONG[kind][0]}}`);
  }
  return out;
}

const GARBAGE_SEGMENTS = [
  "%", "%zz", "%E0%A4%A", "%C0%AE%C0%AE", "..", "%2E%2E", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%5c", "%00", "a%00b", "%FF%FE",
  "x".repeat(5000), "%F0%9F%92%A9", "name:v0", "*", "%20", "CON", "a%2Fb", "%u2215", "~", "v-1", "v99999999999999999999", "%22%3E%3Cscript%3E",
];
const BAD_QUERIES = [
  "limit=abc", "limit=-1", "limit=0", "limit=1e400", "limit=99999999999999999", "limit=1.5", "limit=%00", "cursor=%zz", "cursor=garbage", "cursor=eyJ4IjoxfQ",
  "cursor=" + "A".repeat(4000), "state=nope", "state=", "prefix=%00", "prefix=..%2F", "ref=", "ref=%zz", "ref=a:b:c", "ref=../../x:v0", "inline=%zz",
  "limit=1&limit=2", "%=%", "&&&", "a[b]=1",
];

// ---------- the request mix ----------
function buildGenerators(demo) {
  const { entity, project, collection, file } = demo;
  const P = `/api/v1/projects/${entity}/${project}`;
  const C = `${P}/artifacts/${collection}`;
  const V = `${C}/versions/v0`;
  // Paths of every route in server/http/routes/* (with real names, for reads).
  const readPaths = [
    "/api/v1/projects", `${P}/artifacts`, C, `${C}/versions`, V, `${V}/manifest`, `${V}/lineage`, `${V}/history`, `${V}/files`, `${V}/files/${file}`,
    `${P}/runs/nope`, `${P}/runs/nope/logged`, `${P}/runs/nope/used`, `${P}/resolve`, `/api/v1/blobs/${"0".repeat(64)}`,
  ];
  // Writes: [method, path, fields of its body with their kinds]. Only malformed bodies are ever sent to them.
  const commit = { type: "string", metadata: "object", entries: "array", aliases: "array", runId: "string", description: "string" };
  const writes = [
    ["POST", "/api/v1/blobs/missing", { blobs: "array" }],
    ["POST", "/api/v1/gc", {}],
    ["POST", `${P}/runs`, { id: "string", name: "string", jobType: "string", group: "string", config: "object" }],
    ["PATCH", `${P}/runs/nope-run`, { state: "string" }],
    ["POST", `${P}/use`, { ref: "string", runId: "string" }],
    ["POST", `${C}/log`, commit],
    ["POST", `${C}/upsert`, { ...commit, distributedId: "string" }],
    ["POST", `${C}/finish`, { ...commit, distributedId: "string" }],
    ["POST", `${C}/patch`, { ...commit, base: "string", remove: "array" }],
    ["POST", `${C}/cleanup`, { keepNewest: "number", olderThanDays: "number", dryRun: "boolean", includeDrafts: "boolean" }],
    ["PATCH", V, { description: "string", metadata: "object", replaceMetadata: "boolean", aliases: "aliasChange", expectedRevision: "number" }],
    ["POST", `${V}/aliases`, { alias: "string" }],
  ].map(([method, p, fields]) => ({ method, path: p, bodies: badBodies(fields) }));
  const templates = [
    "/api/v1/projects/:e/:p/artifacts", "/api/v1/projects/:e/:p/artifacts/:n", "/api/v1/projects/:e/:p/artifacts/:n/versions",
    "/api/v1/projects/:e/:p/artifacts/:n/versions/:v", "/api/v1/projects/:e/:p/artifacts/:n/versions/:v/files/:f", "/api/v1/projects/:e/:p/artifacts/:n/versions/:v/zip",
    "/api/v1/projects/:e/:p/runs/:r", "/api/v1/blobs/:s", "/api/v1/projects/:e/:p/artifacts/:n/versions/:v/aliases/:a",
  ];
  // Reads mix real names with garbage; anything else gets garbage only, so no write can hit a real version.
  const segment = (real) => (real && random() < 0.5 ? pick([entity, project, collection, "v0", "latest", file]) : pick(GARBAGE_SEGMENTS));
  const garbagePath = (real) => pick(templates).replace(/:[a-z]/g, () => segment(real));

  // tRPC: every procedure in server/trpc/root.ts, read from the router files.
  const procedures = listProcedures();
  const trpcInputs = [
    "%7B", "%7Bnot-json", "null", "[]", "1", "%22x%22", encodeURIComponent(deepArray(100_000)), encodeURIComponent(deepObject(5000)),
    encodeURIComponent(JSON.stringify({ json: null, meta: { values: { "": ["map"] }, referentialEqualities: { "": ["a.b"], "a.b": [""] } } })),
    encodeURIComponent(JSON.stringify({ json: { entity }, meta: { values: { json: ["undefined"], "json.entity": [["custom", "x"]] } } })),
    encodeURIComponent(JSON.stringify({ entity: 1, project: [], name: {}, version: null })),
    encodeURIComponent(JSON.stringify({ entity, project, name: collection, version: "v0", query: { limit: -5, meta: "x".repeat(600), sort: "nope" } })),
    encodeURIComponent(JSON.stringify({ entity, project, name: collection, version: pick(GARBAGE_SEGMENTS), path: "../../etc/passwd", node: "x:y:z" })),
    encodeURIComponent(JSON.stringify({ entity: "%", project: "..", runId: "\u0000", cursor: "%zz", limit: 1e308 })),
    encodeURIComponent(`{"__proto__":{"entity":"${entity}"},"constructor":{"prototype":1}}`),
    encodeURIComponent(JSON.stringify({ "0": { json: null } })),
  ];
  const trpcBodies = [
    ...BAD_JSON, ...NON_OBJECTS, deepObject(5000), deepArray(100_000), '{"0":', '{"0":null}', '{"0":[1,2,3]}', '{"0":{"json":{"entity":1}}}',
    '{"entity":1}', '{"entity":"demo","project":[],"name":1}',
    JSON.stringify({ entity, project, name: collection, version: "v0", change: { metadata: JSON.parse(deepObject(100)) } }),
    JSON.stringify({ entity, project, name: collection, version: "v0", change: { metadata: { a: 1 }, expectedRevision: -1 } }),
    JSON.stringify({ entity, project, name: collection, version: "v0", change: { aliases: { add: [1] } } }),
    JSON.stringify({ entity, project, name: collection, version: "v0", deleteAliases: "yes" }),
    JSON.stringify({ entity, project, name: collection, description: 5 }),
    JSON.stringify({ entity, project, keepNewest: -1, expectedVersions: "x" }),
  ];
  // collectGarbage takes no input: any POST would run it, so it only gets wrong methods.
  const MUTATIONS = new Set(["versions.update", "versions.delete", "collections.update", "cleanup.start", "cleanup.collectGarbage"]);

  const gens = [
    // Wrong methods on every route.
    () => ({ method: pick(["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO"]), target: pick(readPaths) }),
    // Garbage path segments and traversal.
    () => {
      const method = pick(["GET", "GET", "DELETE", "POST", "PATCH"]);
      return { method, target: garbagePath(method === "GET"), body: method !== "GET" ? pick(["null", "[]", "{"]) : undefined };
    },
    // Bad query parameters on reads.
    () => ({ method: "GET", target: `${pick(readPaths)}?${pick(BAD_QUERIES)}` }),
    // Malformed bodies on writes, with the right or a wrong content type.
    () => {
      const w = pick(writes);
      return { method: w.method, target: w.path, body: pick(w.bodies), headers: { "content-type": pick(["application/json", "application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream"]) } };
    },
    // Wrong Content-Length: shorter than the body (the rest is garbage for the parser) or a broken-off body.
    () => {
      const w = pick(writes);
      if (random() < 0.5) return { method: w.method, target: w.path, body: pick(w.bodies), truncate: true, headers: { "content-type": "application/json" } };
      return { method: w.method, target: w.path, body: '{"state": "finished"}', headers: { "content-type": "application/json", "content-length": pick(["3", "-1", "abc", "1e9", "99999999999999999999"]) } };
    },
    // Blob routes: bad hashes, lengths and digests (nothing valid is ever stored).
    () => ({
      method: pick(["PUT", "POST"]),
      target: pick([`/api/v1/blobs/${"0".repeat(64)}`, `/api/v1/blobs/${pick(GARBAGE_SEGMENTS)}`, "/api/v1/blobs/batch"]),
      body: pick(["abc", "", "\u0000".repeat(100)]),
      headers: { "content-type": "application/octet-stream", "x-arca-md5": pick(["", "%%", "AAAA"]) },
    }),
    // tRPC: GET with garbage input, batch, unknown procedures.
    () => {
      const proc = random() < 0.05 ? pick(["nope", "versions", "versions.get.x", "__proto__.x", "%zz", "a,b"]) : pick(procedures);
      if (proc === "cleanup.collectGarbage") return { method: "GET", target: `/api/trpc/${proc}` };
      const batch = random() < 0.3;
      return { method: "GET", target: `/api/trpc/${batch ? `${proc},${pick(procedures.filter((p) => !MUTATIONS.has(p)))}` : proc}?${batch ? "batch=1&" : ""}input=${pick(trpcInputs)}` };
    },
    // tRPC: POST with malformed or wrongly shaped bodies (mutations and queries).
    () => {
      const proc = pick(procedures.filter((p) => p !== "cleanup.collectGarbage"));
      const batch = random() < 0.3;
      return { method: "POST", target: `/api/trpc/${proc}${batch ? "?batch=1" : ""}`, body: pick(trpcBodies), headers: { "content-type": pick(["application/json", "text/plain", "application/octet-stream"]) } };
    },
  ];
  // A few huge bodies: chunked past every limit.
  const huge = [
    () => ({ method: "POST", target: `${P}/runs`, body: Buffer.alloc(24 << 20, 0x20), chunked: true, headers: { "content-type": "application/json" } }),
    () => ({ method: "POST", target: "/api/trpc/versions.update", body: Buffer.alloc(4 << 20, 0x20), chunked: true, headers: { "content-type": "application/json" } }),
    () => ({ method: "POST", target: `${P}/runs`, body: `{"config":{"x":"${"y".repeat(2 << 20)}"}}`, headers: { "content-type": "application/json" } }),
    () => ({ method: "PATCH", target: V, body: `{"metadata":{"x":"${"y".repeat(2 << 20)}"},"expectedRevision":-1}`, headers: { "content-type": "application/json" } }),
  ];
  return () => (random() < 0.002 ? pick(huge)() : pick(gens)());
}

function listProcedures() {
  const root = fs.readFileSync("server/trpc/root.ts", "utf8");
  const out = [];
  for (const [, key, file] of root.matchAll(/^\s+(\w+): (\w+)Router,/gm)) {
    const source = fs.readFileSync(`server/trpc/routers/${file}.ts`, "utf8");
    for (const [, proc] of source.matchAll(/^\s{2}(\w+): \w+Procedure\b/gm)) out.push(`${key}.${proc}`);
  }
  if (out.length < 10) throw new Error(`found only ${out.length} tRPC procedures; has server/trpc/root.ts changed shape?`);
  return out;
}

async function discover() {
  const get = async (p) => (await fetch(`http://${HOST}:${PORT}${p}`, { headers: authHeaders() })).json();
  const { projects } = await get("/api/v1/projects");
  const { entity, project } = projects[0];
  const { collections } = await get(`/api/v1/projects/${entity}/${project}/artifacts`);
  const collection = collections[0].name;
  const files = await get(`/api/v1/projects/${entity}/${project}/artifacts/${collection}/versions/v0/files?limit=1`);
  return { entity, project, collection, file: files.entries?.[0]?.path ?? "x" };
}

// ---------- main ----------
if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("no build: run `npm run build` (or `npm run bench -- fuzz`, which builds when needed)");
  process.exit(2);
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-fuzz-"));
console.log(`fuzz: seed ${SEED}, ${TOTAL} requests, concurrency ${CONCURRENCY}, port ${PORT}, data ${dataDir}${API_KEY ? ", with API key" : ""}`);
const server = await startServer(dataDir);
let exitCode = 1;
try {
  const demo = await discover();
  const before = snapshot(dataDir);
  const next = buildGenerators(demo);
  const byStatus = new Map();
  const failures = new Map();
  let sent = 0;
  const started = Date.now();
  const worker = async () => {
    while (sent < TOTAL && Date.now() - started < DEADLINE_MS) {
      sent++;
      const request = next();
      const { status, head } = await sendRaw(request);
      const key = typeof status === "number" ? `${Math.floor(status / 100)}xx` : status;
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
      if (typeof status === "number" && status >= 500) {
        const where = `${status} ${request.method} ${request.target.slice(0, 160)}`;
        const seen = failures.get(where) ?? { n: 0, example: "" };
        const answer = (head.split("\r\n\r\n")[1] ?? "").replace(/[^\x20-\x7e]+/g, " ").slice(0, 160);
        failures.set(where, { n: seen.n + 1, example: seen.example || `body=${String(request.body ?? "").replace(/[^\x20-\x7e]+/g, " ").slice(0, 100)} -> ${answer}` });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (Date.now() - started) / 1000;
  await server.stop();
  const after = snapshot(dataDir);
  const fives = byStatus.get("5xx") ?? 0;
  const unchanged = JSON.stringify(before) === JSON.stringify(after);
  console.log(`requests sent: ${sent}${sent < TOTAL ? ` (stopped at the ${DEADLINE_MS / 1000} s bound)` : ""}`);
  console.log(`by status: ${[...byStatus].sort().map(([k, n]) => `${k} ${n}`).join(", ")}`);
  console.log(`5xx: ${fives}`);
  console.log(`elapsed: ${elapsed.toFixed(1)} s (${Math.round(sent / elapsed)} req/s)`);
  console.log(`store: ${JSON.stringify(before.counts)} digest ${before.digest}`);
  console.log(`store unchanged: ${unchanged ? "yes" : "no"}`);
  if (!unchanged) console.log(`after: ${JSON.stringify(after.counts)} digest ${after.digest}`);
  for (const [where, { n, example }] of [...failures].sort((a, b) => b[1].n - a[1].n).slice(0, 30)) console.log(`  ${n} × ${where}\n      ${example}`);
  if (fives > 0) console.log(`server log (tail):\n${server.stderr().slice(-4000)}`);
  exitCode = fives === 0 && unchanged ? 0 : 1;
} finally {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
