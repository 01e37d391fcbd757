import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { FileSender } from "./file-sender";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-sender-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fileOf(bytes: Buffer): string {
  const file = path.join(dir, `f-${randomBytes(4).toString("hex")}`);
  fs.writeFileSync(file, bytes);
  return file;
}

/** A request stand-in that takes its bytes slowly (like a full socket) and records each chunk it got. */
function slowTarget(): { target: Writable; chunks: Buffer[]; maxOutstanding: () => number } {
  const chunks: Buffer[] = [];
  let outstanding = 0;
  let most = 0;
  const target = new Writable({
    highWaterMark: 1, // backpressure from the buffers alone, as with a socket that holds the writes
    write(chunk: Buffer, _encoding, callback) {
      outstanding += 1;
      most = Math.max(most, outstanding);
      chunks.push(Buffer.from(chunk)); // a copy: the sender reads into this buffer again once it is taken
      setTimeout(() => {
        outstanding -= 1;
        callback();
      }, 2);
    },
  });
  return { target, chunks, maxOutstanding: () => most };
}

describe("FileSender (the CLI's upload bodies)", () => {
  it("sends exactly the asked range, from at most 3 reused 1 MiB buffers however big the file", async () => {
    const bytes = randomBytes(7 * 1024 * 1024 + 12345);
    const file = fileOf(bytes);
    const { target, chunks } = slowTarget();
    const seen = new Set<ArrayBufferLike>();
    const write = target.write.bind(target);
    target.write = ((chunk: Buffer, callback: () => void) => {
      seen.add(chunk.buffer);
      return write(chunk, callback);
    }) as typeof target.write;
    let reported = 0;
    const sender = new FileSender(target);
    await sender.send(file, 0, bytes.length, (n) => (reported += n));
    await sender.send(file, 1000, 3 * 1024 * 1024, (n) => (reported += n));
    await new Promise<void>((resolve) => target.end(resolve));

    const expected = Buffer.concat([bytes, bytes.subarray(1000, 1000 + 3 * 1024 * 1024)]);
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
    expect(reported).toBe(expected.length);
    // createReadStream allocated a new Buffer for every 1 MiB read (the page faults were the cost).
    expect(seen.size).toBeLessThanOrEqual(3);
  });

  it("never sends more than asked (a file that grew after hashing cannot run into the next record of a pack)", async () => {
    const bytes = randomBytes(300_000);
    const { target, chunks } = slowTarget();
    await new FileSender(target).send(fileOf(bytes), 0, 100_000, () => undefined);
    await new Promise<void>((resolve) => target.end(resolve));
    expect(Buffer.concat(chunks).equals(bytes.subarray(0, 100_000))).toBe(true);
  });

  it("sends what a shorter file has, stops quietly once the request is gone, and throws a file it cannot read", async () => {
    const bytes = randomBytes(50_000);
    const shortTarget = slowTarget();
    await new FileSender(shortTarget.target).send(fileOf(bytes), 0, 80_000, () => undefined);
    await new Promise<void>((resolve) => shortTarget.target.end(resolve));
    expect(Buffer.concat(shortTarget.chunks).equals(bytes)).toBe(true);

    // The server refused and hung up: the writes' callbacks may never come; the send must not wait for them.
    const hung = new Writable({ write: () => undefined });
    const sender = new FileSender(hung);
    const sending = sender.send(fileOf(randomBytes(10 * 1024 * 1024)), 0, 10 * 1024 * 1024, () => undefined);
    setTimeout(() => hung.destroy(), 20);
    await expect(sending).resolves.toBeUndefined();
    expect(sender.stopped).toBe(true);

    await expect(new FileSender(slowTarget().target).send(path.join(dir, "missing"), 0, 10, () => undefined)).rejects.toThrow(/ENOENT/);
  });
});
