"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { lazy, Suspense, type ReactNode } from "react";
import { formatBytes } from "@/components/format";
import { useTRPC } from "@/components/trpc";
import { buttonClass } from "@/components/ui/button";
import { ErrorState, Skeleton } from "@/components/ui/states";
import { isTableFile } from "@/lib/file-kinds";
import { routes, type ProjectRef } from "@/lib/routes";
import { DelimitedView, resolveRelative, TextView } from "./preview-views";
import type { RouterOutputs } from "@/components/router-types";

type Preview = RouterOutputs["files"]["preview"];

const MarkdownView = lazy(() => import("./markdown-view").then((m) => ({ default: m.MarkdownView })));
type Entry = Preview["entry"];

/** Mirrors PREVIEW_BYTES on the server, for the "showing the first …" note. */
const PREVIEW_LIMIT_LABEL = "256 KB";

export function FilePreview({
  project,
  name,
  version,
  path,
  fileHref,
}: {
  project: ProjectRef;
  name: string;
  version: string;
  path: string;
  /** The Files-tab URL that previews another file of this version. */
  fileHref: (path: string) => string;
}) {
  const trpc = useTRPC();
  const query = useQuery(trpc.files.preview.queryOptions({ ...project, name, version, path }));
  const download = routes.fileDownload(project, name, version, path);
  const baseName = path.slice(path.lastIndexOf("/") + 1);

  return (
    <section aria-label={`Preview of ${path}`} className="min-w-0 space-y-3">
      <header className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1">
          <h3 className="truncate font-mono text-sm font-medium" title={path}>
            {baseName}
          </h3>
          {query.data ? <EntryFacts entry={query.data.entry} /> : null}
        </div>
        {isTableFile(path) ? (
          // No prefetch: the grid page reads the table on the server, worth doing only when asked.
          <Link href={routes.table(project, name, version, path)} prefetch={false} className={buttonClass("secondary", "sm")}>
            Open as table
          </Link>
        ) : null}
        {query.data?.kind !== "reference" ? (
          <a href={download} download={baseName} className={buttonClass("secondary", "sm")}>
            Download
          </a>
        ) : null}
      </header>
      {query.isPending ? <Skeleton rows={8} label="Loading preview" /> : null}
      {query.isError ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : null}
      {query.data ? <PreviewBody preview={query.data} inlineUrl={routes.fileInline(project, name, version, path)} fileHref={fileHref} project={project} name={name} version={version} /> : null}
    </section>
  );
}

function EntryFacts({ entry }: { entry: Entry }) {
  return (
    <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-muted">
      <div className="flex gap-1">
        <dt>Size</dt>
        <dd className="text-text tabular-nums">{entry.ref && entry.size === 0 ? "unknown" : formatBytes(entry.size)}</dd>
      </div>
      <div className="flex min-w-0 gap-1">
        <dt>{entry.ref ? "Checksum" : "MD5"}</dt>
        <dd className="truncate font-mono text-text" title={entry.digest}>
          {entry.digest}
        </dd>
      </div>
      {entry.sha256 ? (
        <div className="flex min-w-0 gap-1">
          <dt>SHA-256</dt>
          <dd className="truncate font-mono text-text" title={entry.sha256}>
            {entry.sha256.slice(0, 16)}…
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function PreviewBody({
  preview,
  inlineUrl,
  fileHref,
  project,
  name,
  version,
}: {
  preview: Preview;
  inlineUrl: string;
  fileHref: (path: string) => string;
  project: ProjectRef;
  name: string;
  version: string;
}) {
  const { entry } = preview;
  const dir = entry.path.includes("/") ? entry.path.slice(0, entry.path.lastIndexOf("/")) : "";
  const note = "truncated" in preview && preview.truncated ? <TruncatedNote kind={preview.kind} size={entry.size} /> : null;
  switch (preview.kind) {
    case "reference":
      return <ReferenceView entry={entry} />;
    case "image":
      return preview.tooLarge ? (
        <NoPreview>This image is {formatBytes(entry.size)}; download it to view it.</NoPreview>
      ) : (
        <div className="grid place-items-center rounded-md border border-border bg-bg p-3">
          <img src={inlineUrl} alt={entry.path} className="max-h-[60vh] max-w-full object-contain" />
        </div>
      );
    case "binary":
      return <NoPreview>No preview for this kind of file. Download it to open it locally.</NoPreview>;
    case "csv":
    case "tsv":
      return (
        <>
          {note}
          <DelimitedView rows={preview.rows} />
        </>
      );
    case "markdown":
      return (
        <>
          {note}
          <Suspense fallback={<TextView text={preview.text} />}>
            <MarkdownView
              text={preview.text}
              resolve={(relative, kind) => {
                const target = resolveRelative(dir, relative);
                if (target === null) return "";
                return kind === "image" ? routes.fileInline(project, name, version, target) : fileHref(target);
              }}
            />
          </Suspense>
        </>
      );
    default:
      return (
        <>
          {note}
          {preview.text === "" ? <NoPreview>This file is empty.</NoPreview> : <TextView text={preview.text} />}
        </>
      );
  }
}

function TruncatedNote({ kind, size }: { kind: string; size: number }) {
  const what = kind === "csv" || kind === "tsv" ? "the first 100 rows" : `the first ${PREVIEW_LIMIT_LABEL}`;
  return (
    <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
      Showing {what} of {formatBytes(size)}. Download the file to see all of it.
    </p>
  );
}

function NoPreview({ children }: { children: ReactNode }) {
  return <p className="rounded-md border border-dashed border-border bg-bg px-4 py-6 text-center text-muted">{children}</p>;
}

/** A reference's bytes live elsewhere: show where, and the checksum recorded when it was logged. */
function ReferenceView({ entry }: { entry: Entry }) {
  const uri = entry.ref ?? "";
  const clickable = /^https?:\/\//i.test(uri);
  return (
    <div className="space-y-2 rounded-md border border-border bg-bg p-3">
      <p className="text-xs text-muted">A reference: Arca records where these bytes live and their checksum, but does not store them.</p>
      <p className="font-mono text-xs break-all">
        {clickable ? (
          <a href={uri} target="_blank" rel="noreferrer noopener" className="text-accent underline">
            {uri}
          </a>
        ) : (
          uri
        )}
      </p>
      {entry.digest === uri ? <p className="text-xs text-muted">No checksum was taken when it was logged: its digest is the URI itself.</p> : null}
      {entry.extra ? <pre className="overflow-auto font-mono text-xs text-muted">{JSON.stringify(entry.extra, null, 2)}</pre> : null}
    </div>
  );
}
