import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let scratch: string | undefined;
let counter = 0;

/** One scratch folder per process for newFile() contents, removed when the process exits. */
function scratchDir(): string {
  if (scratch === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "arca-new-file-"));
    scratch = dir;
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  return scratch;
}

/**
 * What newFile() returns: the Python `with artifact.new_file(name) as f` becomes write() calls then close().
 * A handle still open when the artifact is logged is closed then.
 */
export class NewFile {
  readonly localPath: string;
  #fd: number | undefined;

  constructor(readonly name: string) {
    this.localPath = join(scratchDir(), `${++counter}`);
    this.#fd = openSync(this.localPath, "w");
  }

  get closed(): boolean {
    return this.#fd === undefined;
  }

  write(data: string | Uint8Array): this {
    if (this.#fd === undefined) throw new Error(`new file ${this.name} is closed`);
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.#fd, bytes, offset);
    return this;
  }

  close(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}
