import { crc32, deflateSync } from "node:zlib";

/**
 * Small MNIST-like digit images for the demo's prediction table (white on black, 28×28 PNG), so its
 * image column shows real thumbnails. Drawn from a 5×7 bitmap font: no image library, a few ms.
 */

const GLYPHS = [
  ["01110", "10001", "10011", "10101", "11001", "10001", "01110"],
  ["00100", "01100", "00100", "00100", "00100", "00100", "01110"],
  ["01110", "10001", "00001", "00010", "00100", "01000", "11111"],
  ["11111", "00010", "00100", "00010", "00001", "10001", "01110"],
  ["00010", "00110", "01010", "10010", "11111", "00010", "00010"],
  ["11111", "10000", "11110", "00001", "00001", "10001", "01110"],
  ["00110", "01000", "10000", "11110", "10001", "10001", "01110"],
  ["11111", "00001", "00010", "00100", "01000", "01000", "01000"],
  ["01110", "10001", "10001", "01110", "10001", "10001", "01110"],
  ["01110", "10001", "10001", "01111", "00001", "00010", "01100"],
];

export const DIGIT_SIZE = 28;
const SCALE = 3;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit greyscale PNG of the digit `d` (0–9). */
export function digitPng(d: number): Buffer {
  const glyph = GLYPHS[d]!;
  const left = (DIGIT_SIZE - 5 * SCALE) / 2 | 0;
  const top = (DIGIT_SIZE - 7 * SCALE) / 2 | 0;
  const raw = Buffer.alloc(DIGIT_SIZE * (DIGIT_SIZE + 1)); // each scanline starts with filter byte 0
  for (let y = 0; y < DIGIT_SIZE; y++) {
    for (let x = 0; x < DIGIT_SIZE; x++) {
      const gy = Math.floor((y - top) / SCALE);
      const gx = Math.floor((x - left) / SCALE);
      const on = glyph[gy]?.[gx] === "1" && x >= left && y >= top;
      raw[y * (DIGIT_SIZE + 1) + 1 + x] = on ? 255 : 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(DIGIT_SIZE, 0);
  header.writeUInt32BE(DIGIT_SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** Where the demo keeps the image of digit `d`, as W&B lays out a table's media. */
export const digitPath = (d: number) => `media/images/digit_${d}.png`;
