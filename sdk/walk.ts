import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export interface WalkedFile {
  /** '/'-separated path relative to the walked directory. */
  relative: string;
  absolute: string;
}

/**
 * Every file under `root`, sorted, like Python's os.walk as W&B uses it: symlinks to files are followed, symlinks to
 * directories are not (they could loop). Stops with an error past `limit` files.
 */
export function walkFiles(root: string, limit = Number.POSITIVE_INFINITY): WalkedFile[] {
  const found: WalkedFile[] = [];
  const visit = (dir: string, prefix: string) => {
    const children = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) {
      const absolute = join(dir, child.name);
      const relative = prefix ? `${prefix}/${child.name}` : child.name;
      if (child.isDirectory()) visit(absolute, relative);
      else if (child.isFile() || (child.isSymbolicLink() && isFile(absolute))) {
        found.push({ relative, absolute });
        if (found.length > limit) throw new Error(`${root} holds more than ${limit} files`);
      }
    }
  };
  visit(root, "");
  return found;
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
