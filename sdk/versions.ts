import type { Artifact } from "./artifact";
import type { VersionInfo } from "./types";

export interface VersionPage {
  versions: VersionInfo[];
  nextCursor: string | null;
}

/**
 * The versions of a collection, newest first, fetched page by page as they are consumed. Iterate it with
 * `for await`, or `await` it (or call toArray()) for every version at once.
 */
export class VersionPager implements AsyncIterable<Artifact>, PromiseLike<Artifact[]> {
  constructor(
    private readonly fetchPage: (cursor: string | null) => Promise<VersionPage>,
    private readonly toArtifact: (info: VersionInfo) => Artifact,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<Artifact> {
    let cursor: string | null = null;
    do {
      const page = await this.fetchPage(cursor);
      for (const info of page.versions) yield this.toArtifact(info);
      cursor = page.nextCursor;
    } while (cursor);
  }

  async toArray(): Promise<Artifact[]> {
    const all: Artifact[] = [];
    for await (const artifact of this) all.push(artifact);
    return all;
  }

  then<A = Artifact[], B = never>(onFulfilled?: ((value: Artifact[]) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.toArray().then(onFulfilled, onRejected);
  }
}
