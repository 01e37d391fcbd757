import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import type { FileHandle } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { describeBlobStore } from "./blob-store.contract";
import { LocalBlobStore } from "./local-blob-store";

describeBlobStore("local directory", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "arca-blobs-"));
  const tmp = path.join(root, "tmp");
  return {
    store: new LocalBlobStore(root),
    plantLeftovers: async () => {
      await fs.promises.writeFile(path.join(tmp, "killed-upload"), "partial");
      return 1;
    },
    // tmp/staged/ holds staged objects (tested through the store), not leftovers.
    countLeftovers: async () => (await fs.promises.readdir(tmp)).filter((name) => name !== "staged").length,
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
});

describe("local directory: how an upload is written", () => {
  it("writes the temp file at most 128 KiB at a time (1 MiB writes cost the kernel several times the CPU), each at its offset, never copying a chunk", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "arca-blobs-"));
    const probe = await fs.promises.open(path.join(root, "probe"), "w");
    const writev = vi.spyOn(Object.getPrototypeOf(probe) as FileHandle, "writev");
    await probe.close();
    try {
      const body = randomBytes(3 * 1024 * 1024 + 1000);
      const chunks = Array.from({ length: Math.ceil(body.length / 65536) }, (_, i) => body.subarray(i * 65536, (i + 1) * 65536));
      const sha256 = createHash("sha256").update(body).digest("hex");
      await new LocalBlobStore(root).put(sha256, chunks, { size: body.length });

      const written = writev.mock.calls.map(([buffers]) => buffers.reduce((total, buffer) => total + buffer.byteLength, 0));
      expect(written.reduce((a, b) => a + b, 0)).toBe(body.length);
      expect(Math.max(...written)).toBeLessThanOrEqual(128 * 1024);
      // The socket's own chunks go to the kernel as they came: no batch is copied into one buffer first.
      for (const [buffers] of writev.mock.calls) for (const buffer of buffers) expect(chunks).toContain(buffer);
      expect(fs.readFileSync(path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256)).equals(body)).toBe(true);
    } finally {
      writev.mockRestore();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
