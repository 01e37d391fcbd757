import { kindFromName, type FileKind } from "@/lib/file-kinds";
import type { ServiceContext } from "../../context";
import { NotFoundError } from "../../errors";
import { getEntry, toEntryDto, type EntryDto } from "../artifacts/read";
import { resolveVersion } from "../artifacts/resolve";
import { readBlob } from "../blobs/blobs";
import type { Namespace } from "../schemas";
import { parseDelimited } from "./csv";

/** A preview reads at most this much of a file: enough for a screenful of anything, cheap for a 10 GiB file. */
export const PREVIEW_BYTES = 256 * 1024;
/** Images are shown whole by the browser (`<img>` on the inline file route), so they get their own cap. */
export const IMAGE_PREVIEW_MAX_BYTES = 20 * 1024 * 1024;
/** Header plus this many rows of a CSV/TSV. */
export const TABLE_PREVIEW_ROWS = 100;

export type FilePreview =
  | { kind: "reference"; entry: EntryDto }
  | { kind: "text" | "markdown" | "json"; entry: EntryDto; text: string; truncated: boolean }
  | { kind: "csv" | "tsv"; entry: EntryDto; rows: string[][]; truncated: boolean }
  | { kind: "image"; entry: EntryDto; tooLarge: boolean }
  | { kind: "binary"; entry: EntryDto };

export async function previewFile(ctx: ServiceContext, ns: Namespace, name: string, selector: string, path: string): Promise<FilePreview> {
  const { version } = await resolveVersion(ctx, ns, name, selector);
  const row = await getEntry(ctx, version.id, path);
  if (!row) throw new NotFoundError(`${name}:${selector} has no file ${JSON.stringify(path)}`);
  const entry = toEntryDto(row);
  if (!row.blobSha256) return { kind: "reference", entry };

  let kind = kindFromName(path);
  if (kind === "image") return { kind, entry, tooLarge: entry.size > IMAGE_PREVIEW_MAX_BYTES };
  const head = await readHead(ctx, row.blobSha256, entry.size);
  const truncated = entry.size > head.length;
  const text = decodeText(head, truncated);
  if (text === null) return { kind: "binary", entry };
  if (kind === "binary") kind = "text"; // an unknown extension holding UTF-8 text
  return previewText(kind, entry, text, truncated);
}

function previewText(kind: Exclude<FileKind, "image" | "binary">, entry: EntryDto, text: string, truncated: boolean): FilePreview {
  if (kind === "csv" || kind === "tsv") {
    // A cut file ends mid-row: drop the partial last line rather than show a wrong row.
    const whole = truncated ? text.slice(0, Math.max(0, text.lastIndexOf("\n"))) : text;
    const { rows, more } = parseDelimited(whole, kind === "csv" ? "," : "\t", TABLE_PREVIEW_ROWS + 1);
    return { kind, entry, rows, truncated: truncated || more };
  }
  if (kind === "json" && !truncated) {
    try {
      return { kind, entry, text: JSON.stringify(JSON.parse(text), null, 2), truncated };
    } catch {
      // Not strict JSON (W&B files may hold NaN): show the text as it is.
    }
  }
  return { kind, entry, text, truncated };
}

async function readHead(ctx: ServiceContext, sha256: string, size: number): Promise<Buffer> {
  if (size === 0) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  const stream = await readBlob(ctx, sha256, { start: 0, end: Math.min(size, PREVIEW_BYTES) - 1 }); // `end` is inclusive
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** UTF-8 text, or null for binary (a NUL byte or invalid UTF-8). A cut multi-byte character at the end is dropped. */
export function decodeText(bytes: Buffer, truncated: boolean): string | null {
  if (bytes.subarray(0, 8192).includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: truncated });
  } catch {
    return null;
  }
}
