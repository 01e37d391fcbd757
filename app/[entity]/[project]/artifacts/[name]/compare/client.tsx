"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { createSerializer, useQueryStates } from "nuqs";
import { useEffect, useState } from "react";
import { formatBytes, plural } from "@/components/format";
import { DescriptionDiff } from "@/components/manage/description-diff";
import { FileChanges } from "@/components/manage/file-changes";
import { formatDelta } from "@/components/manage/format-delta";
import { MetadataDiff } from "@/components/manage/metadata-diff";
import { VersionPicker } from "@/components/manage/version-picker";
import { useTRPC } from "@/components/trpc";
import { AliasBadge, StateBadge } from "@/components/ui/badge";
import { Breadcrumbs, projectTrail } from "@/components/ui/breadcrumbs";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { LinkTabs } from "@/components/ui/tabs";
import { routes, type ProjectRef } from "@/lib/routes";
import { compareParams, comparePair, COMPARE_TABS, defaultsInput } from "./search-params";
import type { RouterOutputs } from "@/components/router-types";

const serialize = createSerializer(compareParams);

export function CompareClient({ p, name }: { p: ProjectRef; name: string }) {
  const trpc = useTRPC();
  const [state, setState] = useQueryStates(compareParams, { history: "push" });
  const { tab, filter, after, same, diff } = state;

  // Without both versions in the URL, compare the latest with the one before it: at once (the page prefetched
  // the two newest, so the server renders the comparison), then written into the URL so it can be linked.
  const defaults = useQuery({ ...trpc.compare.versionOptions.queryOptions(defaultsInput(p, name)), enabled: !state.a || !state.b });
  const { a, b } = comparePair(state, defaults.data?.items);
  useEffect(() => {
    if ((!state.a || !state.b) && a && b) void setState({ a, b }, { history: "replace" });
  }, [state.a, state.b, a, b, setState]);

  const summary = useQuery({ ...trpc.compare.summary.queryOptions({ ...p, name, a: a ?? "", b: b ?? "" }), enabled: Boolean(a && b), placeholderData: keepPreviousData });

  // The older version is always the base: a pair picked newer first is put in order, and the page says so.
  const [reordered, setReordered] = useState<string | null>(null);
  useEffect(() => {
    if (!summary.data?.swapped || summary.isPlaceholderData || !a || !b) return;
    setReordered(`${name}:${b} is older than ${name}:${a}, so it is the base (A).`);
    void setState({ a: b, b: a }, { history: "replace" });
  }, [summary.data, summary.isPlaceholderData, a, b, name, setState]);

  const crumbs = [
    ...projectTrail(p),
    { label: name, href: routes.collection(p, name) },
    { label: "Compare" },
  ];
  const pick = (side: "a" | "b") => (selector: string) => {
    setReordered(null);
    void setState({ [side]: selector, after: null, diff: null });
  };

  return (
    <div className="space-y-5">
      <Breadcrumbs items={crumbs} />
      <h1 className="text-lg font-semibold">
        Compare versions of <span className="font-mono">{name}</span>
      </h1>
      <div className="flex flex-wrap items-end gap-3">
        <VersionPicker p={p} name={name} label="Base (A)" value={a} onChange={pick("a")} />
        <VersionPicker p={p} name={name} label="Compared (B)" value={b} onChange={pick("b")} />
        <p className="pb-1.5 text-xs text-muted">The older version is always the base.</p>
      </div>
      {reordered ? (
        <p role="status" className="rounded-md border border-border bg-accent-soft px-3 py-2 text-sm">
          {reordered}
        </p>
      ) : null}

      {!a || !b ? (
        defaults.isError ? (
          <ErrorState error={defaults.error} retry={() => void defaults.refetch()} />
        ) : defaults.data && defaults.data.items.length === 0 ? (
          <EmptyState title={`${name} has no committed versions to compare`}>Log a version first, then come back.</EmptyState>
        ) : (
          <Skeleton rows={4} label="Loading versions" />
        )
      ) : summary.isPending ? (
        <Skeleton rows={6} label="Loading comparison" />
      ) : summary.isError ? (
        <ErrorState error={summary.error} retry={() => void summary.refetch()} />
      ) : (
        <div className={`space-y-5 ${summary.isPlaceholderData ? "opacity-60" : ""}`}>
          <SummaryCards p={p} name={name} data={summary.data} />
          <LinkTabs
            label="Comparison"
            current={tab}
            tabs={COMPARE_TABS.map((t) => ({
              id: t,
              label:
                t === "files"
                  ? `Files (${(summary.data.summary.added + summary.data.summary.removed + summary.data.summary.changed).toLocaleString("en-US")})`
                  : t === "metadata"
                    ? `Metadata (${summary.data.metadata.filter((m) => m.kind !== "unchanged").length})`
                    : `Description${summary.data.description.changed ? " (changed)" : ""}`,
              href: serialize(routes.compare(p, name), { ...state, tab: t }),
            }))}
          />
          {tab === "files" ? (
            summary.data.sameContents ? (
              <EmptyState title="Same contents">Both versions have digest {summary.data.a.digest}: every file is identical.</EmptyState>
            ) : (
              <FileChanges
                p={p}
                name={name}
                a={a}
                b={b}
                filter={filter}
                cursor={after}
                counts={{
                  all: summary.data.summary.added + summary.data.summary.removed + summary.data.summary.changed,
                  added: summary.data.summary.added,
                  removed: summary.data.summary.removed,
                  changed: summary.data.summary.changed,
                }}
                openDiff={diff}
                onFilter={(f) => void setState({ filter: f, after: null, diff: null })}
                onCursor={(c) => void setState({ after: c, diff: null })}
                onDiff={(path) => void setState({ diff: path }, { history: "replace" })}
              />
            )
          ) : tab === "metadata" ? (
            <MetadataDiff
              changes={summary.data.metadata}
              aLabel={`A · ${a}`}
              bLabel={`B · ${b}`}
              showUnchanged={same}
              onShowUnchanged={(v) => void setState({ same: v }, { history: "replace" })}
            />
          ) : (
            <DescriptionDiff before={summary.data.description.before} after={summary.data.description.after} />
          )}
        </div>
      )}
    </div>
  );
}

type Summary = RouterOutputs["compare"]["summary"];

function VersionCard({ p, name, side, v }: { p: ProjectRef; name: string; side: string; v: Summary["a"] }) {
  const selector = v.version ?? `draft-${v.id}`;
  return (
    <div className="min-w-0 flex-1 rounded-lg border border-border bg-panel px-4 py-3">
      <p className="text-xs text-muted">{side}</p>
      <p className="mt-0.5 flex flex-wrap items-center gap-1.5">
        <Link href={routes.version(p, name, selector)} className="font-mono font-medium hover:underline">
          {name}:{selector}
        </Link>
        <StateBadge state={v.state} />
        {v.aliases.map((al) => (
          <AliasBadge key={al} alias={al} />
        ))}
      </p>
      <p className="mt-1 text-xs text-muted tabular-nums">
        {plural(v.fileCount, "file")} · {formatBytes(v.size)}
      </p>
    </div>
  );
}

function SummaryCards({ p, name, data }: { p: ProjectRef; name: string; data: Summary }) {
  const s = data.summary;
  const stats = [
    { label: "Added", value: s.added, bytes: `+${formatBytes(s.addedBytes)}`, tone: "text-emerald-700 dark:text-emerald-300" },
    { label: "Removed", value: s.removed, bytes: `−${formatBytes(s.removedBytes)}`, tone: "text-red-700 dark:text-red-300" },
    { label: "Changed", value: s.changed, bytes: formatDelta(s.changedBytesDelta), tone: "text-amber-700 dark:text-amber-300" },
    { label: "Unchanged", value: s.unchanged, bytes: "", tone: "text-muted" },
  ];
  return (
    <section aria-label="Summary" className="space-y-3">
      <div className="flex flex-wrap gap-3">
        <VersionCard p={p} name={name} side="A (base)" v={data.a} />
        <VersionCard p={p} name={name} side="B (compared)" v={data.b} />
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {stats.map((st) => (
          <div key={st.label} className="rounded-lg border border-border bg-panel px-4 py-3">
            <dt className="text-xs text-muted">{st.label} files</dt>
            <dd className={`text-lg font-semibold tabular-nums ${st.tone}`}>{st.value.toLocaleString("en-US")}</dd>
            <dd className="text-xs text-muted tabular-nums">{st.bytes}</dd>
          </div>
        ))}
        <div className="rounded-lg border border-border bg-panel px-4 py-3">
          <dt className="text-xs text-muted">Total size</dt>
          <dd className="text-lg font-semibold tabular-nums">{formatDelta(s.sizeDelta)}</dd>
          <dd className="text-xs text-muted tabular-nums">
            {formatBytes(data.a.size)} → {formatBytes(data.b.size)}
          </dd>
        </div>
      </dl>
    </section>
  );
}
