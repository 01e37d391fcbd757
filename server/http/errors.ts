import { asDomainError, describeZodIssues, HTTP_STATUS, isZodError } from "../errors";

/**
 * The one place HTTP turns errors into responses. Errors are recognised by brand and shape, not
 * `instanceof` (Next bundles give each entry point its own module copies). Unexpected errors never
 * leak their message.
 */
export function errorResponse(error: unknown): Response {
  const domain = asDomainError(error);
  if (domain) {
    if (domain !== error) console.error(`[arca] ${domain.code.toLowerCase().replaceAll("_", " ")}`, error);
    return json(HTTP_STATUS[domain.code], { error: { code: domain.code, message: domain.message } });
  }
  if (isZodError(error)) return json(400, { error: { code: "VALIDATION", message: `invalid request: ${describeZodIssues(error)}` } });
  console.error("[arca] unexpected error", error);
  return json(500, { error: { code: "INTERNAL", message: "internal error: the server logged the details" } });
}

/** A body still being computed is a bug (it would serialize as `{}`): the type refuses promises, anywhere in the top level. */
type Settled<T> = T extends PromiseLike<unknown> ? never : { [K in keyof T]: T[K] extends PromiseLike<unknown> ? never : T[K] };

export function json<T>(status: number, body: Settled<T>): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });
}
