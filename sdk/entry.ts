import type { Artifact } from "./artifact";
import { downloadEntries, resolveInside } from "./download";
import { validationError } from "./errors";
import { isReferenceEntry, type ManifestEntry, type OnProgress } from "./types";

/** One entry of a logged artifact, from `artifact.getPath(name)`: W&B's Entry with download() and ref(). */
export class ArtifactEntry {
  constructor(
    readonly artifact: Artifact,
    readonly entry: ManifestEntry,
  ) {}

  get path(): string {
    return this.entry.path;
  }

  get digest(): string {
    return this.entry.digest;
  }

  get size(): number | undefined {
    return this.entry.size;
  }

  get isReference(): boolean {
    return isReferenceEntry(this.entry);
  }

  /** The URI of a reference entry; null for a file stored in Arca. */
  ref(): string | null {
    return isReferenceEntry(this.entry) ? this.entry.ref : null;
  }

  /** Downloads this file alone under `root` (default: the artifact's download folder); returns the file's path. */
  async download(root?: string, { onProgress }: { onProgress?: OnProgress } = {}): Promise<string> {
    if (isReferenceEntry(this.entry)) {
      throw validationError(`${this.entry.path} is a reference to ${this.entry.ref}: Arca never copies its bytes, fetch it from there`);
    }
    const base = root ?? this.artifact.defaultRoot();
    const target = resolveInside(base, this.entry.path);
    const stats = await downloadEntries(this.artifact.client(), this.artifact.location(), base, [this.entry], onProgress);
    this.artifact.lastDownload = stats;
    return target;
  }
}
