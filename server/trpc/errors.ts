import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY, type TRPCErrorShape } from "@trpc/server/rpc";
import { asDomainError, describeZodIssues, HTTP_STATUS, isZodError, type DomainError, type ErrorCode } from "../errors";

const TRPC_CODES: Record<ErrorCode, TRPCError["code"]> = {
  VALIDATION: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  DIGEST_MISMATCH: "UNPROCESSABLE_CONTENT",
  // tRPC has no 507: the code says "try later", the HTTP status (errorFormatter) says 507.
  INSUFFICIENT_STORAGE: "SERVICE_UNAVAILABLE",
  READ_ONLY_STORAGE: "SERVICE_UNAVAILABLE",
  UNREADABLE_BLOB: "INTERNAL_SERVER_ERROR",
};

export const INTERNAL_MESSAGE = "internal error: the server logged the details";
const PARSE_MESSAGE = "the request could not be read: tRPC input must be JSON, sent as ?input= (GET) or as the body (POST)";

/** The domain error behind a tRPC error (procedures throw them; tRPC wraps them as the cause). */
function domainOf(error: unknown): DomainError | null {
  return asDomainError(error instanceof TRPCError && error.cause !== undefined ? error.cause : error);
}

/** The tRPC side of the error adapter (procedure middleware): domain errors keep their message, anything else is hidden. */
export function toTrpcError(error: unknown): TRPCError {
  const domain = domainOf(error);
  if (domain) return new TRPCError({ code: TRPC_CODES[domain.code], message: domain.message, cause: domain });
  const cause = error instanceof TRPCError ? error.cause : error;
  if (isZodError(cause)) return new TRPCError({ code: "BAD_REQUEST", message: `invalid input: ${describeZodIssues(cause, "input")}`, cause });
  // tRPC's own refusals (input validation, unknown procedure): their message is tRPC's text or is replaced in formatTrpcError.
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return error;
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: INTERNAL_MESSAGE, cause: error });
}

/**
 * The last word on every error tRPC answers over HTTP (initTRPC's errorFormatter), including ones
 * raised before a procedure runs (unreadable input, unknown path). No unexpected message reaches
 * the client: a domain error or an input-validation issue is described, tRPC's own refusals keep
 * tRPC's wording only when they carry no foreign cause, and everything else is "internal error",
 * logged here.
 */
export function formatTrpcError({ shape, error }: { shape: TRPCErrorShape; error: TRPCError }): TRPCErrorShape {
  const safe = safeError(error);
  const httpStatus = safe.domain ? HTTP_STATUS[safe.domain] : getHTTPStatusCodeFromError(safe.error);
  const data: Record<string, unknown> = { ...(shape.data as Record<string, unknown>), code: safe.error.code, httpStatus };
  delete data.stack;
  return { ...shape, code: TRPC_ERROR_CODES_BY_KEY[safe.error.code], message: safe.error.message, data };
}

function safeError(error: TRPCError): { error: TRPCError; domain?: ErrorCode } {
  const mapped = toTrpcError(error);
  const domain = domainOf(mapped);
  if (domain) return { error: mapped, domain: domain.code };
  if (mapped.code === "INTERNAL_SERVER_ERROR" || getHTTPStatusCodeFromError(mapped) >= 500) {
    console.error("[arca] unexpected error", error.cause ?? error);
    return { error: new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: INTERNAL_MESSAGE }) };
  }
  if (mapped.code === "PARSE_ERROR" || (mapped.cause instanceof Error && mapped.cause.name === "SyntaxError")) return { error: new TRPCError({ code: "BAD_REQUEST", message: PARSE_MESSAGE }) };
  if (mapped.cause === undefined || isZodError(mapped.cause)) return { error: mapped };
  // A refusal caused by something unexpected (a parser, a transformer): say what kind, not its text.
  return { error: new TRPCError({ code: mapped.code, message: `the request was refused (${mapped.code}); check the procedure name and its input` }) };
}
