/**
 * How big a table Arca agrees to index. A part is read into memory whole (SQLite's JSON parser
 * wants the text), so the per-part limit bounds the server's memory; the totals bound the
 * index's disk use and build time. Set with ARCA_TABLE_MAX_ROWS, ARCA_TABLE_MAX_BYTES and
 * ARCA_TABLE_MAX_PART_BYTES.
 */
export interface TableLimits {
  maxRows: number;
  maxBytes: number;
  maxPartBytes: number;
}

const MIB = 1024 * 1024;

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function readTableLimits(env: Record<string, string | undefined> = process.env): TableLimits {
  return {
    maxRows: positive(env.ARCA_TABLE_MAX_ROWS, 50_000_000),
    maxBytes: positive(env.ARCA_TABLE_MAX_BYTES, 20 * 1024 * MIB),
    // V8 strings stop near 512 MiB; a part this size also costs about 3x in memory while indexed.
    maxPartBytes: positive(env.ARCA_TABLE_MAX_PART_BYTES, 256 * MIB),
  };
}
