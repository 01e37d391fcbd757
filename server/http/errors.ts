import { ZodError } from "zod";
import { DomainError, HTTP_STATUS } from "../errors";

/** The one place HTTP turns errors into responses. Unexpected errors never leak their message. */
export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) return json(HTTP_STATUS[error.code], { error: { code: error.code, message: error.message } });
  if (error instanceof ZodError) {
    const message = error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    return json(400, { error: { code: "VALIDATION", message: `invalid request: ${message}` } });
  }
  console.error("[arca] unexpected error", error);
  return json(500, { error: { code: "INTERNAL", message: "internal error: the server logged the details" } });
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });
}
