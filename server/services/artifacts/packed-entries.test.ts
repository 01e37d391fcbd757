import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PreconditionFailedError, ValidationError } from "../../errors";
import { createTestWorld, fileEntry, refEntry, type TestWorld } from "../../testing/factory";
import { tasks } from "../../workers/task-list";
import type { EntryInput } from "../schemas";
import { checkEntriesPacked, type PrecheckedParts } from "./entries";
import { logArtifact } from "./log";
import { listVersions } from "./read";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

/** The entries as a log body's check sends them (server/http/commit-body.ts): JSON texts of a few thousand. */
function partsOf(entries: EntryInput[]): PrecheckedParts {
  const parts: string[] = [];
  const { problem } = tasks.commitBody({ bytes: Buffer.from(JSON.stringify({ type: "dataset", entries })), kind: "log" }, (part) => parts.push(part));
  return { parts, problem };
}

const manyRefs = (n: number) => Array.from({ length: n }, (_, i) => refEntry(`refs/${String(i).padStart(6, "0")}.bin`, `s3://bucket/${i}`));

describe("a large log's entries kept as texts (PackedEntries)", () => {
  it("commits the same version as the entries as objects: digest, totals, dedup", async () => {
    const files = [await fileEntry(w.ctx, "a.txt", "hello"), await fileEntry(w.ctx, "tables/t.table.json", '{"columns":["a"],"data":[[1]]}')];
    const entries = [...manyRefs(12_000), ...files];
    const parts = partsOf(entries);
    expect(parts.parts.length).toBeGreaterThan(1);
    const packed = await checkEntriesPacked(w.ctx, parts);
    expect(Array.isArray(packed)).toBe(false);
    expect(packed).toMatchObject({ count: 12_002, size: 5 + 30, holdsTables: true });

    const asTexts = await logArtifact(w.ctx, w.ns, "packed", { type: "dataset", entries: partsOf(entries), aliases: [] });
    const asObjects = await logArtifact(w.ctx, w.ns, "objects", { type: "dataset", entries, aliases: [] });
    expect(asTexts).toMatchObject({ digest: asObjects.digest, size: asObjects.size, fileCount: 12_002, created: true });
    const again = await logArtifact(w.ctx, w.ns, "packed", { type: "dataset", entries: partsOf(entries), aliases: ["again"] });
    expect(again).toMatchObject({ version: "v0", created: false });
  });

  it("keeps the first error in manifest order and stores nothing", async () => {
    const missing = { path: "missing.bin", sha256: "0".repeat(64), size: 3 };
    const late = [...manyRefs(7_000), missing, ...manyRefs(10).map((e) => ({ ...e, path: "refs/000001.bin" }))];
    await expect(logArtifact(w.ctx, w.ns, "bad", { type: "dataset", entries: partsOf(late), aliases: [] })).rejects.toThrow(PreconditionFailedError);
    const duplicateFirst = [...manyRefs(7_000), ...manyRefs(1), missing];
    await expect(logArtifact(w.ctx, w.ns, "bad", { type: "dataset", entries: partsOf(duplicateFirst), aliases: [] })).rejects.toThrow(ValidationError);
    await expect(listVersions(w.ctx, w.ns, "bad", {})).rejects.toThrow();
  });
});
