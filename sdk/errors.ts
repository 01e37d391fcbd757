/**
 * Every failure the SDK reports is an ArcaError. `status` is the HTTP status the server answered, or 0 when the
 * error was raised on this side (a bad name checked before any request, or a server that cannot be reached).
 */
export class ArcaError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(message: string, { status = 0, code = "CLIENT", cause }: { status?: number; code?: string; cause?: unknown } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "ArcaError";
    this.status = status;
    this.code = code;
  }
}

/** A local validation failure, thrown before anything is sent (SPEC 3: refused before any byte is stored). */
export function validationError(message: string): ArcaError {
  return new ArcaError(message, { code: "VALIDATION" });
}

/** Throws the message of a lib/names.ts check when it failed. */
export function ensureValid(problem: string | null): void {
  if (problem !== null) throw validationError(problem);
}

export function unreachableError(baseUrl: string, cause: unknown): ArcaError {
  const detail = describeCause(cause);
  return new ArcaError(
    `cannot reach Arca at ${baseUrl}${detail ? ` (${detail})` : ""}: is the server running? (npm start)`,
    { code: "UNREACHABLE", cause },
  );
}

function describeCause(cause: unknown): string {
  let current: unknown = cause;
  // fetch wraps the socket error: TypeError("fetch failed") { cause: Error { code: "ECONNREFUSED" } }.
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return "";
}

/** Turns a non-2xx answer into an ArcaError carrying the server's `{error:{code,message}}`. */
export function responseError(status: number, body: string, url: string): ArcaError {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = parsed.error ?? {};
    if (typeof message === "string") {
      return new ArcaError(message, { status, code: typeof code === "string" ? code : `HTTP_${status}` });
    }
  } catch {
    // not JSON: fall through to a generic message
  }
  return new ArcaError(`unexpected answer ${status} from ${url}`, { status, code: `HTTP_${status}` });
}
