/**
 * The domain's typed errors. Services throw these; exactly one adapter per transport
 * (server/http/errors.ts, server/trpc/errors.ts) maps them to status codes.
 * Messages are written for the user: what was wrong and what to do.
 */
export type ErrorCode =
  | "VALIDATION"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "DIGEST_MISMATCH"
  | "INSUFFICIENT_STORAGE"
  | "READ_ONLY_STORAGE"
  | "UNREADABLE_BLOB";

/**
 * Next bundles pages/api, app routes and instrumentation separately, so one process can hold two
 * copies of this class and `instanceof` fails across them (a 422 became a 500). The brand is a
 * registered symbol, the same in every copy: ask `isDomainError(e)`, never `instanceof DomainError`.
 */
const DOMAIN_ERROR = Symbol.for("arca.domain-error");

export class DomainError extends Error {
  readonly [DOMAIN_ERROR] = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[DOMAIN_ERROR] === true;
}

/** A zod validation failure, recognised by shape for the same reason as isDomainError. */
export function isZodError(error: unknown): error is { name: "ZodError"; issues: { path: PropertyKey[]; message: string }[] } {
  return error instanceof Error && error.name === "ZodError" && Array.isArray((error as { issues?: unknown }).issues);
}

/** "metadata.rows: expected number" for every issue: what was wrong, where. */
export function describeZodIssues(error: { issues: { path: PropertyKey[]; message: string }[] }, whole = "body"): string {
  return error.issues.map((i) => `${i.path.map(String).join(".") || whole}: ${i.message}`).join("; ");
}

export class ValidationError extends DomainError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("VALIDATION", message, options);
  }
}
export class UnauthorizedError extends DomainError {
  constructor(message = "sign in, or send an API key: Authorization: Bearer <key> (create one under Settings → API keys)") {
    super("UNAUTHORIZED", message);
  }
}
/** Signed in and allowed to see the thing, but not to do this to it. */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super("FORBIDDEN", message);
  }
}
export class NotFoundError extends DomainError {
  constructor(message: string) {
    super("NOT_FOUND", message);
  }
}
export class ConflictError extends DomainError {
  constructor(message: string) {
    super("CONFLICT", message);
  }
}
export class PreconditionFailedError extends DomainError {
  constructor(message: string) {
    super("PRECONDITION_FAILED", message);
  }
}
export class PayloadTooLargeError extends DomainError {
  constructor(message: string) {
    super("PAYLOAD_TOO_LARGE", message);
  }
}
export class DigestMismatchError extends DomainError {
  constructor(message: string) {
    super("DIGEST_MISMATCH", message);
  }
}

export class InsufficientStorageError extends DomainError {
  constructor(options?: { cause?: unknown }) {
    super("INSUFFICIENT_STORAGE", "the server's disk is full: free space in the data directory and retry", options);
  }
}
export class ReadOnlyStorageError extends DomainError {
  constructor(options?: { cause?: unknown }) {
    super("READ_ONLY_STORAGE", "the server's data directory is read-only (or not writable by the server): make it writable and retry", options);
  }
}

/**
 * A stored blob that cannot be turned back into its bytes: encrypted with a key this server lacks,
 * or altered on disk. Never answered with garbage. A server-side fault (500), but the message says
 * what the operator must do, so it is shown.
 */
export class UnreadableBlobError extends DomainError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("UNREADABLE_BLOB", message, options);
  }
}
export class EncryptionKeyMismatchError extends UnreadableBlobError {
  constructor(
    readonly sha256: string,
    readonly blobKeyId: string,
    readonly serverKeyId: string,
  ) {
    super(`blob ${sha256} is encrypted with key id ${blobKeyId}; this server has key id ${serverKeyId}: start it with the key that wrote it (ARCA_ENCRYPTION_KEY, or ARCA_ENCRYPTION_OLD_KEYS while rotating)`);
  }
}

// Syscalls whose EACCES/EPERM means "cannot write here" rather than "cannot read this".
const WRITE_SYSCALLS = new Set(["open", "write", "writev", "mkdir", "rename", "unlink", "rmdir", "rm", "fsync", "fdatasync", "ftruncate", "copyfile", "link", "symlink", "utime", "futime"]);

/**
 * Storage faults from the OS or SQLite, as domain errors: a full disk or a read-only data directory
 * is not a bug, and the user can fix it. Follows `cause` chains (streams wrap their errors).
 */
export function storageFault(error: unknown): DomainError | null {
  let e: unknown = error;
  for (let i = 0; i < 8 && typeof e === "object" && e !== null; i++, e = (e as { cause?: unknown }).cause) {
    const { code, syscall } = e as { code?: unknown; syscall?: unknown };
    if (typeof code !== "string") continue;
    if (code === "ENOSPC" || code === "EDQUOT" || code === "SQLITE_FULL") return new InsufficientStorageError({ cause: error });
    if (code === "EROFS" || code.startsWith("SQLITE_READONLY")) return new ReadOnlyStorageError({ cause: error });
    if ((code === "EACCES" || code === "EPERM") && typeof syscall === "string" && WRITE_SYSCALLS.has(syscall)) return new ReadOnlyStorageError({ cause: error });
  }
  return null;
}

/** The domain error an error is, or stands for (storage faults); null for a bug. */
export function asDomainError(error: unknown): DomainError | null {
  return isDomainError(error) ? error : storageFault(error);
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  DIGEST_MISMATCH: 422,
  INSUFFICIENT_STORAGE: 507,
  READ_ONLY_STORAGE: 503,
  UNREADABLE_BLOB: 500,
};

/** Turns a rule check's message (or null) into a thrown ValidationError. */
export function assertValid(message: string | null): void {
  if (message !== null) throw new ValidationError(message);
}
