/**
 * Web hardening rules, as pure functions of a request's method, path and headers (docs/security.md,
 * "Web hardening"). scripts/server.mjs applies them to every request before Next.js sees it; this file
 * imports nothing, so that plain Node can load it at start-up.
 */

/** Loopback names are always allowed, on any port: a browser only sends them for a page it loaded from this machine. */
const LOOPBACK_HOSTNAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** A refusal: the status, the API error code and a message, or `null` when the request may go on. */
export interface Refusal {
  status: 403 | 415 | 421;
  code: "FORBIDDEN" | "UNSUPPORTED_MEDIA_TYPE" | "MISDIRECTED_REQUEST";
  message: string;
}

/** `host` or `host:port` entries; an entry without a port allows every port. */
export interface HostRule {
  hostname: string;
  port: string | undefined;
}

/** Splits a Host header (`name`, `name:port`, `[v6]`, `[v6]:port`) into a lower-case hostname and a port. */
export function splitHost(host: string): HostRule | null {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!match?.[1]) return null;
  return { hostname: match[1].toLowerCase(), port: match[2] };
}

/** Parses ARCA_ALLOWED_HOSTS (comma-separated `host` or `host:port`). Throws on an entry that is not a host name. */
export function parseAllowedHosts(setting: string | undefined): HostRule[] {
  const rules: HostRule[] = [];
  for (const entry of (setting ?? "").split(",").map((e) => e.trim()).filter(Boolean)) {
    const rule = splitHost(entry);
    if (!rule) throw new Error(`ARCA_ALLOWED_HOSTS: "${entry}" is not a host or host:port name`);
    rules.push(rule);
  }
  return rules;
}

/** True for the names a server bound to them is reachable only from this machine (`HOST`, `--hostname`). */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return name === "localhost" || name === "::1" || /^127(\.\d{1,3}){3}$/.test(name);
}

/**
 * The Host allow-list: stops DNS rebinding (a page on evil.example whose name now resolves to this
 * server sends `Host: evil.example`, which no allowed name matches).
 */
export function checkHost(host: string | undefined, allowed: readonly HostRule[]): Refusal | null {
  const parsed = host ? splitHost(host) : null;
  if (parsed && (LOOPBACK_HOSTNAMES.has(parsed.hostname) || allowed.some((r) => r.hostname === parsed.hostname && (r.port === undefined || r.port === parsed.port)))) return null;
  const shown = host ? `"${host.slice(0, 100)}"` : "(none)";
  return {
    status: 421,
    code: "MISDIRECTED_REQUEST",
    message: `misdirected request: Host ${shown} is not served here. If this server should answer to that name, add it to ARCA_ALLOWED_HOSTS (comma-separated host or host:port).`,
  };
}

export interface CsrfInput {
  method: string;
  /** The request target's path, without the query. */
  path: string;
  /** The request's Host header (already allowed by checkHost). */
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  contentType: string | undefined;
  authorization: string | undefined;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF: a web page on another site can make a browser send a POST with a `text/plain`,
 * form-urlencoded or multipart body, or none, without asking this server first (no CORS preflight).
 * So (a) an unsafe request without an Authorization header (the browser's ambient credentials: session
 * cookies, or none at all on a loopback server) must come from this origin, and (b) every POST must say
 * `application/json` (`application/octet-stream` for blob bytes), which a cross-site page cannot send
 * without a preflight that this server never grants. (b) also covers a browser that replays cached
 * HTTP Basic credentials on its own. The rules hold for every path, not only /api/**, so that no
 * spelling of a path (`/%61pi/…`) slips past them; pages do not take unsafe methods anyway.
 */
export function checkCsrf(req: CsrfInput): Refusal | null {
  const method = req.method.toUpperCase();
  if (SAFE_METHODS.has(method)) return null;
  if (!req.authorization) {
    const site = req.secFetchSite?.toLowerCase();
    if (site !== undefined && site !== "same-origin" && site !== "none") return forbidden(`Sec-Fetch-Site is "${site.slice(0, 40)}"`);
    if (req.origin !== undefined && !isSameOrigin(req.origin, req.host)) return forbidden(`Origin ${req.origin.slice(0, 200)} is not this server`);
  }
  if (method === "POST") {
    const type = mediaType(req.contentType);
    const blobBytes = req.path.startsWith("/api/v1/blobs/") && type === "application/octet-stream";
    if (type !== "application/json" && !blobBytes) {
      return {
        status: 415,
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: `POST bodies must be JSON: send Content-Type: application/json (got ${req.contentType ? `"${req.contentType.slice(0, 100)}"` : "none"}; blob bytes are application/octet-stream)`,
      };
    }
  }
  return null;
}

function forbidden(why: string): Refusal {
  return { status: 403, code: "FORBIDDEN", message: `cross-site request refused: ${why}. Send the request from this server's own pages, or with an API key (Authorization header).` };
}

/** The Origin's host equals the Host header (default ports of the Origin's scheme normalised away). */
function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(origin); // "null" (data: URLs, sandboxed frames) throws: refused
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  try {
    return url.host === new URL(`${url.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

/** `application/JSON; charset=utf-8` → `application/json`. */
function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(";", 1)[0]?.trim().toLowerCase();
}

/**
 * The Content-Security-Policy of every answer. Scripts need the per-request nonce (Next.js puts it on
 * its own scripts when it finds it in the request's CSP header; 'strict-dynamic' lets them load chunks).
 * Styles stay 'unsafe-inline': React Flow and CodeMirror inject style elements and attributes at run time.
 * Workers from blob: because the lineage graph lays out in a Web Worker.
 */
export function buildCsp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** The headers every answer carries unless the route set its own (a download's sandbox CSP is stricter). */
export function buildSecurityHeaders(nonce: string, https: boolean): Record<string, string> {
  return {
    "content-security-policy": buildCsp(nonce),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    // Only over HTTPS: browsers ignore it on http://, and a loopback http server must stay reachable.
    ...(https ? { "strict-transport-security": "max-age=31536000" } : {}),
  };
}

/**
 * The API's answers (JSON, downloads, W&B's endpoints) run no script and load nothing, so their CSP
 * allows nothing, and needs no per-request nonce. Built once: the API path costs no random bytes.
 */
export function buildApiSecurityHeaders(https: boolean): Record<string, string> {
  return {
    ...buildSecurityHeaders("", https),
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  };
}

/** Paths that never answer HTML: the HTTP API, tRPC, auth, and the W&B client's endpoints. */
export function isApiPath(path: string): boolean {
  return path.startsWith("/api/") || path === "/graphql" || path.startsWith("/files/");
}

/**
 * Why `npm start` must not serve on HOST, or null when it may. Listening beyond loopback without accounts
 * would hand every artifact, and deletion, to anyone on the network.
 */
export function checkListenHost(env: Record<string, string | undefined>): string | null {
  const host = env.HOST || "127.0.0.1";
  if (isLoopbackHost(host) || env.ARCA_AUTH === "1" || env.ARCA_API_KEY) return null;
  return `[arca] refusing to serve on HOST=${host} without accounts: anyone who can reach it could read and delete every artifact. Set ARCA_AUTH=1 (accounts and API keys; see docs/deploy.md), or serve on 127.0.0.1.`;
}

/** The refusal body in the API's error shape (docs/api.md); 421 answers plain text, since it is not an API error. */
export function refusalBody(refusal: Refusal): { contentType: string; body: string } {
  if (refusal.status === 421) return { contentType: "text/plain; charset=utf-8", body: `${refusal.message}\n` };
  return { contentType: "application/json; charset=utf-8", body: JSON.stringify({ error: { code: refusal.code, message: refusal.message } }) };
}
