import { ArcaError, responseError, unreachableError } from "./errors";
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

/** JSON calls over fetch. Blob bytes travel through transfer.ts (node:http streams). */
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
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: this.headers(body === undefined ? {} : { "content-type": "application/json" }),
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      // undici reports every network failure as TypeError("fetch failed") with the socket error as its cause.
      if (error instanceof TypeError && error.message === "fetch failed") throw unreachableError(this.settings.baseUrl, error);
      throw new ArcaError(`${method} ${url} failed: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.text();
    if (!response.ok) throw responseError(response.status, text, url);
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new ArcaError(`unexpected non-JSON answer from ${method} ${url}`, { status: response.status, code: "BAD_RESPONSE", cause });
    }
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("POST", path, body);
  }
}
