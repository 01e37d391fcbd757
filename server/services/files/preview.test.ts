import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, refEntry, type TestWorld } from "../../testing/factory";
import { logArtifact } from "../artifacts/log";
import { PREVIEW_BYTES, previewFile } from "./preview";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

async function logFiles(files: Record<string, string | Buffer>) {
  const entries = await Promise.all(Object.entries(files).map(([p, c]) => fileEntry(w.ctx, p, c)));
  await logArtifact(w.ctx, w.ns, "ds", { type: "dataset", aliases: [], entries: [...entries, refEntry("ref.bin", "gs://bucket/ref.bin", "crc-1")] });
}
const preview = (p: string) => previewFile(w.ctx, w.ns, "ds", "v0", p);

describe("file previews", () => {
  it("detects each kind and pretty-prints complete JSON", async () => {
    await logFiles({
      "notes.txt": "plain",
      "cfg.json": '{"a":[1,2]}',
      "bad.json": '{"loss": NaN}',
      "README.md": "# Title",
      "img/cat.png": Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      "weights.bin": Buffer.from([1, 0, 2, 3]),
      "Makefile.unknownext": "all:\n\techo ok\n",
    });
    expect(await preview("notes.txt")).toMatchObject({ kind: "text", text: "plain", truncated: false });
    expect(await preview("cfg.json")).toMatchObject({ kind: "json", text: '{\n  "a": [\n    1,\n    2\n  ]\n}' });
    expect(await preview("bad.json")).toMatchObject({ kind: "json", text: '{"loss": NaN}' });
    expect(await preview("README.md")).toMatchObject({ kind: "markdown", text: "# Title" });
    expect(await preview("img/cat.png")).toMatchObject({ kind: "image", tooLarge: false });
    expect(await preview("weights.bin")).toMatchObject({ kind: "binary", entry: { size: 4 } });
    expect(await preview("Makefile.unknownext")).toMatchObject({ kind: "text" });
    expect(await preview("ref.bin")).toMatchObject({ kind: "reference", entry: { ref: "gs://bucket/ref.bin", digest: "crc-1" } });
    await expect(preview("nope.txt")).rejects.toThrow(/has no file "nope.txt"/);
  });

  it("reads only the head of a large file, without cutting a character or a CSV row in half", async () => {
    const line = "é,naïve,\"quoted, comma\"\n"; // multi-byte characters make the cut land mid-character
    const csv = "h1,h2,h3\n" + line.repeat(Math.ceil((PREVIEW_BYTES * 2) / line.length));
    await logFiles({ "big.csv": csv, "big.txt": "é".repeat(PREVIEW_BYTES) });
    const table = await preview("big.csv");
    expect(table).toMatchObject({ kind: "csv", truncated: true });
    if (table.kind !== "csv") throw new Error("expected csv");
    expect(table.rows).toHaveLength(101);
    expect(table.rows[0]).toEqual(["h1", "h2", "h3"]);
    expect(table.rows[100]).toEqual(["é", "naïve", "quoted, comma"]);
    const text = await preview("big.txt");
    if (text.kind !== "text") throw new Error("expected text");
    expect(text.truncated).toBe(true);
    expect(text.text).toBe("é".repeat(PREVIEW_BYTES / 2));
  });

  it("keeps a CSV's every row when the head holds them all", async () => {
    await logFiles({ "small.tsv": "a\tb\n1\t2\n" });
    expect(await preview("small.tsv")).toMatchObject({ kind: "tsv", rows: [["a", "b"], ["1", "2"]], truncated: false });
  });
});
