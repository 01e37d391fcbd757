/** An ETag as a digest: quotes and the weak marker stripped. */
export function stripEtag(etag: string): string {
  return etag.replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}
