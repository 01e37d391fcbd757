import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

// The server behind `npm start`: plain Node http/https in front of Next.js's request handler.
// `next start` cannot serve TLS, and this layer sees every request first, raw: it applies the Host
// allow-list, the CSRF rule and the security headers (server/security/request-guard.ts) without the
// body buffering a Next.js proxy does (it clones request bodies, which multi-GiB uploads cannot afford).

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The rules, loaded from TypeScript once at start-up (the files import nothing of the app). */
export async function loadRequestGuard() {
  const [guard, methods, keyring, storage, config] = await Promise.all([
    tsImport("../server/security/request-guard.ts", import.meta.url),
    tsImport("../server/http/forbidden-methods.ts", import.meta.url),
    tsImport("../server/storage/keyring.ts", import.meta.url),
    tsImport("../server/storage/storage-location.ts", import.meta.url),
    tsImport("../server/config.ts", import.meta.url),
  ]);
  return {
    ...guard,
    refuseForbiddenMethod: methods.refuseForbiddenMethod,
    readKeyring: keyring.readKeyring,
    parseStorageLocation: storage.parseStorageLocation,
    parseDatabaseUrl: config.parseDatabaseUrl,
  };
}

/**
 * Wraps a Node request handler. The nonce reaches Next.js's rendering on the request headers
 * (`x-nonce` for the layout's own script, the CSP header for Next's scripts); the response headers
 * are added when the head is written, and only where the route set none (a download's sandbox CSP wins).
 * API paths (no HTML) get one fixed set built at start, whose CSP allows nothing: no nonce to make.
 */
export function guardRequests(handle, guard, { allowedHosts, https: secure }) {
  const apiHeaders = guard.buildApiSecurityHeaders(secure);
  return (req, res) => {
    if (guard.refuseForbiddenMethod(req, res)) return;
    const host = req.headers.host;
    const path = (req.url ?? "/").split("?", 1)[0];
    const refusal =
      guard.checkHost(host, allowedHosts) ??
      guard.checkCsrf({
        method: req.method ?? "GET",
        path,
        host,
        origin: req.headers.origin,
        secFetchSite: req.headers["sec-fetch-site"],
        contentType: req.headers["content-type"],
        authorization: req.headers.authorization,
      });
    const api = guard.isApiPath(path);
    const nonce = api ? null : randomBytes(16).toString("base64");
    const headers = api ? apiHeaders : guard.buildSecurityHeaders(nonce, secure);
    if (refusal) {
      const { contentType, body } = guard.refusalBody(refusal);
      // The body is not read: close the connection rather than drain an upload nobody wants.
      res.writeHead(refusal.status, { ...headers, "content-type": contentType, "content-length": Buffer.byteLength(body), connection: "close" });
      res.end(body);
      return;
    }
    // Facts only this layer knows, for the app: the client's address (sign-in rate limits; never a
    // header the client sent) and the path asked for (sign-in sends people back there).
    req.headers["x-arca-client-ip"] = req.socket.remoteAddress ?? "";
    req.headers["x-arca-path"] = req.url ?? "/";
    if (nonce) {
      req.headers["x-nonce"] = nonce;
      req.headers["content-security-policy"] = headers["content-security-policy"];
    }
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      for (const [name, value] of Object.entries(headers)) if (!this.hasHeader(name)) this.setHeader(name, value);
      return writeHead.apply(this, args);
    };
    return handle(req, res);
  };
}

/**
 * The API (/api/v1, /api/trpc, the W&B endpoints) is served by plain Node handlers that
 * instrumentation.ts puts on globalThis from inside Next's bundle (server/http/fast-path.ts): Next's
 * routing cost 3-10 ms a request around services that need a fraction of a millisecond. Everything
 * else (pages, assets, /api/auth) goes to Next. Next runs instrumentation.ts on the first request it
 * serves, so that request (and any before the hook is in place) takes Next's own route: same answer.
 */
export function withFastPath(nextHandle) {
  return (req, res) => {
    const fastHandlerFor = globalThis.__arcaFastPath;
    if (!fastHandlerFor) return nextHandle(req, res);
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const fast = fastHandlerFor(query === -1 ? url : url.slice(0, query));
    return fast ? fast(req, res) : nextHandle(req, res);
  };
}

/** What is wrong with the settings, in one sentence saying what to set, or null. Needs no build. */
export function checkSettings(guard, env = process.env) {
  const listenRefusal = guard.checkListenHost(env);
  if (listenRefusal) return listenRefusal;
  try {
    guard.parseAllowedHosts(env.ARCA_ALLOWED_HOSTS);
    if (env.ARCA_PUBLIC_URL) new URL(env.ARCA_PUBLIC_URL);
    guard.readKeyring(env); // a malformed ARCA_ENCRYPTION_KEY stops the start, not the first upload
    guard.parseStorageLocation(env);
    guard.parseDatabaseUrl(env.ARCA_DATABASE_URL);
  } catch (error) {
    return `[arca] ${error.message}`;
  }
  const { ARCA_TLS_CERT: cert, ARCA_TLS_KEY: key } = env;
  if (Boolean(cert) !== Boolean(key)) return "[arca] set both ARCA_TLS_CERT and ARCA_TLS_KEY (PEM file paths) to serve HTTPS, or neither.";
  for (const file of [cert, key]) if (file && !fs.existsSync(file)) return `[arca] TLS file ${file} does not exist (ARCA_TLS_CERT / ARCA_TLS_KEY).`;
  return null;
}

/**
 * With ARCA_DATABASE_URL, the database must answer before anything is served: a wrong password or host is
 * one sentence at start, not an error on every request. (The server creates its tables itself.)
 */
export async function checkDatabase(env = process.env) {
  if (!env.ARCA_DATABASE_URL) return null;
  const url = new URL(env.ARCA_DATABASE_URL);
  const where = `${url.hostname}:${url.port || 5432}${url.pathname}`;
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: env.ARCA_DATABASE_URL, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return `[arca] cannot use the PostgreSQL database at ${where} (ARCA_DATABASE_URL): ${error.message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * tsx turns Node's source maps on for every module loaded afterwards, not only its own: left on, Node reads,
 * parses and keeps the map of each Next.js chunk the server loads (measured: a warm server's heap 120 MB with
 * them, 68 MB without; the reading shows in CPU profiles of the first requests). Mapped stack traces stay one setting away:
 * NODE_OPTIONS=--enable-source-maps (docs/deploy.md).
 */
function keepSourceMapsOff(env) {
  const asked = [...process.execArgv, ...(env.NODE_OPTIONS ?? "").split(/\s+/)].includes("--enable-source-maps");
  if (!asked) process.setSourceMapsEnabled(false);
}

/** Checks the settings, prepares Next.js (an existing build), and listens. */
export async function startServer(env = process.env) {
  const guard = await loadRequestGuard();
  keepSourceMapsOff(env);
  const problem = checkSettings(guard, env) ?? (await checkDatabase(env));
  if (problem) throw new Error(problem);
  const host = env.HOST || "127.0.0.1";
  const port = Number(env.PORT || 3000);
  const tls = env.ARCA_TLS_CERT ? { cert: fs.readFileSync(env.ARCA_TLS_CERT), key: fs.readFileSync(env.ARCA_TLS_KEY ?? "") } : null;
  const publicUrl = env.ARCA_PUBLIC_URL ? new URL(env.ARCA_PUBLIC_URL) : null;
  const allowedHosts = [...guard.parseAllowedHosts(env.ARCA_ALLOWED_HOSTS), ...(publicUrl ? guard.parseAllowedHosts(publicUrl.host) : [])];
  const secure = Boolean(tls) || publicUrl?.protocol === "https:";

  env.NODE_ENV ??= "production";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: root, hostname: host, port });
  await app.prepare(); // the first request runs instrumentation.ts: migrate, then the demo seed
  await loadPages(app);
  const handler = guardRequests(withFastPath(app.getRequestHandler()), guard, { allowedHosts, https: secure });

  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  // Node ends a request that takes over 5 minutes by default; a multi-GiB upload may take longer.
  server.requestTimeout = 0;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  console.log(`[arca] ready on ${tls ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${port}`);
  if (allowedHosts.length === 0 && !guard.isLoopbackHost(host)) {
    console.log("[arca] only 127.0.0.1, localhost and [::1] are allowed in Host: set ARCA_ALLOWED_HOSTS (or ARCA_PUBLIC_URL) to the names people use, or they get 421.");
  }
  return server;
}

/**
 * Next loads the code of every page in the background once it is prepared (its `preloadEntriesOnStart`): 1-2 s of
 * CPU on 2 cores, through tsx's module hooks thread too. Listening only after that means a first request, e.g. the
 * first `arca log` after a restart, does not share the cores with it (measured: 1-1.5 s of the server's CPU during a
 * 1 GiB log, issue 13). Next's own method, not a public API: if a Next upgrade moves it, the start just does not wait.
 */
export async function loadPages(app) {
  const nextServer = await app.server?.getServer?.();
  await nextServer?.unstable_preloadEntries?.().catch(() => undefined);
}

/** Fails with status 1 and the reason (a settings mistake, a port in use); SIGINT/SIGTERM stop the server. */
export async function serve() {
  let server;
  try {
    server = await startServer();
  } catch (error) {
    console.error(error.message.startsWith("[arca]") ? error.message : `[arca] could not start: ${error.message}`);
    process.exit(1);
  }
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      server.close();
      process.exit(0);
    });
  }
}

// `node scripts/server.mjs` serves the existing build as it is, like `next start`; `npm start` builds first.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await serve();
