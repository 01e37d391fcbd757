import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, refEntry, type TestWorld } from "../../testing/factory";
import { logArtifact } from "../artifacts/log";
import { coalesce, writeZip } from "./zip-writer";
import { zipVersion } from "./zip";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks);
}

describe("zip of a version", () => {
  it("holds every stored file byte for byte and lists references in REFERENCES.txt", async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 0xab); // spans several 1 MiB read chunks
    await logArtifact(w.ctx, w.ns, "ds", {
      type: "dataset",
      aliases: [],
      entries: [
        await fileEntry(w.ctx, "a.txt", "hello"),
        await fileEntry(w.ctx, "nested/déjà vu/b.json", '{"x":1}'),
        await fileEntry(w.ctx, "empty", ""),
        await fileEntry(w.ctx, "big.bin", big),
        refEntry("remote/data.csv", "https://example.com/data.csv", '"etag-123"'),
      ],
    });
    const zip = await zipVersion(w.ctx, w.ns, "ds", "latest");
    expect(zip.filename).toBe("ds-v0.zip");
    const files = unzipSync(await collect(zip.body));
    expect(Object.keys(files).sort()).toEqual(["REFERENCES.txt", "a.txt", "big.bin", "empty", "nested/déjà vu/b.json"]);
    expect(Buffer.from(files["a.txt"]!).toString()).toBe("hello");
    expect(Buffer.from(files["big.bin"]!).equals(big)).toBe(true);
    expect(files["empty"]).toHaveLength(0);
    expect(Buffer.from(files["REFERENCES.txt"]!).toString()).toContain('remote/data.csv\thttps://example.com/data.csv\t"etag-123"\t0');
  });

  it("renames the reference list when the version has its own REFERENCES.txt, and adds none without references", async () => {
    await logArtifact(w.ctx, w.ns, "ds", { type: "dataset", aliases: [], entries: [await fileEntry(w.ctx, "REFERENCES.txt", "mine"), refEntry("r", "s3://b/r")] });
    await logArtifact(w.ctx, w.ns, "plain", { type: "dataset", aliases: [], entries: [await fileEntry(w.ctx, "x", "1")] });
    expect(Object.keys(unzipSync(await collect((await zipVersion(w.ctx, w.ns, "ds", "v0")).body))).sort()).toEqual(["REFERENCES-arca.txt", "REFERENCES.txt"]);
    expect(Object.keys(unzipSync(await collect((await zipVersion(w.ctx, w.ns, "plain", "v0")).body)))).toEqual(["x"]);
  });

  it("lists thousands of references a batch at a time, letting other work run between batches, with the same bytes", async () => {
    const refs = Array.from({ length: 2500 }, (_, i) => refEntry(`r/${String(i).padStart(4, "0")}`, `s3://bucket/${i}`, `etag-${i}`));
    await logArtifact(w.ctx, w.ns, "refs", { type: "dataset", aliases: [], entries: refs });
    // Another request's work, queued as immediates: every step of an unbroken zip is a promise continuation,
    // so only the batches' turns of the event loop let it run (three batches of up to 1,000). Counted in
    // turns, not milliseconds, so a fast machine passes as surely as a slow one.
    let turns = 0;
    let counting = true;
    const tick = () => {
      if (!counting) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const body = await collect((await zipVersion(w.ctx, w.ns, "refs", "v0")).body);
    counting = false;
    expect(turns).toBeGreaterThanOrEqual(3);
    const expected =
      "# References of this version: their contents live at the URI and are not in this zip.\n# path\turi\tdigest (ETag/checksum, or the URI when none was taken)\tsize\n" +
      refs.map((r) => `${r.path}\t${r.ref}\t${r.digest}\t0\n`).join("");
    expect(Buffer.from(unzipSync(body)["REFERENCES.txt"]!).toString()).toBe(expected);
  });

  it("takes files and references from one pass over the entries, across batches", async () => {
    const refs = Array.from({ length: 2500 }, (_, i) => refEntry(`r/${String(i).padStart(4, "0")}`, `s3://bucket/${i}`, `etag-${i}`));
    // Files whose paths fall inside the first, the second and the last batch of 1,000 entries.
    const files = [await fileEntry(w.ctx, "r/0001a", "one"), await fileEntry(w.ctx, "r/1500a", "two"), await fileEntry(w.ctx, "r/2499a", "three")];
    await logArtifact(w.ctx, w.ns, "mixed", { type: "dataset", aliases: [], entries: [...refs, ...files] });
    const zipped = unzipSync(await collect((await zipVersion(w.ctx, w.ns, "mixed", "v0")).body));
    expect(Object.keys(zipped)).toEqual(["r/0001a", "r/1500a", "r/2499a", "REFERENCES.txt"]);
    expect(Buffer.from(zipped["r/1500a"]!).toString()).toBe("two");
    const listed = Buffer.from(zipped["REFERENCES.txt"]!).toString().split("\n").filter((l) => l && !l.startsWith("#"));
    expect(listed.map((l) => l.split("\t")[0])).toEqual(refs.map((r) => r.path));
  });
});

describe("zip writer", () => {
  it("writes ZIP64 records past 65,535 entries, which other tools read", async () => {
    const count = 70_000;
    const empty: Uint8Array[] = [];
    const sources = Array.from({ length: count }, (_, i) => ({ path: `d/${i}.txt`, size: i === 5 ? 3 : 0, open: () => Promise.resolve(i === 5 ? [Buffer.from("abc")] : empty) }));
    const file = path.join(w.dir, "many.zip");
    fs.writeFileSync(file, await collect(writeZip(sources, new Date(2026, 0, 2, 3, 4, 6))));
    const script = "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(len(z.infolist()), z.read('d/5.txt').decode(), z.testzip(), z.infolist()[0].date_time)";
    expect(execFileSync("python3", ["-c", script, file]).toString().trim()).toBe(`${count} abc None (2026, 1, 2, 3, 4, 6)`);
  });

  it("fails the stream when a source yields fewer bytes than it declared", async () => {
    const body = writeZip([{ path: "x", size: 10, open: () => Promise.resolve([Buffer.from("short")]) }], new Date());
    await expect(collect(body)).rejects.toThrow(/yielded 5 bytes, expected 10/);
  });

  it("joins small chunks for the response and passes big ones through in order", async () => {
    const chunks = [10, 10, 100_000, 5, 30].map((n) => Buffer.alloc(n, n % 256));
    const out = [];
    for await (const c of coalesce(Readable.from(chunks), 32)) out.push(c.length);
    expect(out).toEqual([20, 100_000, 5, 30]);
  });
});
