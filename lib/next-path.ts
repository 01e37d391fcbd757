/**
 * Where to go after signing in: only a path on this site. `//evil.example` and `/\evil.example`
 * are other hosts to a browser, and anything with a scheme is too, so they fall back to home.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f]/.test(next)) return "/";
  // Sending someone back to the sign-in page after signing in would look like a failure.
  if (next === "/sign-in" || next.startsWith("/sign-in?")) return "/";
  return next;
}
