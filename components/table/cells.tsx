"use client";

import { useState } from "react";
import { routes, type ProjectRef } from "@/lib/routes";

export interface FileContext extends ProjectRef {
  name: string;
  version: string;
}

interface MediaValue {
  _type: string;
  path?: string;
}

function isMedia(value: unknown): value is MediaValue {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as MediaValue)._type === "string";
}

/** A text form of a cell for copying and titles: strings as they are, anything else as JSON. */
export function cellText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value);
}

/** One cell: scalars inline, media as a thumbnail from the artifact's files, nested JSON collapsible. */
export function CellValue({ value, files, expanded }: { value: unknown; files: FileContext; expanded?: boolean }) {
  if (value === null || value === undefined) return <span className="text-muted italic">null</span>;
  if (typeof value === "boolean") return <span className={value ? "text-emerald-700 dark:text-emerald-300" : "text-muted"}>{String(value)}</span>;
  if (typeof value === "number") return <span className="tabular-nums">{value}</span>;
  if (typeof value === "string") return <span>{value}</span>;
  if (isMedia(value) && value._type === "image-file" && typeof value.path === "string") {
    return <Thumbnail path={value.path} files={files} large={expanded} />;
  }
  return <NestedJson value={value} initiallyOpen={expanded} />;
}

function Thumbnail({ path, files, large }: { path: string; files: FileContext; large?: boolean }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <span className="text-muted">missing image {path}</span>;
  return (
    <img
      src={routes.fileInline(files, files.name, files.version, path)}
      alt={path}
      title={path}
      loading="lazy"
      onError={() => setFailed(true)}
      className={`${large ? "max-h-64" : "h-7"} w-auto rounded border border-border bg-bg object-contain`}
    />
  );
}

function NestedJson({ value, initiallyOpen = false }: { value: unknown; initiallyOpen?: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const text = JSON.stringify(value);
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
        <pre className="font-mono text-xs whitespace-pre-wrap">{JSON.stringify(value, null, 2)}</pre>
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
