import { open } from "node:fs/promises";
import type { Writable } from "node:stream";
import { CHUNK_SIZE } from "./hash";

/** Buffers per request: one being read into while the socket takes the others. */
const BUFFERS = 3;

/**
 * Writes file bytes into an upload request from a few buffers that are read into again and again.
 * `createReadStream` allocates a fresh 1 MiB Buffer for every read, and the kernel's page faults on that new
 * memory cost 1.4 s of system time per GiB read here, against 0.15 s reading into reused buffers (issue 13:
 * the client's biggest cost in a first `arca log` after hashing). A buffer is read into again only once the
 * socket has taken its bytes (the write's callback), so a request holds BUFFERS x 1 MiB however big the file.
 *
 * A request that fails or closes (the server refused the upload and hung up) stops the sending quietly: the
 * server's answer says why, not the broken pipe. A file that cannot be read is thrown by `send`.
 */
export class FileSender {
  readonly #target: Writable;
  readonly #free: Buffer[] = [];
  #waiter: (() => void) | null = null;
  #stopped = false;

  constructor(target: Writable) {
    this.#target = target;
    for (let i = 0; i < BUFFERS; i++) this.#free.push(Buffer.allocUnsafeSlow(CHUNK_SIZE));
    const stop = () => {
      this.#stopped = true;
      this.#wake();
    };
    target.once("error", stop);
    target.once("close", stop);
  }

  /** The request failed or closed: nothing more is sent. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /**
   * Sends `length` bytes of the file from `start` (fewer if the file became shorter: the server then refuses the
   * upload for its size). Never more: the bytes after a pack's record must be the next record's header.
   */
  async send(localPath: string, start: number, length: number, onBytes: (bytes: number) => void): Promise<void> {
    if (length === 0 || this.#stopped) return;
    const handle = await open(localPath, "r");
    try {
      let position = start;
      let left = length;
      while (left > 0) {
        const buffer = await this.#take();
        if (!buffer) return;
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, left), position);
        if (bytesRead === 0 || this.#stopped) {
          this.#give(buffer);
          return;
        }
        position += bytesRead;
        left -= bytesRead;
        onBytes(bytesRead);
        this.#target.write(buffer.subarray(0, bytesRead), () => this.#give(buffer));
      }
    } finally {
      await handle.close();
    }
  }

  /** A free buffer, once the socket gave one back; null once the request is over. */
  async #take(): Promise<Buffer | null> {
    while (!this.#stopped) {
      const buffer = this.#free.pop();
      if (buffer) return buffer;
      await new Promise<void>((resolve) => (this.#waiter = resolve));
    }
    return null;
  }

  #give(buffer: Buffer): void {
    this.#free.push(buffer);
    this.#wake();
  }

  #wake(): void {
    const waiter = this.#waiter;
    this.#waiter = null;
    waiter?.();
  }
}
