/** Validation rules shared by the server, the SDK and the CLI (SPEC 1 and 3). Each returns an error message or null. */

export const NAME_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;
const VERSION_INDEX_PATTERN = /^v\d+$/;

export function checkArtifactName(name: string): string | null {
  if (NAME_PATTERN.test(name)) return null;
  return `invalid artifact name ${JSON.stringify(name)}: use 1-128 letters, digits, '_', '.' or '-'`;
}

export function checkNamespacePart(kind: "entity" | "project" | "team" | "user", value: string): string | null {
  if (NAME_PATTERN.test(value)) return null;
  return `invalid ${kind} name ${JSON.stringify(value)}: use 1-128 letters, digits, '_', '.' or '-'`;
}

export function checkArtifactType(type: string, { allowReserved = false } = {}): string | null {
  if (!NAME_PATTERN.test(type)) {
    return `invalid artifact type ${JSON.stringify(type)}: use 1-128 letters, digits, '_', '.' or '-'`;
  }
  if (!allowReserved && type.startsWith("arca-")) {
    return `artifact type ${JSON.stringify(type)} is reserved: types starting with "arca-" belong to Arca`;
  }
  return null;
}

export function checkAlias(alias: string): string | null {
  if (alias.length < 1 || alias.length > 128) return `invalid alias ${JSON.stringify(alias)}: use 1-128 characters`;
  if (alias.includes("/") || alias.includes(":")) {
    return `invalid alias ${JSON.stringify(alias)}: aliases cannot contain '/' or ':'`;
  }
  if (VERSION_INDEX_PATTERN.test(alias)) {
    return `invalid alias ${JSON.stringify(alias)}: "vN" names a version index and cannot be used as an alias`;
  }
  return null;
}

/**
 * Entry paths are relative and '/'-separated. Refused before any byte is stored:
 * '..' or '.' segments, a leading '/', NUL, empty segments. A backslash is an ordinary character of a name, as it is
 * for W&B on Linux and macOS (`back\slash.txt` logs under that name, so a folder gets the same digest in both); a
 * download on Windows refuses such a name rather than read it as a separator (sdk/download.ts).
 */
export function checkEntryPath(path: string): string | null {
  const bad = (why: string) => `invalid path ${JSON.stringify(path)}: ${why}`;
  if (path.length === 0) return bad("it is empty");
  if (path.length > 4096) return bad("it is longer than 4096 characters");
  if (path.includes("\0")) return bad("it contains a NUL character");
  if (path.startsWith("/")) return bad("it must be relative (no leading '/')");
  for (const segment of path.split("/")) {
    if (segment === "") return bad("it has an empty segment ('//' or a trailing '/')");
    if (segment === "..") return bad("'..' segments are not allowed");
    if (segment === ".") return bad("'.' segments are not allowed");
    // Like W&B: `a\..\b` would climb out of a folder on Windows.
    if (segment.split("\\").includes("..")) return bad("'..' between backslashes is not allowed (Windows reads them as separators)");
  }
  return null;
}

/** A parsed reference `entity/project/name:selector`, missing parts left undefined. */
export interface ParsedRef {
  entity?: string;
  project?: string;
  name: string;
  selector: string;
}

/** Parses `name`, `name:sel`, `project/name:sel`, `entity/project/name:sel`; a bare name means `:latest`. */
export function parseRef(ref: string): ParsedRef | string {
  const colon = ref.lastIndexOf(":");
  const path = colon === -1 ? ref : ref.slice(0, colon);
  const selector = colon === -1 ? "latest" : ref.slice(colon + 1);
  const parts = path.split("/");
  if (parts.length > 3 || parts.some((p) => p === "") || selector === "") {
    return `invalid reference ${JSON.stringify(ref)}: expected [entity/][project/]name[:alias or vN]`;
  }
  const name = parts[parts.length - 1]!;
  const project = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  const entity = parts.length === 3 ? parts[0] : undefined;
  return { entity, project, name, selector };
}
