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
  | "DIGEST_MISMATCH";

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
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

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  DIGEST_MISMATCH: 422,
};

/** Turns a rule check's message (or null) into a thrown ValidationError. */
export function assertValid(message: string | null): void {
  if (message !== null) throw new ValidationError(message);
}
