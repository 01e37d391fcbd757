// A worker thread that hashes upload bytes for the main thread (server/workers/hash-threads.ts): MD5 (the
// W&B digest, ~520 MiB/s and single-threaded per stream) and SHA-256 of every uploaded byte would otherwise
// run on the event loop, one core, while the other core only waits. Plain JavaScript on purpose: it is
// loaded from disk by path, outside Next's bundles.
//
// The bytes arrive in slots of a SharedArrayBuffer the main thread filled; a slot is handed back ("freed")
// once it was hashed, so the main thread can fill it again. Messages of one stream arrive in order.
import { createHash } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";

const shared = new Uint8Array(workerData.buffer);
/** Hash state of each stream this thread hashes, by stream id. */
const hashes = new Map();

parentPort.on("message", (message) => {
  switch (message.op) {
    case "start":
      hashes.set(message.id, createHash(message.algorithm));
      break;
    case "update": {
      // A stream dropped meanwhile (its upload failed) still frees its slot.
      hashes.get(message.id)?.update(shared.subarray(message.offset, message.offset + message.length));
      parentPort.postMessage({ op: "freed", slot: message.slot });
      break;
    }
    case "digest": {
      const hash = hashes.get(message.id);
      hashes.delete(message.id);
      parentPort.postMessage({ op: "digest", id: message.id, digest: hash ? hash.digest() : null });
      break;
    }
    case "drop":
      hashes.delete(message.id);
      break;
  }
});
