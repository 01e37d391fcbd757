import http from "node:http";

/**
 * Methods a WHATWG Request cannot carry (fetch spec "forbidden methods"). Next turns every Node
 * request into a Request first, so TRACE or TRACK to any URL threw inside Next and answered a
 * 500 HTML page. They are refused with 405 before Next sees them. (CONNECT never reaches a
 * request handler: Node emits it as a 'connect' event, which Next does not listen to.)
 */
const FORBIDDEN = new Set(["TRACE", "TRACK"]); // Node's parser refuses TRACK itself (400); kept for other front servers.
const holder = globalThis as typeof globalThis & { __arcaMethodGuard?: boolean };

/**
 * Installs the refusal on every Node HTTP server of this process (`next start` creates its server
 * itself, so there is no instance to hook). A custom server can call refuseForbiddenMethod itself.
 */
export function installForbiddenMethodGuard(): void {
  if (holder.__arcaMethodGuard) return;
  holder.__arcaMethodGuard = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied below with the server as `this`
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request" && refuseForbiddenMethod(args[0] as http.IncomingMessage, args[1] as http.ServerResponse)) return true;
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}

/** Answers 405 and returns true for a method Next cannot handle. */
export function refuseForbiddenMethod(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (!req.method || !FORBIDDEN.has(req.method.toUpperCase())) return false;
  const body = JSON.stringify({ error: { code: "METHOD_NOT_ALLOWED", message: `${req.method} is not supported by this server` } });
  res.writeHead(405, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), allow: "GET, HEAD, POST, PUT, PATCH, DELETE" });
  res.end(body);
  req.resume();
  return true;
}
