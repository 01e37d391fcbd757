import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The access matrix: every principal kind × every HTTP route × every tRPC procedure, through the
 * real doors (HTTP handler with keys, tRPC request context with the same keys). The expected level
 * of each operation is written here, independently of the routes' own declarations, and every route
 * and procedure must be listed, so a new one without a decision fails this test.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-matrix-"));
process.env.ARCA_DATA_DIR = dataDir;
process.env.ARCA_AUTH = "1";
process.env.ARCA_API_KEY = "service-key-for-automation";
const { handleApiRequest, handleWandbRequest, apiRoutes } = await import("../http/handler");
const { wandbRoutes } = await import("../http/routes/wandb-routes");
const { signGrant } = await import("../services/blobs/signed-urls");
const { resolveRef } = await import("../services/artifacts/resolve");
const { appRouter, createCaller } = await import("../trpc/root");
const { createRequestContext } = await import("../trpc/init");
const { getAuth, getServiceContext, getUrlSigningSecret } = await import("../context");
const { createUser, requireUserNamed } = await import("../services/accounts/users");
const { createApiKey } = await import("../services/accounts/keys");
const { grantRole } = await import("../services/accounts/members");
const { logArtifact } = await import("../services/artifacts/log");
const { createRun } = await import("../services/runs/runs");
const { storeBytesAsEntry } = await import("../services/blobs/store-bytes");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

type Role = "viewer" | "editor" | "admin";
type Level = "read" | "write" | "admin" | "signed-in" | "blob-upload" | "blob-read" | "instance-admin" | "account" | "entity-admin" | "public" | "signed-url";
interface Who {
  name: string;
  auth: string | null;
  /** Role on acme/vision and on the entity acme (null: none). */
  project: Role | null;
  entity: Role | null;
  instanceAdmin?: boolean;
  readOnly?: boolean;
  /** A person's own account (keys, sessions): users without a limited key. */
  account?: boolean;
  anonymous?: boolean;
}

const ns = { entity: "acme", project: "vision" };
const P = "projects/acme/vision";
const V0 = `${P}/artifacts/ds/versions/v0`;
let blobSha = "";
const who: Who[] = [];

beforeAll(async () => {
  const ctx = getServiceContext();
  const auth = getAuth();
  const people: [string, boolean][] = [["root", true], ["ada", false], ["eddie", false], ["vera", false], ["pete", false], ["zed", false], ["olga", false], ["dummy", false]];
  for (const [username, isAdmin] of people) await createUser(ctx, auth, { username, password: "correct horse", isAdmin, actor: "test" });
  await grantRole(ctx, { username: "ada", entity: "acme", role: "admin", actor: "test" });
  await grantRole(ctx, { username: "eddie", entity: "acme", role: "editor", actor: "test" });
  await grantRole(ctx, { username: "vera", entity: "acme", role: "viewer", actor: "test" });
  await grantRole(ctx, { username: "pete", entity: "acme", role: "viewer", actor: "test" });
  await grantRole(ctx, { username: "pete", entity: "acme", project: "vision", role: "editor", actor: "test" });
  await grantRole(ctx, { username: "zed", entity: "acme", role: "admin", actor: "test" });
  await grantRole(ctx, { username: "zed", entity: "acme", project: "vision", role: "viewer", actor: "test" });
  const key = async (username: string, extra: { entity?: string; project?: string; readOnly?: boolean } = {}) => {
    const user = await requireUserNamed(ctx, username);
    return `Bearer ${(await createApiKey(ctx, { userId: user.id, username, name: `k-${extra.readOnly ? "ro" : ""}${extra.project ?? "all"}`, ...extra, actor: "test" })).key}`;
  };
  who.push(
    { name: "anonymous", auth: null, project: null, entity: null, anonymous: true },
    { name: "bad key", auth: "Bearer arca-0000000000000000000000000000000000000000", project: null, entity: null, anonymous: true },
    { name: "outsider", auth: await key("olga"), project: null, entity: null, account: true },
    { name: "viewer", auth: await key("vera"), project: "viewer", entity: "viewer", account: true },
    { name: "editor", auth: await key("eddie"), project: "editor", entity: "editor", account: true },
    { name: "admin", auth: await key("ada"), project: "admin", entity: "admin", account: true },
    { name: "viewer, editor on the project", auth: await key("pete"), project: "editor", entity: "viewer", account: true },
    { name: "admin, viewer on the project", auth: await key("zed"), project: "viewer", entity: "admin", account: true },
    { name: "instance admin", auth: await key("root"), project: "admin", entity: "admin", instanceAdmin: true, account: true },
    { name: "admin's read-only key", auth: await key("ada", { readOnly: true }), project: "viewer", entity: "viewer", readOnly: true },
    { name: "admin's key for another project", auth: await key("ada", { entity: "acme", project: "other" }), project: null, entity: null },
    { name: "service key", auth: "Bearer service-key-for-automation", project: "admin", entity: "admin", instanceAdmin: true },
  );
  await createRun(ctx, ns, { id: "r1", jobType: "train" });
  const file = await storeBytesAsEntry(ctx, "a.txt", "hello");
  blobSha = file.sha256!;
  await logArtifact(ctx, ns, "ds", { type: "dataset", aliases: ["best"], runId: "r1", entries: [file] });
  await logArtifact(ctx, ns, "ds", { type: "dataset", aliases: [], entries: [await storeBytesAsEntry(ctx, "b.txt", "world")] });
  await logArtifact(ctx, ns, "ds", { type: "dataset", aliases: [], entries: [await storeBytesAsEntry(ctx, "c.txt", "!")] });
  dsV0Id = String((await resolveRef(ctx, ns, "ds:v0")).version.id);
});

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };
const NEEDS: Record<"read" | "write" | "admin", Role> = { read: "viewer", write: "editor", admin: "admin" };
type Outcome = "allowed" | "unauthorized" | "forbidden" | "hidden";

function expected(w: Who, level: Level): Outcome {
  // A key that is sent but wrong is refused everywhere, even where nobody needs to sign in.
  // A signed URL authorizes whoever holds it (the W&B client sends no key with it).
  if (level === "public" || level === "signed-url") return w.anonymous && w.auth ? "unauthorized" : "allowed";
  if (w.anonymous) return "unauthorized";
  switch (level) {
    case "signed-in":
      return "allowed";
    case "blob-upload":
      return w.readOnly ? "forbidden" : "allowed";
    case "blob-read":
      return w.project ? "allowed" : "hidden";
    case "instance-admin":
      return w.instanceAdmin ? "allowed" : "forbidden";
    case "account":
      return w.account ? "allowed" : "forbidden";
    case "entity-admin":
      return w.entity === null ? "hidden" : w.entity === "admin" ? "allowed" : "forbidden";
    default:
      return w.project === null ? "hidden" : RANK[w.project] >= RANK[NEEDS[level]] ? "allowed" : "forbidden";
  }
}

const HIDDEN_MESSAGES = [`project acme/vision does not exist`, `entity acme does not exist`, `blob ${"x".repeat(0)}`];
function classify(status: number, message: string): Outcome {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404 && (message === HIDDEN_MESSAGES[0] || message === HIDDEN_MESSAGES[1] || message === `blob ${blobSha} is not stored`)) return "hidden";
  return "allowed";
}

interface HttpCase {
  route: string;
  level: Level;
  url: () => string;
  body?: () => unknown;
  raw?: () => Uint8Array;
}

const json = (body: unknown) => () => body;
const sign = (grant: Parameters<typeof signGrant>[1]) => signGrant(getUrlSigningSecret(), grant, Date.now(), 60_000);
const HTTP: HttpCase[] = [
  { route: "POST blobs/missing", level: "blob-upload", url: () => "blobs/missing", body: json({ blobs: [{ sha256: "0".repeat(64), size: 1 }] }) },
  { route: "POST blobs/complete", level: "blob-upload", url: () => "blobs/complete", body: json({ uploads: [] }) },
  { route: "POST blobs/batch", level: "blob-upload", url: () => "blobs/batch", raw: () => new Uint8Array() },
  { route: "PUT blobs/:sha256", level: "blob-upload", url: () => `blobs/${createHash("sha256").update("zz").digest("hex")}`, raw: () => Buffer.from("zz") },
  { route: "GET blobs/:sha256", level: "blob-read", url: () => `blobs/${blobSha}` },
  { route: "PUT blobs/signed/:token", level: "signed-url", url: () => `blobs/signed/${sign({ k: "put-run-file" })}`, raw: () => Buffer.from("log line") },
  { route: "GET blobs/signed/:token", level: "signed-url", url: () => `blobs/signed/${sign({ k: "get-blob", sha: blobSha })}` },
  { route: "POST gc", level: "instance-admin", url: () => "gc", body: json({ dryRun: true }) },
  { route: "GET projects", level: "signed-in", url: () => "projects" },
  { route: "GET viewer", level: "signed-in", url: () => "viewer" },
  { route: "POST projects/:entity/:project/runs", level: "write", url: () => `${P}/runs`, body: json({ id: "r2" }) },
  { route: "GET projects/:entity/:project/runs/:run", level: "read", url: () => `${P}/runs/r1` },
  { route: "PATCH projects/:entity/:project/runs/:run", level: "write", url: () => `${P}/runs/r2`, body: json({ state: "finished" }) },
  { route: "GET projects/:entity/:project/runs/:run/logged", level: "read", url: () => `${P}/runs/r1/logged` },
  { route: "GET projects/:entity/:project/runs/:run/used", level: "read", url: () => `${P}/runs/r1/used` },
  { route: "POST projects/:entity/:project/use", level: "write", url: () => `${P}/use`, body: json({ runId: "r1", ref: "ds:v0" }) },
  { route: "GET projects/:entity/:project/resolve", level: "read", url: () => `${P}/resolve?ref=ds:v0` },
  { route: "GET projects/:entity/:project/artifacts", level: "read", url: () => `${P}/artifacts` },
  { route: "GET projects/:entity/:project/artifacts/:name", level: "read", url: () => `${P}/artifacts/ds` },
  { route: "POST projects/:entity/:project/artifacts/:name/log", level: "write", url: () => `${P}/artifacts/other/log`, body: json({ type: "dataset", entries: [] }) },
  { route: "POST projects/:entity/:project/artifacts/:name/upsert", level: "write", url: () => `${P}/artifacts/other/upsert`, body: json({ type: "dataset", distributedId: "g", entries: [] }) },
  { route: "POST projects/:entity/:project/artifacts/:name/finish", level: "write", url: () => `${P}/artifacts/nothing/finish`, body: json({ type: "dataset", distributedId: "none" }) },
  { route: "POST projects/:entity/:project/artifacts/:name/patch", level: "write", url: () => `${P}/artifacts/ds/patch`, body: json({ base: "v0", remove: ["nope"] }) },
  { route: "POST projects/:entity/:project/artifacts/:name/cleanup", level: "admin", url: () => `${P}/artifacts/ds/cleanup`, body: json({ dryRun: true }) },
  { route: "GET projects/:entity/:project/artifacts/:name/versions", level: "read", url: () => `${P}/artifacts/ds/versions` },
  { route: "GET projects/:entity/:project/artifacts/:name/versions/:selector", level: "read", url: () => V0 },
  { route: "PATCH projects/:entity/:project/artifacts/:name/versions/:selector", level: "write", url: () => V0, body: json({ description: "seen" }) },
  { route: "DELETE projects/:entity/:project/artifacts/:name/versions/:selector", level: "admin", url: () => `${P}/artifacts/ds/versions/v9` },
  { route: "GET projects/:entity/:project/artifacts/:name/versions/:selector/manifest", level: "read", url: () => `${V0}/manifest` },
  { route: "GET projects/:entity/:project/artifacts/:name/versions/:selector/lineage", level: "read", url: () => `${V0}/lineage` },
  { route: "GET projects/:entity/:project/artifacts/:name/versions/:selector/history", level: "read", url: () => `${V0}/history` },
  { route: "GET projects/:entity/:project/artifacts/:name/versions/:selector/files", level: "read", url: () => `${V0}/files` },
  { route: "GET projects/:entity/:project/artifacts/:name/versions/:selector/files/*path", level: "read", url: () => `${V0}/files/a.txt` },
  { route: "GET projects/:entity/:project/artifacts/:name/versions/:selector/zip", level: "read", url: () => `${V0}/zip` },
  { route: "POST projects/:entity/:project/artifacts/:name/versions/:selector/aliases", level: "write", url: () => `${V0}/aliases`, body: json({ alias: "best" }) },
  { route: "DELETE projects/:entity/:project/artifacts/:name/versions/:selector/aliases/:alias", level: "write", url: () => `${V0}/aliases/nope` },
];

const routeName = (r: { method: string; pattern: string }) =>
  `${r.method} ${r.pattern.replace("projects/:entity/:project/artifacts/:name/versions/:selector", "projects/:entity/:project/artifacts/:name/versions/:selector")}`;

async function callHttp(c: HttpCase, auth: string | null, handle: (req: Request) => Promise<Response> = handleApiRequest, prefix = "/api/v1/"): Promise<{ status: number; message: string }> {
  const [method = "GET"] = c.route.split(" ");
  const headers: Record<string, string> = {};
  if (auth) headers.authorization = auth;
  let body: BodyInit | undefined;
  if (c.raw) {
    const bytes = c.raw();
    body = bytes as BodyInit;
    headers["content-type"] = "application/octet-stream";
    headers["content-length"] = String(bytes.length);
    headers["x-arca-md5"] = createHash("md5").update(bytes).digest("base64");
  } else if (c.body) {
    body = JSON.stringify(c.body());
    headers["content-type"] = "application/json";
  }
  const res = await handle(new Request(`http://127.0.0.1${prefix}${c.url()}`, { method, headers, body }));
  const text = await res.text();
  let message = "";
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string }; errors?: { message?: string }[] };
    message = parsed.error?.message ?? parsed.errors?.[0]?.message ?? "";
  } catch {
    // bytes
  }
  return { status: res.status, message };
}

describe("access matrix over the HTTP API", () => {
  it("lists every route of the API", () => {
    expect(HTTP.map((c) => c.route).sort()).toEqual(apiRoutes.map(routeName).sort());
  });

  it("answers every principal on every route as the policy says", async () => {
    const wrong: string[] = [];
    for (const c of HTTP) {
      for (const w of who) {
        const { status, message } = await callHttp(c, w.auth);
        const got = classify(status, message);
        if (got !== expected(w, c.level)) wrong.push(`${c.route} as ${w.name}: expected ${expected(w, c.level)}, got ${status} ${message}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(HTTP.length * who.length).toBeGreaterThan(350);
  });

  it("refuses a signed URL that was altered, forged or has expired, for everyone", async () => {
    const good = sign({ k: "get-blob", sha: blobSha });
    const [payload = "", mac = ""] = good.split(".");
    const other = Buffer.from(JSON.stringify({ k: "get-blob", sha: "0".repeat(64), exp: Date.now() + 60_000 })).toString("base64url");
    const expired = signGrant(getUrlSigningSecret(), { k: "get-blob", sha: blobSha }, Date.now() - 120_000, 60_000);
    for (const token of [`${other}.${mac}`, `${payload}.${"A".repeat(mac.length)}`, expired, "nonsense"]) {
      const res = await handleApiRequest(new Request(`http://127.0.0.1/api/v1/blobs/signed/${token}`));
      expect(res.status, token).toBe(404);
    }
    expect((await handleApiRequest(new Request(`http://127.0.0.1/api/v1/blobs/signed/${good}`))).status).toBe(200);
  });
});

/**
 * The W&B client's endpoints: the routes themselves, and each GraphQL operation, whose resolvers ask
 * the same policy per project (a query of an invisible project answers null, like a missing one).
 */
const WANDB: HttpCase[] = [
  { route: "POST graphql", level: "signed-in", url: () => "graphql", body: json({ query: "query Viewer { viewer { id } }" }) },
  { route: "POST files/:entity/:project/:run/file_stream", level: "write", url: () => `files/acme/vision/r1/file_stream`, body: json({ files: {} }) },
];

let dsV0Id = "";
const v0Id = () => dsV0Id;
const GRAPHQL: Record<string, { level: Level; query: () => string; variables?: () => Record<string, unknown> }> = {
  "query project": { level: "read", query: () => `query { project(name: "vision", entityName: "acme") { id } }` },
  "query project.bucket": { level: "read", query: () => `query { model(name: "vision", entityName: "acme") { bucket(name: "r1") { id } } }` },
  "query artifact": { level: "read", query: () => `query { artifact(id: "${v0Id()}") { id } }` },
  "mutation upsertBucket": { level: "write", query: () => `mutation { upsertBucket(input: {name: "r1", entityName: "acme", modelName: "vision"}) { bucket { id } } }` },
  "mutation createRunFiles": { level: "write", query: () => `mutation { createRunFiles(input: {entityName: "acme", projectName: "vision", runName: "r1", files: ["output.log"]}) { runID } }` },
  "mutation createArtifact": {
    level: "write",
    query: () => `mutation { createArtifact(input: {entityName: "acme", projectName: "vision", artifactCollectionName: "ds", artifactTypeName: "dataset", digest: "0", clientID: "c${++unique}"}) { artifact { id } } }`,
  },
  "mutation createArtifactManifest": {
    level: "write",
    query: () => `mutation { createArtifactManifest(input: {artifactID: "${v0Id()}", name: "wandb_manifest.json", digest: "", entityName: "acme", projectName: "vision", runName: "r1"}) { artifactManifest { id } } }`,
  },
  "mutation updateArtifactManifest": { level: "write", query: () => `mutation { updateArtifactManifest(input: {artifactManifestID: "${v0Id()}:FULL"}) { artifactManifest { id } } }` },
  "mutation createArtifactFiles": {
    level: "write",
    query: () => `mutation { createArtifactFiles(input: {storageLayout: V2, artifactFiles: [{artifactID: "${v0Id()}", md5: "XUFAKrxLKna5cZ2REBfFkg==", name: "a.txt"}]}) { files { edges { node { uploadUrl } } } } }`,
  },
  "mutation commitArtifact": { level: "write", query: () => `mutation { commitArtifact(input: {artifactID: "${v0Id()}"}) { artifact { id } } }` },
  "mutation useArtifact": { level: "write", query: () => `mutation { useArtifact(input: {artifactID: "${v0Id()}", entityName: "acme", projectName: "vision", runName: "r1"}) { artifact { id } } }` },
  "mutation addAliases": {
    level: "write",
    query: () => `mutation { addAliases(input: {artifactID: "${v0Id()}", aliases: [{alias: "best", artifactCollectionName: "ds", entityName: "acme", projectName: "vision"}]}) { success } }`,
  },
  "mutation deleteAliases": {
    level: "write",
    query: () => `mutation { deleteAliases(input: {artifactID: "${v0Id()}", aliases: [{alias: "nope", artifactCollectionName: "ds", entityName: "acme", projectName: "vision"}]}) { success } }`,
  },
  "mutation completeMultipartUploadArtifact": {
    level: "write",
    query: () =>
      `mutation { completeMultipartUploadArtifact(input: {completeMultipartAction: Complete, completedParts: [], artifactID: "${v0Id()}", storagePath: "md5/0", uploadID: "not-signed"}) { digest } }`,
  },
  "mutation updateArtifact": { level: "write", query: () => `mutation { updateArtifact(input: {artifactID: "${v0Id()}", description: "seen"}) { artifact { id } } }` },
};

describe("access matrix over the W&B endpoints", () => {
  it("lists every route", () => {
    expect(WANDB.map((c) => c.route).sort()).toEqual(wandbRoutes.map(routeName).sort());
  });

  it("answers every principal on every route as the policy says", async () => {
    const wrong: string[] = [];
    for (const c of WANDB) {
      for (const w of who) {
        const { status, message } = await callHttp(c, w.auth, (r) => handleWandbRequest(r), "/");
        const got = classify(status, message);
        if (got !== expected(w, c.level)) wrong.push(`${c.route} as ${w.name}: expected ${expected(w, c.level)}, got ${status} ${message}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("lists every GraphQL mutation and answers every principal on every operation as the policy says", async () => {
    const { WANDB_SDL } = await import("../graphql/wandb-schema");
    const mutations = /type Mutation \{([^}]*)\}/.exec(WANDB_SDL)![1]!.match(/^\s+(\w+)\(/gm)!.map((m) => `mutation ${m.trim().slice(0, -1)}`);
    expect(Object.keys(GRAPHQL).filter((k) => k.startsWith("mutation")).sort()).toEqual(mutations.sort());
    const wrong: string[] = [];
    for (const [name, c] of Object.entries(GRAPHQL)) {
      for (const w of who) {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (w.auth) headers.authorization = w.auth;
        const res = await handleWandbRequest(new Request("http://127.0.0.1/graphql", { method: "POST", headers, body: JSON.stringify({ query: c.query() }) }));
        const body = (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[]; error?: { message: string } };
        const error = body.errors?.[0];
        const status = res.status !== 200 ? res.status : error ? (TRPC_STATUS[error.extensions?.code ?? ""] ?? 400) : 200;
        const answer = body.data ? Object.values(body.data)[0] : undefined;
        const nested = answer && typeof answer === "object" && "bucket" in answer ? (answer).bucket : answer;
        // A query of something the principal cannot see answers null, like a missing one.
        const got = status === 200 && name.startsWith("query") && nested === null ? "hidden" : classify(status, error?.message ?? body.error?.message ?? "");
        if (got !== expected(w, c.level)) wrong.push(`${name} as ${w.name}: expected ${expected(w, c.level)}, got ${status} ${JSON.stringify(body).slice(0, 300)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

interface TrpcCase {
  level: Level;
  input: () => unknown;
}
const v = { ...ns, name: "ds", version: "v0" };
let unique = 0;
const TRPC: Record<string, TrpcCase> = {
  "account.me": { level: "public", input: () => undefined },
  "account.memberships": { level: "signed-in", input: () => undefined },
  "account.createTeam": { level: "account", input: () => ({ name: `team-${++unique}` }) },
  "account.keys": { level: "account", input: () => undefined },
  "account.createKey": { level: "account", input: () => ({ name: `key-${++unique}` }) },
  "account.revokeKey": { level: "account", input: () => ({ name: "no-such-key" }) },
  "account.sessions": { level: "account", input: () => undefined },
  "account.revokeSession": { level: "account", input: () => ({ id: "no-such-session" }) },
  "members.list": { level: "entity-admin", input: () => ({ entity: "acme" }) },
  "members.grant": { level: "entity-admin", input: () => ({ entity: "acme", username: "dummy", role: "viewer" }) },
  "members.revoke": { level: "entity-admin", input: () => ({ entity: "acme", username: "dummy", project: "nowhere" }) },
  "members.audit": { level: "entity-admin", input: () => ({ entity: "acme" }) },
  "admin.users": { level: "instance-admin", input: () => undefined },
  "admin.createUser": { level: "instance-admin", input: () => ({ username: `user-${++unique}`, password: "long enough" }) },
  "admin.setAdmin": { level: "instance-admin", input: () => ({ username: "dummy", isAdmin: false }) },
  "admin.deleteUser": { level: "instance-admin", input: () => ({ username: "no-such-user" }) },
  "admin.audit": { level: "instance-admin", input: () => ({}) },
  "admin.jobs": { level: "instance-admin", input: () => ({}) },
  "projects.list": { level: "signed-in", input: () => undefined },
  "projects.get": { level: "read", input: () => ns },
  "projects.collections": { level: "read", input: () => ns },
  "projects.searchCollections": { level: "read", input: () => ({ ...ns, q: "d" }) },
  "collections.get": { level: "read", input: () => ({ ...ns, name: "ds" }) },
  "collections.aliases": { level: "read", input: () => ({ ...ns, name: "ds" }) },
  "collections.versions": { level: "read", input: () => ({ ...ns, name: "ds", query: {} }) },
  "collections.update": { level: "write", input: () => ({ ...ns, name: "ds", description: "about ds" }) },
  "versions.get": { level: "read", input: () => v },
  "versions.lineage": { level: "read", input: () => v },
  "versions.history": { level: "read", input: () => v },
  "versions.update": { level: "write", input: () => ({ ...v, change: { description: "edited" } }) },
  "versions.delete": { level: "admin", input: () => ({ ...v, version: "v9" }) },
  "runs.list": { level: "read", input: () => ns },
  "runs.get": { level: "read", input: () => ({ ...ns, runId: "r1" }) },
  "runs.artifacts": { level: "read", input: () => ({ ...ns, runId: "r1" }) },
  "files.list": { level: "read", input: () => v },
  "files.preview": { level: "read", input: () => ({ ...v, path: "a.txt" }) },
  "compare.summary": { level: "read", input: () => ({ ...ns, name: "ds", a: "v0", b: "v1" }) },
  "compare.files": { level: "read", input: () => ({ ...ns, name: "ds", a: "v0", b: "v1" }) },
  "compare.versionOptions": { level: "read", input: () => ({ ...ns, name: "ds" }) },
  "compare.fileDiff": { level: "read", input: () => ({ ...ns, name: "ds", a: "v0", b: "v1", path: "a.txt" }) },
  "cleanup.preview": { level: "admin", input: () => ({ ...ns, collection: "ds" }) },
  "cleanup.candidates": { level: "admin", input: () => ({ ...ns, collection: "ds" }) },
  "cleanup.start": { level: "admin", input: () => ({ ...ns, collection: "ds", expectedVersions: 999 }) },
  "cleanup.status": { level: "admin", input: () => ({ ...ns, jobId: "no-such-job" }) },
  "cleanup.collectGarbage": { level: "admin", input: () => ns },
  "drafts.list": { level: "read", input: () => ns },
  "lineage.neighbourhood": { level: "read", input: () => ({ ...ns, start: "run:r1" }) },
  "lineage.node": { level: "read", input: () => ({ ...ns, node: "run:r1" }) },
  "lineage.path": { level: "read", input: () => ({ ...ns, from: "run:r1", to: "ds:v0" }) },
  "tables.list": { level: "read", input: () => v },
  "tables.status": { level: "read", input: () => ({ ...v, path: "t.table.json" }) },
  "tables.page": { level: "read", input: () => ({ ...v, path: "t.table.json", offset: 0, limit: 10 }) },
  "tables.row": { level: "read", input: () => ({ ...v, path: "t.table.json", index: 0 }) },
  "tables.summary": { level: "read", input: () => ({ ...v, path: "t.table.json" }) },
  // Open to anyone signed in, but its results are filtered by the policy: see the test below.
  "cleanup.storage": { level: "admin", input: () => ns },
  "search.everything": { level: "signed-in", input: () => ({ q: "ds" }) },
};

const TRPC_STATUS: Record<string, number> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

describe("access matrix over tRPC", () => {
  it("lists every procedure", () => {
    expect(Object.keys(TRPC).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  it("answers every principal on every procedure as the policy says", async () => {
    const wrong: string[] = [];
    for (const [name, c] of Object.entries(TRPC)) {
      for (const w of who) {
        const caller = createCaller(await createRequestContext(new Headers(w.auth ? { authorization: w.auth } : {})));
        const [group, proc] = name.split(".") as [string, string];
        const fn = (caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[group]![proc]!;
        let status = 200;
        let message = "";
        try {
          await fn(c.input());
        } catch (error) {
          const e = error as { code?: string; message?: string };
          status = TRPC_STATUS[e.code ?? ""] ?? 400;
          message = e.message ?? "";
        }
        const got = classify(status, message);
        if (got !== expected(w, c.level)) wrong.push(`${name} as ${w.name}: expected ${expected(w, c.level)}, got ${status} ${message}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("search.everything (the command palette) through the policy", () => {
  it("names acme/vision's artifacts, aliases and runs only to those who may read the project", async () => {
    const wrong: string[] = [];
    for (const w of who.filter((x) => !x.anonymous)) {
      const caller = createCaller(await createRequestContext(new Headers(w.auth ? { authorization: w.auth } : {})));
      const found = [
        ...(await caller.search.everything({ q: "ds" })).artifacts.map((a) => `artifact ${a.entity}/${a.project}/${a.name}`),
        ...(await caller.search.everything({ q: "best" })).aliases.map((a) => `alias ${a.alias} → ${a.entity}/${a.project}/${a.name}:${a.version}`),
        ...(await caller.search.everything({ q: "r1" })).runs.map((r) => `run ${r.entity}/${r.project}/${r.runId}`),
        ...(await caller.search.everything({ q: "vision" })).projects.map((p) => `project ${p.entity}/${p.project}`),
      ];
      const expectedHits = w.project ? ["artifact acme/vision/ds", "alias best → acme/vision/ds:v0", "run acme/vision/r1", "project acme/vision"] : [];
      if (JSON.stringify(found) !== JSON.stringify(expectedHits)) wrong.push(`${w.name}: ${JSON.stringify(found)}`);
    }
    expect(wrong).toEqual([]);
  });
});
