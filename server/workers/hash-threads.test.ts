import { createHash, randomBytes } from "node:crypto";
import { threadId } from "node:worker_threads";
import { describe, expect, it, vi } from "vitest";
import { createStreamHasher, hashThreadIds, hashThreadsIdle, runningHashThreads, THREAD_MIN_BYTES } from "./hash-threads";

const MiB = 1024 * 1024;

async function hashInChunks(bytes: Buffer, chunkBytes: number) {
  const hasher = createStreamHasher(["sha256", "md5"], bytes.byteLength);
  for (let i = 0; i < bytes.byteLength; i += chunkBytes) await hasher.update(bytes.subarray(i, i + chunkBytes));
  return hasher.digest();
}

describe("upload hashing on worker threads", () => {
  it("hashes a large body off this thread, to the digests of the bytes, whatever the chunking", async () => {
    const bytes = randomBytes(5 * MiB + 3);
    const before = hashThreadIds().length;
    for (const chunkBytes of [65_536, 1_000_003, 7 * MiB]) {
      const digests = await hashInChunks(bytes, chunkBytes);
      expect(digests.sha256?.toString("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(digests.md5?.toString("base64")).toBe(createHash("md5").update(bytes).digest("base64"));
    }
    const ran = hashThreadIds().slice(before);
    expect(ran.length).toBeGreaterThan(0);
    expect(ran).not.toContain(threadId);
    expect(hashThreadsIdle()).toBe(true);
  });

  it("hashes a small body here (messages would cost more than the hashing) to the same digests", async () => {
    const bytes = randomBytes(THREAD_MIN_BYTES - 1);
    const before = hashThreadIds().length;
    const digests = await hashInChunks(bytes, 4096);
    expect(digests.md5?.toString("hex")).toBe(createHash("md5").update(bytes).digest("hex"));
    expect(hashThreadIds().length).toBe(before);
  });

  it("keeps many streams at once apart, more than there are slots, without deadlock (update waits for a free slot)", async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => randomBytes(MiB + i * 4099));
    const results = await Promise.all(bodies.map((bytes, i) => hashInChunks(bytes, 65_536 + i)));
    results.forEach((digests, i) => expect(digests.sha256?.toString("hex")).toBe(createHash("sha256").update(bodies[i]!).digest("hex")));
    expect(hashThreadsIdle()).toBe(true);
  });

  it("forgets an abandoned stream: its threads hold nothing for it afterwards", async () => {
    const hasher = createStreamHasher(["sha256", "md5"], 4 * MiB);
    await hasher.update(randomBytes(2 * MiB));
    expect(hashThreadsIdle()).toBe(false);
    hasher.close();
    // The slots already posted are hashed and freed; the threads drop the stream's state.
    await vi.waitFor(() => expect(hashThreadsIdle()).toBe(true), { timeout: 10_000 });
  });

  it("lets an idle thread exit (it costs memory), and starts one again for the next upload", async () => {
    await hashInChunks(randomBytes(2 * MiB), 65_536);
    expect(runningHashThreads()).toBeGreaterThan(0);
    await vi.waitFor(() => expect(runningHashThreads()).toBe(0), { timeout: 15_000, interval: 200 });
    const bytes = randomBytes(2 * MiB);
    expect((await hashInChunks(bytes, 65_536)).md5?.toString("hex")).toBe(createHash("md5").update(bytes).digest("hex"));
  }, 30_000);
});
