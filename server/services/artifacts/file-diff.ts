import { kindFromName } from "@/lib/file-kinds";
import { canonicalJson, diffTexts, type DiffHunk } from "@/lib/text-diff";
import type { ServiceContext } from "../../context";
import { NotFoundError } from "../../errors";
import { readBlob } from "../blobs/blobs";
import { decodeText } from "../files/preview";
import type { Namespace } from "../schemas";
import { resolvePair } from "./compare";
import { getEntry } from "./read";

type ManifestEntry = NonNullable<Awaited<ReturnType<typeof getEntry>>>;

/** Each side of a text diff is read whole, up to this size; bigger files are compared by digest and size only. */
export const DIFF_MAX_BYTES = 1024 * 1024;

export interface DiffSide {
  version: string;
  size: number;
  digest: string;
}

export type FileDiffResult =
  | { status: "diff"; format: "text" | "json"; hunks: DiffHunk[]; added: number; removed: number }
  | { status: "identical" }
  /** Either side over DIFF_MAX_BYTES. */
  | { status: "too-large"; limit: number }
  | { status: "binary" }
  /** Either side is a reference (its bytes live elsewhere). */
  | { status: "reference" }
  | { status: "too-many-changes" };

export interface FileDiff {
  path: string;
  /** The older version's file (the base), null when the file was added. */
  before: DiffSide | null;
  after: DiffSide | null;
  result: FileDiffResult;
}

const label = (v: { versionIndex: number | null; id: number }) => (v.versionIndex !== null ? `v${v.versionIndex}` : `draft-${v.id}`);

async function readWhole(ctx: ServiceContext, sha256: string, size: number): Promise<Buffer> {
  if (size === 0) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of await readBlob(ctx, sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The line diff of one file between two versions of a collection, the older version as the base
 * whatever order they are given in. JSON files are compared pretty-printed with sorted keys.
 */
export async function diffVersionFile(ctx: ServiceContext, ns: Namespace, input: { name: string; a: string; b: string; path: string }): Promise<FileDiff> {
  const [older, newer] = await resolvePair(ctx, ns, input.name, input.a, input.b);
  const entries = [await getEntry(ctx, older.version.id, input.path), await getEntry(ctx, newer.version.id, input.path)] as const;
  if (!entries[0] && !entries[1]) throw new NotFoundError(`neither ${input.name}:${label(older.version)} nor ${label(newer.version)} has a file ${JSON.stringify(input.path)}`);
  const side = (e: ManifestEntry | undefined, v: typeof older.version): DiffSide | null => (e ? { version: label(v), size: e.size, digest: e.digest } : null);
  const base = { path: input.path, before: side(entries[0], older.version), after: side(entries[1], newer.version) };
  return { ...base, result: await compareEntries(ctx, input.path, entries[0], entries[1]) };
}

async function compareEntries(ctx: ServiceContext, path: string, before: ManifestEntry | undefined, after: ManifestEntry | undefined): Promise<FileDiffResult> {
  if (before && after && before.digest === after.digest) return { status: "identical" };
  const present = [before, after].filter((e): e is ManifestEntry => e !== undefined);
  if (present.some((e) => !e.blobSha256)) return { status: "reference" };
  if (present.some((e) => e.size > DIFF_MAX_BYTES)) return { status: "too-large", limit: DIFF_MAX_BYTES };
  if (kindFromName(path) === "image") return { status: "binary" };
  const texts: string[] = [];
  for (const e of [before, after]) {
    const text = e ? decodeText(await readWhole(ctx, e.blobSha256!, e.size), false) : "";
    if (text === null) return { status: "binary" };
    texts.push(text);
  }
  const [oldText, newText] = texts as [string, string];
  // JSON only when every side present parses (W&B files may hold NaN); otherwise the text as written.
  const pretty = kindFromName(path) === "json" ? [before ? canonicalJson(oldText) : "", after ? canonicalJson(newText) : ""] : null;
  const useJson = pretty !== null && pretty[0] !== null && pretty[1] !== null;
  const diff = useJson ? diffTexts(pretty[0]!, pretty[1]!) : diffTexts(oldText, newText);
  if (!diff) return { status: "too-many-changes" };
  if (diff.hunks.length === 0) return { status: "identical" };
  return { status: "diff", format: useJson ? "json" : "text", ...diff };
}
