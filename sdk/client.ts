import { ArcaError, responseError } from "./errors";
import { exchange } from "./transfer";
import type { Settings } from "./config";

/** A version inside a collection, as the URL needs it. */
export interface VersionLocation {
  entity: string;
  project: string;
  name: string;
  selector: string;
}

const enc = encodeURIComponent;

export function projectPath(entity: string, project: string): string {
  return `/projects/${enc(entity)}/${enc(project)}`;
}

export function collectionPath(entity: string, project: string, name: string): string {
  return `${projectPath(entity, project)}/artifacts/${enc(name)}`;
}

export function versionPath(loc: VersionLocation): string {
  return `${collectionPath(loc.entity, loc.project, loc.name)}/versions/${enc(loc.selector)}`;
}

/** Entry paths keep their '/' separators; each segment is encoded on its own. */
export function encodeEntryPath(path: string): string {
  return path.split("/").map(enc).join("/");
}

/** JSON calls; like blob bytes, they travel through transfer.ts (node:http, keep-alive connections). */
export class Client {
  constructor(readonly settings: Settings) {}

  url(path: string): string {
    return `${this.settings.baseUrl}/api/v1${path}`;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { "x-arca-actor": this.settings.actor, ...extra };
    if (this.settings.apiKey) headers.authorization = `Bearer ${this.settings.apiKey}`;
    return headers;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = this.url(path);
    let answer: { status: number; text: string };
    try {
      // A POST always carries a JSON body, `{}` at least: the server refuses other POSTs (its CSRF rule, docs/security.md).
      const json = body === undefined && method === "POST" ? {} : body;
      const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json), "utf8");
      answer = await exchange(this, method, path, this.headers(payload === undefined ? {} : { "content-type": "application/json" }), payload);
    } catch (error) {
      // Connection refused, unknown host, …: exchange() already made it an ArcaError naming the base URL.
      if (error instanceof ArcaError) throw error;
      throw new ArcaError(`${method} ${url} failed: ${(error as Error).message}`, { cause: error });
    }
    const { status, text } = answer;
    if (status < 200 || status >= 300) throw responseError(status, text, url);
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new ArcaError(`unexpected non-JSON answer from ${method} ${url}`, { status, code: "BAD_RESPONSE", cause });
    }
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("POST", path, body);
  }
}
