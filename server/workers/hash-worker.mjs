// A worker thread that hashes upload bytes for the main thread (server/workers/hash-threads.ts): MD5 (the
// W&B digest, ~520 MiB/s and single-threaded per stream) and SHA-256 of every uploaded byte would otherwise
// run on the event loop. Plain JavaScript on purpose: it is loaded from disk by path, outside Next's bundles.
//
// The bytes arrive in slots of a SharedArrayBuffer the main thread filled; a slot is handed back ("freed")
// once it was hashed, so the main thread can fill it again. Messages of one stream arrive in order.
import { createHash } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";

const shared = new Uint8Array(workerData.buffer);
/** The hashes of each stream this thread hashes, by stream id. */
const streams = new Map();

parentPort.on("message", (message) => {
  switch (message.op) {
    case "start":
      streams.set(message.id, message.algorithms.map((algorithm) => [algorithm, createHash(algorithm)]));
      break;
    case "update": {
      const bytes = shared.subarray(message.offset, message.offset + message.length);
      // A stream dropped meanwhile (its upload failed) still frees its slot.
      for (const [, hash] of streams.get(message.id) ?? []) hash.update(bytes);
      parentPort.postMessage({ op: "freed", slot: message.slot });
      break;
    }
    case "digest": {
      const hashes = streams.get(message.id);
      streams.delete(message.id);
      const digests = hashes ? Object.fromEntries(hashes.map(([algorithm, hash]) => [algorithm, hash.digest()])) : null;
      parentPort.postMessage({ op: "digest", id: message.id, digests });
      break;
    }
    case "drop":
      streams.delete(message.id);
      break;
  }
});
