import { TRPCError } from "@trpc/server";
import { DomainError, type ErrorCode } from "../errors";

const TRPC_CODES: Record<ErrorCode, TRPCError["code"]> = {
  VALIDATION: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  DIGEST_MISMATCH: "UNPROCESSABLE_CONTENT",
};

/** The tRPC side of the error adapter: domain errors keep their message, anything else is hidden. */
export function toTrpcError(error: unknown): TRPCError {
  if (error instanceof TRPCError && !(error.cause instanceof DomainError)) return error;
  const domain = error instanceof TRPCError ? error.cause : error;
  if (domain instanceof DomainError) return new TRPCError({ code: TRPC_CODES[domain.code], message: domain.message, cause: domain });
  console.error("[arca] unexpected error", error);
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "internal error: the server logged the details", cause: error });
}
