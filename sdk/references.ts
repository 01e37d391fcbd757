import { statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { checkEntryPath } from "../lib/names";
import { ensureValid, validationError } from "./errors";
import { stripEtag } from "./etag";
import { hashFile } from "./hash";
import { resolveS3Reference } from "./s3-references";
import type { ReferenceEntry } from "./types";
import { walkFiles } from "./walk";

export const REFERENCE_SCHEMES = ["http:", "https:", "s3:", "gs:", "file:"] as const;

/** The W&B limit on objects a prefix expands to. */
export const MAX_PREFIX_OBJECTS = 10_000;

export function parseReferenceUri(uri: string): URL {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw validationError(`invalid reference ${JSON.stringify(uri)}: expected an http(s)://, s3://, gs:// or file:// URI`);
  }
  if (!(REFERENCE_SCHEMES as readonly string[]).includes(url.protocol)) {
    throw validationError(`unsupported reference scheme ${JSON.stringify(url.protocol)} in ${uri}: use http(s)://, s3://, gs:// or file://`);
  }
  return url;
}

/** The name a reference gets without an explicit one: its last path segment (`s3://b/checkpoints/model.h5` → `model.h5`). */
export function inferReferenceName(uri: string): string {
  const url = parseReferenceUri(uri);
  // W&B names an http(s) reference by the text after the URI's last '/', query and escapes included
  // (`os.path.basename(uri)`): the same name keeps the same digest.
  if (url.protocol === "http:" || url.protocol === "https:") {
    const name = uri.slice(uri.lastIndexOf("/") + 1);
    if (!name) throw validationError(`cannot infer a name from ${uri}: it ends with '/'; pass one`);
    return name;
  }
  const segments = url.pathname.split("/").filter((segment) => segment !== "");
  const last = segments.at(-1);
  const name = last === undefined ? url.hostname : decodeURIComponent(last);
  if (!name) throw validationError(`cannot infer a name from ${uri}: pass one`);
  return name;
}

/**
 * Turns one addReference call into manifest entries. With a name, a single object lands at `name` and an expanded
 * prefix lands under `name/`; without one, a single object takes its inferred name and a prefix's objects land at
 * the root (the seeds' table: add_reference('s3://my-bucket/images') gives cat.png and dog.png).
 */
export async function resolveReference(uri: string, name: string | undefined, checksum: boolean): Promise<ReferenceEntry[]> {
  const url = parseReferenceUri(uri);
  const single = name ?? inferReferenceName(uri);
  ensureValid(checkEntryPath(single));
  if (!checksum) return [{ path: single, ref: uri, digest: uri }];
  switch (url.protocol) {
    case "http:":
    case "https:":
      return [await headReference(uri, single)];
    case "file:":
      return resolveFileReference(uri, url, name, single);
    case "s3:":
      return resolveS3Reference(url, name, single, MAX_PREFIX_OBJECTS);
    default:
      // gs:// needs Google credentials this client does not use: the URI is the digest and a prefix stays one entry.
      return [{ path: single, ref: uri, digest: uri }];
  }
}

/** ETag (quotes stripped) as digest and Content-Length as size; without an ETag the URI is the digest. */
async function headReference(uri: string, path: string): Promise<ReferenceEntry> {
  try {
    const response = await fetch(uri, { method: "HEAD", redirect: "follow", signal: AbortSignal.timeout(15_000) });
    if (!response.ok) return { path, ref: uri, digest: uri };
    const etag = response.headers.get("etag");
    const length = Number(response.headers.get("content-length") ?? Number.NaN);
    const entry: ReferenceEntry = { path, ref: uri, digest: etag ? stripEtag(etag) : uri };
    if (Number.isSafeInteger(length) && length >= 0) entry.size = length;
    if (etag) entry.extra = { etag };
    return entry;
  } catch {
    return { path, ref: uri, digest: uri };
  }
}

export { stripEtag };

async function resolveFileReference(uri: string, url: URL, name: string | undefined, single: string): Promise<ReferenceEntry[]> {
  const localPath = fileURLToPath(url);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(localPath).isDirectory();
  } catch {
    throw validationError(`reference ${uri} does not exist`);
  }
  if (!isDirectory) {
    const { md5, size } = await hashFile(localPath);
    return [{ path: single, ref: uri, digest: md5, size }];
  }
  let files;
  try {
    files = walkFiles(localPath, { limit: MAX_PREFIX_OBJECTS });
  } catch {
    throw validationError(`reference ${uri} holds more than ${MAX_PREFIX_OBJECTS} files, the most a prefix expands to`);
  }
  const entries: ReferenceEntry[] = [];
  for (const file of files) {
    const { md5, size } = await hashFile(file.absolute);
    const path = name ? `${name}/${file.relative}` : file.relative;
    entries.push({ path, ref: pathToFileURL(file.absolute).href, digest: md5, size });
  }
  return entries;
}
