import { ValidationError } from "../../errors";

/**
 * Reads a byte stream record by record: a line, then exactly N bytes, then the next line…
 * What a chunk holds past the current record is kept for the next read.
 */
export class ByteReader {
  private readonly source: AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  private pending: Uint8Array | null = null;

  constructor(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
    this.source = Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
  }

  private async nextChunk(): Promise<Uint8Array | null> {
    if (this.pending) {
      const chunk = this.pending;
      this.pending = null;
      return chunk;
    }
    const { done, value } = await this.source.next();
    return done ? null : value;
  }

  /** The next line without its "\n", or null at the end of the stream. */
  async readLine(maxBytes: number): Promise<string | null> {
    const parts: Uint8Array[] = [];
    let length = 0;
    for (;;) {
      const chunk = await this.nextChunk();
      if (chunk === null) {
        if (length === 0) return null;
        throw new ValidationError("the batch ends in the middle of a record header");
      }
      const newline = chunk.indexOf(10);
      const end = newline === -1 ? chunk.length : newline;
      parts.push(chunk.subarray(0, end));
      length += end;
      if (length > maxBytes) throw new ValidationError(`a record header in the batch is longer than ${maxBytes} bytes`);
      if (newline !== -1) {
        if (newline + 1 < chunk.length) this.pending = chunk.subarray(newline + 1);
        return Buffer.concat(parts, length).toString("utf8");
      }
    }
  }

  /** Exactly `size` bytes, as chunks; ends early only if the stream does (the consumer sees too few bytes). */
  async *take(size: number): AsyncGenerator<Uint8Array> {
    let left = size;
    while (left > 0) {
      const chunk = await this.nextChunk();
      if (chunk === null) return;
      if (chunk.length > left) {
        this.pending = chunk.subarray(left);
        yield chunk.subarray(0, left);
        return;
      }
      left -= chunk.length;
      yield chunk;
    }
  }
}
