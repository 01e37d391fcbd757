"use client";

import { Fragment, useState } from "react";
import { routes, type ProjectRef } from "@/lib/routes";
import { cellJson, isBigIntCell } from "@/lib/table-cells";

export interface FileContext extends ProjectRef {
  name: string;
  version: string;
}

interface MediaValue {
  _type: string;
  path?: string;
  caption?: unknown;
}

function isMedia(value: unknown): value is MediaValue {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as MediaValue)._type === "string";
}

/** A text form of a cell for copying and titles: strings as they are, anything else as JSON (big integers exact). */
export function cellText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  if (isBigIntCell(value)) return value.digits;
  return cellJson(value);
}

/**
 * One cell: scalars inline, media as a thumbnail (with its W&B caption) from the artifact's files, nested JSON
 * collapsible. Integers beyond 2^53 arrive as their digits (lib/table-cells.ts) and are shown as such.
 */
export function CellValue({ value, files, expanded }: { value: unknown; files: FileContext; expanded?: boolean }) {
  if (value === null || value === undefined) return <span className="text-muted italic">null</span>;
  if (typeof value === "boolean") return <span className={value ? "text-emerald-700 dark:text-emerald-300" : "text-muted"}>{String(value)}</span>;
  if (typeof value === "number") return <span className="tabular-nums">{value}</span>;
  if (isBigIntCell(value)) return <span className="tabular-nums">{value.digits}</span>;
  if (typeof value === "string") return <TextCell text={value} expanded={expanded} />;
  if (isMedia(value) && value._type === "image-file" && typeof value.path === "string") {
    const caption = typeof value.caption === "string" && value.caption !== "" ? value.caption : undefined;
    return <Thumbnail path={value.path} caption={caption} files={files} large={expanded} />;
  }
  return <NestedJson value={value} initiallyOpen={expanded} />;
}

const CONTROL = /(\t|\r\n|\n|\r)/;
const ESCAPES: Record<string, string> = { "\t": "\\t", "\n": "\\n", "\r": "\\r", "\r\n": "\\r\\n" };

/**
 * A string cell. In the one-line grid, tabs and line breaks would collapse into spaces (or vanish), so they are shown
 * as dimmed `\t` / `\n` escapes; in the row detail the text keeps its whitespace, line breaks included.
 */
function TextCell({ text, expanded }: { text: string; expanded?: boolean }) {
  if (expanded) return <span className="whitespace-pre-wrap [tab-size:4]">{text}</span>;
  if (!CONTROL.test(text)) return <span>{text}</span>;
  return (
    <span>
      {text.split(CONTROL).map((piece, i) =>
        i % 2 === 1 ? (
          <span key={i} className="mx-px rounded bg-accent-soft px-0.5 font-mono text-[11px] text-muted" title={piece === "\t" ? "tab" : "line break"}>
            {ESCAPES[piece]}
          </span>
        ) : (
          <Fragment key={i}>{piece}</Fragment>
        ),
      )}
    </span>
  );
}

function Thumbnail({ path, caption, files, large }: { path: string; caption: string | undefined; files: FileContext; large?: boolean }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <span className="text-muted">missing image {path}{caption ? ` (${caption})` : ""}</span>;
  const image = (
    <img
      src={routes.fileInline(files, files.name, files.version, path)}
      alt={caption ?? path}
      title={caption ? `${caption} — ${path}` : path}
      loading="lazy"
      onError={() => setFailed(true)}
      className={`${large ? "max-h-64" : "h-7"} w-auto rounded border border-border bg-bg object-contain`}
    />
  );
  if (!caption) return image;
  return (
    <figure className={`m-0 inline-flex min-w-0 ${large ? "flex-col items-start gap-1" : "items-center gap-1.5"}`}>
      {image}
      <figcaption className={`min-w-0 text-xs text-muted ${large ? "" : "truncate"}`}>{caption}</figcaption>
    </figure>
  );
}

function NestedJson({ value, initiallyOpen = false }: { value: unknown; initiallyOpen?: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const text = cellJson(value);
  return (
    <span className="inline-flex min-w-0 items-start gap-1">
      <button
        type="button"
        aria-expanded={open}
        aria-label={open ? "Collapse JSON" : "Expand JSON"}
        onClick={(e) => {
          e.stopPropagation();
          setOpen(!open);
        }}
        className="shrink-0 rounded px-0.5 font-mono text-xs text-muted hover:bg-accent-soft hover:text-accent"
      >
        {open ? "▾" : "▸"}
      </button>
      {open ? (
        <pre className="font-mono text-xs whitespace-pre-wrap">{cellJson(value, 2)}</pre>
      ) : (
        <span className="truncate font-mono text-xs text-muted">{text}</span>
      )}
    </span>
  );
}

/** Copies a cell's text; says so for a moment. */
export function CopyButton({ text, label = "Copy cell" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={(e) => {
        e.stopPropagation();
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1200);
        });
      }}
      className="shrink-0 rounded px-1 text-xs text-muted hover:bg-accent-soft hover:text-accent focus-visible:opacity-100"
    >
      {copied ? "copied" : "copy"}
    </button>
  );
}
