"use client";

import { Age } from "@/components/ui/age";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useCan } from "@/components/access/role";
import { DescriptionEditor } from "@/components/common/description-editor";
import { formatBytes, plural } from "@/components/format";
import type { RouterOutputs } from "@/components/router-types";
import { useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/states";
import type { ProjectRef } from "@/lib/routes";

type Collection = RouterOutputs["collections"]["get"];

/** Name, type (editable), counts and the markdown description (edited in place). */
export function CollectionHeader({ p, initial, children }: { p: ProjectRef; initial: Collection; children?: ReactNode }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const input = { ...p, name: initial.name };
  const canEdit = useCan("edit");
  const { data = initial } = useQuery(trpc.collections.get.queryOptions(input, { initialData: initial }));
  const update = useMutation(
    trpc.collections.update.mutationOptions({ onSuccess: (next) => client.setQueryData(trpc.collections.get.queryKey(input), { ...data, ...next }) }),
  );
  return (
    <header className="mb-5 space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <h1 className="font-mono text-lg font-semibold">{data.name}</h1>
          {canEdit ? <TypeEditor type={data.type} save={(type) => update.mutateAsync({ ...input, type })} /> : <Badge tone="accent">{data.type}</Badge>}
        </div>
        <div className="flex gap-2">{children}</div>
      </div>
      <p className="text-xs text-muted">
        {plural(data.versionCount, "version")} · {formatBytes(data.totalSize)} in all · updated <Age iso={data.updatedAt} />
      </p>
      <div className="max-w-3xl">
        <DescriptionEditor value={data.description} disabled={!canEdit} emptyText="No description yet." save={(description) => update.mutateAsync({ ...input, description })} />
      </div>
    </header>
  );
}

function TypeEditor({ type, save }: { type: string; save: (type: string) => Promise<unknown> }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (draft === null) {
    return (
      <button type="button" onClick={() => setDraft(type)} title="Change the type" aria-label={`Type ${type}, click to change`} className="rounded">
        <Badge tone="accent">{type}</Badge>
      </button>
    );
  }
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        save(draft).then(
          () => {
            setDraft(null);
            setError(null);
          },
          setError,
        );
      }}
    >
      <input
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && setDraft(null)}
        aria-label="Artifact type"
        autoFocus
        className="w-32 rounded border border-border bg-panel px-2 py-0.5 text-xs"
      />
      <Button size="sm" variant="primary" type="submit">
        Save type
      </Button>
      <InlineError error={error} />
    </form>
  );
}
