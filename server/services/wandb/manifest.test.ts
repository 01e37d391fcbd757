import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { taskWorkerThreads } from "../../workers/tasks";
import { entriesOfWandbManifest } from "./manifest";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

/** A manifest large enough to be parsed in the task worker: references, with `files` among them. */
function manifestText(files: { path: string; digest: string; size: number }[]): string {
  const contents: Record<string, unknown> = {};
  for (let i = 0; i < 10_000; i++) {
    contents[`r/${i}`] = { digest: `etag-${i}`, ref: `s3://b/${i}`, size: i };
    const file = files[i / 2500];
    if (file) contents[file.path] = { digest: file.digest, size: file.size };
  }
  return JSON.stringify({ version: 1, storagePolicy: "wandb-storage-policy-v1", contents });
}

describe("an uploaded W&B manifest", () => {
  it("is parsed off the main thread when large, its files found by MD5 and size in batches, in manifest order", async () => {
    const a = await fileEntry(w.ctx, "a.bin", "alpha");
    const b = await fileEntry(w.ctx, "b.bin", "beta");
    const before = taskWorkerThreads().length;
    const entries = await entriesOfWandbManifest(w.ctx, manifestText([a, b]));
    expect(taskWorkerThreads().length).toBe(before + 1);
    expect(entries).toHaveLength(10_002);
    expect(entries[0]).toEqual({ path: "r/0", ref: "s3://b/0", digest: "etag-0", size: 0, extra: undefined });
    expect(entries.find((e) => e.path === "a.bin")).toEqual({ path: "a.bin", sha256: a.sha256, digest: a.digest, size: 5, extra: undefined });
    expect([entries[1]!.path, entries[2502]!.path]).toEqual(["a.bin", "b.bin"]);
  });

  it("names the first file in manifest order that was not uploaded", async () => {
    const a = await fileEntry(w.ctx, "a.bin", "alpha");
    const text = manifestText([{ path: "missing.bin", digest: "bm90IHVwbG9hZGVkIGF0IGFsbA==", size: 3 }, { ...a, size: 99 }]);
    await expect(entriesOfWandbManifest(w.ctx, text)).rejects.toThrow(`the file "missing.bin" (MD5 bm90IHVwbG9hZGVkIGF0IGFsbA==, 3 bytes) was not uploaded`);
    await expect(entriesOfWandbManifest(w.ctx, `${text.slice(0, -2)}`)).rejects.toThrow("the uploaded manifest is not a wandb-artifact-manifest version 1");
  });
});
