import { readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { validationError } from "./errors";

export interface WalkedFile {
  /** '/'-separated path relative to the walked directory. */
  relative: string;
  absolute: string;
}

export interface WalkOptions {
  /** Stop with an error past this many files. */
  limit?: number;
  /**
   * Descend into symlinked folders, as W&B's `Artifact.add_dir` does (`os.walk(followlinks=True)`), wherever they
   * point. file:// references leave it off: W&B's reference handler walks without following them.
   */
  followDirLinks?: boolean;
}

/**
 * Every file under `root`, sorted, with the paths W&B gives the same folder (docs/files.md "Folders and links"):
 * symlinks to files are followed; symlinks to folders too when `followDirLinks`. A dangling symlink, or anything that
 * is neither file nor folder (FIFO, socket, device), is an error naming it: W&B raises on it too, and skipping it
 * would log a version that silently lacks a file. A symlinked folder that leads back into one of its own ancestors
 * would repeat forever: an error as well (W&B would recurse until the OS stops it).
 */
export function walkFiles(root: string, { limit = Number.POSITIVE_INFINITY, followDirLinks = false }: WalkOptions = {}): WalkedFile[] {
  const found: WalkedFile[] = [];
  const visit = (dir: string, prefix: string, ancestors: Set<string>) => {
    const children = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) {
      const absolute = join(dir, child.name);
      const relative = prefix ? `${prefix}/${child.name}` : child.name;
      const kind = kindOf(child, absolute);
      if (kind === "dir" || (kind === "dir-link" && followDirLinks)) {
        const real = realpathSync(absolute);
        if (ancestors.has(real)) throw validationError(`cannot add ${absolute}: it is a link to ${real}, a folder that contains it (the walk would never end)`);
        visit(absolute, relative, new Set(ancestors).add(real));
      } else if (kind === "file") {
        found.push({ relative, absolute });
        if (found.length > limit) throw new Error(`${root} holds more than ${limit} files`);
      } else if (kind === "dangling") {
        throw validationError(`cannot add ${absolute}: it is a symbolic link to a missing file (remove the link or restore its target)`);
      } else if (kind === "special") {
        throw validationError(`cannot add ${absolute}: it is not a regular file or folder (a FIFO, socket or device)`);
      }
    }
  };
  visit(root, "", new Set([realpathSync(root)]));
  return found;
}

function kindOf(child: Dirent, absolute: string): "file" | "dir" | "dir-link" | "dangling" | "special" {
  if (child.isDirectory()) return "dir";
  if (child.isFile()) return "file";
  if (!child.isSymbolicLink()) return "special";
  let target;
  try {
    target = statSync(absolute);
  } catch {
    return "dangling";
  }
  if (target.isDirectory()) return "dir-link";
  return target.isFile() ? "file" : "special";
}

/** True for a file (or a link to one); false for anything else, missing paths included. */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
