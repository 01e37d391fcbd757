import zlib from "node:zlib";

/**
 * A streaming ZIP writer for stored (uncompressed) entries, with ZIP64 where sizes, offsets or the
 * entry count need it. fflate's streaming Zip writes no ZIP64 records, so it cannot hold a version
 * of 100,000 files or a 5 GiB checkpoint; this writer does, in ~150 lines of the APPNOTE format.
 *
 * Each entry's CRC-32 is only known after its bytes went out, so local headers set flag bit 3
 * and a data descriptor follows the bytes; the central directory at the end has everything.
 * Memory: one small record per entry for the central directory (~100 bytes each), never file bytes.
 */
export interface ZipSource {
  path: string;
  size: number;
  /** The entry's bytes; must yield exactly `size` bytes. */
  open: () => Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>;
}

interface CentralRecord {
  name: Buffer;
  crc: number;
  size: number;
  offset: number;
  zip64: boolean;
}

const U32 = 0xffffffff;
const FLAGS = 0x0008 | 0x0800; // data descriptor follows; names are UTF-8
const crc32: (data: Uint8Array, value?: number) => number = (zlib as { crc32?: typeof crc32 }).crc32 ?? crc32Js;

/** Streams a ZIP of `sources` (in order); `modified` is every entry's timestamp. */
export async function* writeZip(sources: AsyncIterable<ZipSource> | Iterable<ZipSource>, modified: Date): AsyncGenerator<Uint8Array> {
  const records: CentralRecord[] = [];
  const { time, date } = dosDateTime(modified);
  let offset = 0;
  for await (const source of sources) {
    const name = Buffer.from(source.path, "utf8");
    // Sizes are known up front (the manifest has them), so ZIP64 is decided before the bytes flow.
    const zip64 = source.size >= U32;
    const local = header(30, 0x04034b50, (b) => {
      b.writeUInt16LE(zip64 ? 45 : 20, 4);
      b.writeUInt16LE(FLAGS, 6);
      b.writeUInt16LE(0, 8); // stored
      b.writeUInt16LE(time, 10);
      b.writeUInt16LE(date, 12);
      // crc and sizes are 0 here (flag bit 3); ZIP64 entries mark sizes 0xffffffff and carry an extra field
      b.writeUInt32LE(zip64 ? U32 : 0, 18);
      b.writeUInt32LE(zip64 ? U32 : 0, 22);
      b.writeUInt16LE(name.length, 26);
      b.writeUInt16LE(zip64 ? 20 : 0, 28);
    });
    const extra = zip64 ? zip64Extra([0, 0]) : Buffer.alloc(0);
    yield Buffer.concat([local, name, extra]);
    const record: CentralRecord = { name, crc: 0, size: source.size, offset, zip64 };
    offset += local.length + name.length + extra.length;

    let written = 0;
    for await (const chunk of await source.open()) {
      record.crc = crc32(chunk, record.crc);
      written += chunk.length;
      yield chunk;
    }
    if (written !== source.size) throw new Error(`zip: ${source.path} yielded ${written} bytes, expected ${source.size}`);
    offset += written;

    const descriptor = Buffer.alloc(zip64 ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(record.crc >>> 0, 4);
    if (zip64) {
      descriptor.writeBigUInt64LE(BigInt(written), 8);
      descriptor.writeBigUInt64LE(BigInt(written), 16);
    } else {
      descriptor.writeUInt32LE(written, 8);
      descriptor.writeUInt32LE(written, 12);
    }
    yield descriptor;
    offset += descriptor.length;
    records.push(record);
  }
  yield* writeCentralDirectory(records, offset, time, date);
}

function* writeCentralDirectory(records: CentralRecord[], cdOffset: number, time: number, date: number): Generator<Uint8Array> {
  let cdSize = 0;
  let batch: Buffer[] = [];
  for (const r of records) {
    const bigSize = r.size >= U32;
    const bigOffset = r.offset >= U32;
    // The ZIP64 extra holds, in this order, only the fields that overflowed.
    const extraFields = [...(bigSize ? [r.size, r.size] : []), ...(bigOffset ? [r.offset] : [])];
    const extra = extraFields.length ? zip64Extra(extraFields) : Buffer.alloc(0);
    const h = header(46, 0x02014b50, (b) => {
      b.writeUInt16LE((3 << 8) | 45, 4); // made by: Unix, spec 4.5 (so the mode below is honoured)
      b.writeUInt16LE(r.zip64 || bigOffset ? 45 : 20, 6);
      b.writeUInt16LE(FLAGS, 8);
      b.writeUInt16LE(0, 10);
      b.writeUInt16LE(time, 12);
      b.writeUInt16LE(date, 14);
      b.writeUInt32LE(r.crc >>> 0, 16);
      b.writeUInt32LE(bigSize ? U32 : r.size, 20);
      b.writeUInt32LE(bigSize ? U32 : r.size, 24);
      b.writeUInt16LE(r.name.length, 28);
      b.writeUInt16LE(extra.length, 30);
      b.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
      b.writeUInt32LE(bigOffset ? U32 : r.offset, 42);
    });
    batch.push(h, r.name, extra);
    cdSize += h.length + r.name.length + extra.length;
    if (batch.length >= 3 * 1024) {
      yield Buffer.concat(batch);
      batch = [];
    }
  }
  if (batch.length) yield Buffer.concat(batch);

  const count = records.length;
  const needs64 = count >= 0xffff || cdOffset >= U32 || cdSize >= U32;
  if (needs64) {
    const eocd64Offset = cdOffset + cdSize;
    const eocd64 = header(56, 0x06064b50, (b) => {
      b.writeBigUInt64LE(44n, 4); // size of the rest of this record
      b.writeUInt16LE((3 << 8) | 45, 12);
      b.writeUInt16LE(45, 14);
      b.writeBigUInt64LE(BigInt(count), 24);
      b.writeBigUInt64LE(BigInt(count), 32);
      b.writeBigUInt64LE(BigInt(cdSize), 40);
      b.writeBigUInt64LE(BigInt(cdOffset), 48);
    });
    const locator = header(20, 0x07064b50, (b) => {
      b.writeBigUInt64LE(BigInt(eocd64Offset), 8);
      b.writeUInt32LE(1, 16);
    });
    yield Buffer.concat([eocd64, locator]);
  }
  yield header(22, 0x06054b50, (b) => {
    b.writeUInt16LE(Math.min(count, 0xffff), 8);
    b.writeUInt16LE(Math.min(count, 0xffff), 10);
    b.writeUInt32LE(Math.min(cdSize, U32), 12);
    b.writeUInt32LE(Math.min(cdOffset, U32), 16);
  });
}

function header(length: number, signature: number, fill: (b: Buffer) => void): Buffer {
  const b = Buffer.alloc(length);
  b.writeUInt32LE(signature, 0);
  fill(b);
  return b;
}

function zip64Extra(values: number[]): Buffer {
  const b = Buffer.alloc(4 + 8 * values.length);
  b.writeUInt16LE(0x0001, 0);
  b.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
}

/** MS-DOS date/time fields (local time by convention, 2-second resolution, 1980 at the earliest). */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(d.getFullYear(), 1980);
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

let crcTable: Int32Array | undefined;

/** Node < 20.15 has no zlib.crc32; a table-driven CRC-32 keeps the writer working there. */
function crc32Js(data: Uint8Array, value = 0): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = ~value;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

/**
 * Joins small chunks (headers, descriptors, small files) into ~`target`-byte ones and passes big
 * chunks through untouched: a version of 100,000 small files would otherwise be 300,000 reads of
 * the response stream, each a round trip through the HTTP layer.
 */
export async function* coalesce(chunks: AsyncIterable<Uint8Array>, target = 64 * 1024): AsyncGenerator<Uint8Array> {
  let pending: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    if (size > 0 && size + chunk.length > target) {
      yield Buffer.concat(pending, size);
      pending = [];
      size = 0;
    }
    if (chunk.length >= target) yield chunk;
    else {
      pending.push(chunk);
      size += chunk.length;
    }
  }
  if (size > 0) yield Buffer.concat(pending, size);
}
