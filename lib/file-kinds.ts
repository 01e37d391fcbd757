/**
 * What a file is, judged from its name: the server's preview and inline serving and the UI's
 * icons agree on one table. Content sniffing (NUL bytes, image magic) refines this on the server.
 */
export type FileKind = "text" | "json" | "csv" | "tsv" | "markdown" | "image" | "binary";

const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  bmp: "image/bmp",
  avif: "image/avif",
  ico: "image/x-icon",
  svg: "image/svg+xml",
};

const TEXT_EXTENSIONS = new Set(
  (
    "txt log text cfg conf ini toml yaml yml xml html htm css js mjs cjs ts tsx jsx py pyi ipynb r rs go java c h cc cpp hpp " +
    "sh bash zsh sql rst tex bib proto gitignore env properties gradle kt scala swift rb php pl lua jl m dockerfile makefile " +
    "license readme lock jsonl ndjson vocab names labels"
  ).split(" "),
);

export function fileExtension(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? base : base.slice(dot + 1);
}

/** The kind a file's name suggests; `binary` means "unknown: sniff the bytes". */
export function kindFromName(path: string): FileKind {
  const ext = fileExtension(path);
  if (ext === "json") return "json";
  if (ext === "csv") return "csv";
  if (ext === "tsv" || ext === "tab") return "tsv";
  if (ext === "md" || ext === "markdown") return "markdown";
  if (ext in IMAGE_TYPES) return "image";
  if (TEXT_EXTENSIONS.has(ext)) return "text";
  return "binary";
}

/**
 * The Content-Type for serving a file inline (`?inline=1`). Text of any kind is sent as
 * text/plain, never text/html or a script type: the bytes are user data and must not run in
 * this origin. Unknown types stay application/octet-stream.
 */
export function inlineContentType(path: string): string {
  const ext = fileExtension(path);
  const image = IMAGE_TYPES[ext];
  if (image) return image;
  const kind = kindFromName(path);
  if (kind === "json") return "application/json; charset=utf-8";
  if (kind === "binary") return "application/octet-stream";
  return "text/plain; charset=utf-8";
}

/** W&B tables get their own grid page (issue 5). */
export function isTableFile(path: string): boolean {
  return path.endsWith(".table.json") || path.endsWith(".partitioned-table.json");
}
