import { basename, resolve } from "node:path";
import { compareCodePoints } from "../lib/digest";
import { checkEntryPath } from "../lib/names";
import { ensureValid, validationError } from "./errors";
import { NewFile } from "./new-file";
import { mapLimit } from "../lib/pool";
import { inferReferenceName, parseReferenceUri, resolveReference } from "./references";
import type { ReferenceEntry } from "./types";
import { isDirectory, isFile, walkFiles } from "./walk";

export interface LocalFile {
  path: string;
  localPath: string;
  /** A newFile() scratch file: never worth a hash cache entry. */
  transient?: boolean;
}

type Staged =
  | { kind: "file"; path: string; localPath: string; handle?: NewFile }
  | { kind: "reference"; path: string; uri: string; name: string | undefined; checksum: boolean }
  | { kind: "resolved"; path: string; entry: ReferenceEntry };

/** What an artifact will hold once logged: local files and references, each at its path inside the artifact. */
export interface ResolvedContents {
  files: LocalFile[];
  references: ReferenceEntry[];
}

function withoutTrailingSlashes(prefix: string): string {
  return prefix.replace(/\/+$/, "");
}

/**
 * The staging area behind Artifact (addFile, addDir, newFile, addReference), usable on its own as the `add` of a
 * patch. Paths are checked when added, so a bad one is refused before anything is hashed or sent.
 */
export class ArtifactContents {
  #staged = new Map<string, Staged>();
  #mayBeEmpty = false;

  /** Hook for Artifact: a version fetched from the server cannot take new contents. */
  protected assertEditable(): void {}

  /** `addFile('checkpoints/model.h5')` → `model.h5`; `addFile('model.h5', 'models/mymodel.h5')` → `models/mymodel.h5`. */
  addFile(localPath: string, name?: string): this {
    this.assertEditable();
    const path = name ?? basename(localPath);
    ensureValid(checkEntryPath(path));
    if (!isFile(localPath)) throw validationError(`cannot add ${localPath}: not a file`);
    this.#stage({ kind: "file", path, localPath: resolve(localPath) });
    return this;
  }

  /** `addDir('images')` → `cat.png`, `dog.png`; `addDir('images', 'images')` → `images/cat.png`, `images/dog.png`. */
  addDir(localPath: string, prefix?: string): this {
    this.assertEditable();
    const base = prefix === undefined ? "" : withoutTrailingSlashes(prefix);
    if (base !== "") ensureValid(checkEntryPath(base));
    if (!isDirectory(localPath)) throw validationError(`cannot add ${localPath}: not a directory`);
    const files = walkFiles(localPath, { followDirLinks: true }).map((file) => ({ path: base ? `${base}/${file.relative}` : file.relative, localPath: file.absolute }));
    for (const file of files) ensureValid(checkEntryPath(file.path));
    for (const file of files) this.#stage({ kind: "file", ...file });
    return this.acceptEmpty();
  }

  /** A file written here and stored as `name`: write() then close(), or pass the contents at once. */
  newFile(name: string, contents?: string | Uint8Array): NewFile {
    this.assertEditable();
    ensureValid(checkEntryPath(name));
    const handle = new NewFile(name);
    if (contents !== undefined) handle.write(contents).close();
    this.#stage({ kind: "file", path: name, localPath: handle.localPath, handle });
    return handle;
  }

  /** Tracks a URI without copying its bytes; the checksum (ETag, MD5) is taken when the artifact is logged. */
  addReference(uri: string, name?: string, { checksum = true }: { checksum?: boolean } = {}): this {
    this.assertEditable();
    parseReferenceUri(uri);
    const cleanName = name === undefined ? undefined : withoutTrailingSlashes(name);
    const path = cleanName ?? inferReferenceName(uri);
    ensureValid(checkEntryPath(path));
    this.#stage({ kind: "reference", path, uri, name: cleanName, checksum });
    return this;
  }

  /**
   * A reference entry taken as it is, digest, size and extra included, without looking at the URI again: what
   * `arca import` uses to recreate a W&B manifest's references exactly (their checksums were taken by W&B).
   */
  addReferenceEntry(entry: ReferenceEntry): this {
    this.assertEditable();
    parseReferenceUri(entry.ref);
    ensureValid(checkEntryPath(entry.path));
    this.#stage({ kind: "resolved", path: entry.path, entry });
    return this;
  }

  /** Paths staged so far, sorted (a file:// directory reference shows as one path until it is expanded). */
  stagedPaths(): string[] {
    return [...this.#staged.keys()].sort(compareCodePoints);
  }

  get stagedCount(): number {
    return this.#staged.size;
  }

  /**
   * Lets a log with no entries through: addDir() calls it (W&B logs a folder holding only empty folders as a version
   * with the digest of the bare manifest header), and so does importing an empty W&B manifest. Without it, logging
   * nothing at all is refused as a likely mistake.
   */
  acceptEmpty(): this {
    this.#mayBeEmpty = true;
    return this;
  }

  get mayBeEmpty(): boolean {
    return this.#mayBeEmpty;
  }

  #stage(item: Staged): void {
    const existing = this.#staged.get(item.path);
    if (existing && !sameSource(existing, item)) {
      throw validationError(`path ${JSON.stringify(item.path)} is added twice from different sources: give one of them another name`);
    }
    this.#staged.set(item.path, item);
  }

  /** Closes open newFile handles, expands and checksums references, and re-checks every final path. */
  async resolveContents(): Promise<ResolvedContents> {
    const files: LocalFile[] = [];
    const pending: Extract<Staged, { kind: "reference" }>[] = [];
    const references: ReferenceEntry[] = [];
    for (const item of this.#staged.values()) {
      if (item.kind === "reference") pending.push(item);
      else if (item.kind === "resolved") references.push(item.entry);
      else {
        item.handle?.close();
        files.push({ path: item.path, localPath: item.localPath, ...(item.handle ? { transient: true } : {}) });
      }
    }
    // A few HEAD requests (or file:// hashes) at a time: thousands of URLs one by one would take minutes.
    const resolved = await mapLimit(pending, 8, (item) => resolveReference(item.uri, item.name, item.checksum));
    references.push(...resolved.flat());
    const seen = new Set<string>();
    for (const { path } of [...files, ...references]) {
      ensureValid(checkEntryPath(path));
      if (seen.has(path)) throw validationError(`path ${JSON.stringify(path)} appears twice once references are expanded`);
      seen.add(path);
    }
    return { files, references };
  }
}

function sameSource(a: Staged, b: Staged): boolean {
  if (a.kind === "file" && b.kind === "file") return a.localPath === b.localPath;
  if (a.kind === "reference" && b.kind === "reference") return a.uri === b.uri && a.checksum === b.checksum;
  if (a.kind === "resolved" && b.kind === "resolved") return JSON.stringify(a.entry) === JSON.stringify(b.entry);
  return false;
}


