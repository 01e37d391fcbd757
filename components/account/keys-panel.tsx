"use client";

import { formText } from "@/components/ui/form-text";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { RouterOutputs } from "@/components/router-types";
import { useTRPC } from "@/components/trpc";
import { Age } from "@/components/ui/age";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import { EmptyState, ErrorState, InlineError, Skeleton } from "@/components/ui/states";
import { TableHead } from "@/components/ui/table-head";
import { inputClass } from "./sign-in-form";

type ApiKey = RouterOutputs["account"]["keys"][number];

const EXPIRY = [
  { label: "Never", days: null },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
] as const;

/** One's API keys: list, create (the secret is shown once), revoke. */
export function KeysPanel() {
  const trpc = useTRPC();
  const keys = useQuery(trpc.account.keys.queryOptions());
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  return (
    <div className="space-y-5">
      {created ? <NewKey created={created} onDone={() => setCreated(null)} /> : <CreateKeyForm onCreated={setCreated} />}
      <section aria-label="Your API keys" className="space-y-2">
        <h2 className="text-xs font-medium tracking-wide text-muted uppercase">Your keys</h2>
        {keys.isPending ? (
          <Skeleton rows={3} label="Loading keys" />
        ) : keys.isError ? (
          <ErrorState error={keys.error} retry={() => void keys.refetch()} />
        ) : keys.data.length === 0 ? (
          <EmptyState title="No API keys yet">Create one above for the SDK, the CLI or a W&B client; each script or machine deserves its own.</EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-border bg-panel">
            <table className="w-full text-left text-[13px]" aria-label="API keys">
              <TableHead columns={["Name", "Key", "Scope", "Created", "Last used", "Expires", { label: "", className: "w-0" }]} />
              <tbody>
                {keys.data.map((k) => (
                  <KeyRow key={k.name} k={k} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function KeyRow({ k }: { k: ApiKey }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const revoke = useMutation(trpc.account.revokeKey.mutationOptions({ onSuccess: () => client.invalidateQueries({ queryKey: trpc.account.keys.queryKey() }) }));
  const scope = k.entity ? (k.project ? `${k.entity}/${k.project}` : k.entity) : "all";
  return (
    <tr className="border-t border-border align-middle">
      <td className="px-3 py-2 font-medium">{k.name}</td>
      <td className="px-3 py-2 font-mono text-xs text-muted">{k.start}…</td>
      <td className="px-3 py-2">
        <span className="inline-flex items-center gap-1.5">
          <span title={k.entity ? `Only ${scope}` : "Every project you can reach"}>{scope}</span>
          {k.readOnly ? <Badge tone="neutral">read-only</Badge> : null}
        </span>
      </td>
      <td className="px-3 py-2 whitespace-nowrap text-muted">
        <Age iso={k.createdAt} />
      </td>
      <td className="px-3 py-2 whitespace-nowrap text-muted">{k.lastUsedAt ? <Age iso={k.lastUsedAt} /> : "never"}</td>
      <td className="px-3 py-2 whitespace-nowrap">
        {k.expired ? <Badge tone="red">expired</Badge> : k.expiresAt ? <span title={k.expiresAt}>{k.expiresAt.slice(0, 10)}</span> : <span className="text-muted">never</span>}
      </td>
      <td className="px-3 py-2 text-right whitespace-nowrap">
        <InlineConfirm
          trigger="Revoke…"
          triggerLabel={`Revoke key ${k.name}…`}
          title={`Revoke key ${k.name}`}
          note="Scripts using it stop working."
          action={`Revoke ${k.name}`}
          pending={revoke.isPending}
          error={revoke.error}
          onConfirm={() => revoke.mutate({ name: k.name })}
        />
      </td>
    </tr>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (c: { key: string; name: string }) => void }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const [expiry, setExpiry] = useState("never");
  const create = useMutation(
    trpc.account.createKey.mutationOptions({
      onSuccess: async (res) => {
        onCreated({ key: res.key, name: res.apiKey.name });
        await client.invalidateQueries({ queryKey: trpc.account.keys.queryKey() });
      },
    }),
  );
  return (
    <form
      aria-label="Create an API key"
      className="space-y-3 rounded-lg border border-border bg-panel p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const text = (k: string) => formText(data, k).trim();
        const days = EXPIRY.find((x) => String(x.days ?? "never") === expiry)?.days ?? null;
        create.mutate({ name: text("name"), entity: text("entity") || null, project: text("project") || null, readOnly: data.get("readOnly") === "on", expiresInDays: days });
      }}
    >
      <h2 className="font-medium">Create an API key</h2>
      <div className="grid gap-3 sm:grid-cols-[1.2fr_1fr_1fr_auto]">
        <label className="space-y-1">
          <span className="text-xs text-muted">Name</span>
          <input name="name" required maxLength={64} placeholder="laptop, ci-training…" className={inputClass} />
        </label>
        <label className="space-y-1">
          <span className="text-xs text-muted">Entity (optional)</span>
          <input name="entity" maxLength={128} placeholder="all you can reach" className={inputClass} />
        </label>
        <label className="space-y-1">
          <span className="text-xs text-muted">Project (optional, needs entity)</span>
          <input name="project" maxLength={128} placeholder="every project" className={inputClass} />
        </label>
        <label className="space-y-1">
          <span className="text-xs text-muted">Expires</span>
          <select value={expiry} onChange={(e) => setExpiry(e.target.value)} aria-label="Expires after" className={inputClass}>
            {EXPIRY.map((x) => (
              <option key={x.label} value={String(x.days ?? "never")}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-1.5">
          <input type="checkbox" name="readOnly" /> Read-only <span className="text-xs text-muted">(can download, cannot log or change anything)</span>
        </label>
        <Button type="submit" variant="primary" disabled={create.isPending} className="ml-auto">
          {create.isPending ? "Creating…" : "Create key"}
        </Button>
      </div>
      <InlineError error={create.error} />
    </form>
  );
}

/** The only time the secret is visible: copy it now. */
function NewKey({ created, onDone }: { created: { key: string; name: string }; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      // Clipboard access needs https or localhost: selecting the text still works.
      setCopied(false);
    }
  }
  return (
    <section aria-label="New API key" className="space-y-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-900 dark:bg-emerald-950/30">
      <p className="font-medium">
        Key <strong>{created.name}</strong> created. Copy it now: you will not see it again.
      </p>
      <div className="flex items-center gap-2">
        <code data-testid="new-key" className="min-w-0 flex-1 rounded-md border border-border bg-panel px-2.5 py-1.5 font-mono text-xs break-all select-all">
          {created.key}
        </code>
        <Button size="sm" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <div className="text-xs text-muted">
        <p>Use it from a shell (the SDK and the arca CLI read ARCA_API_KEY; W&B clients read WANDB_API_KEY):</p>
        <pre className="mt-1 rounded-md bg-panel px-2.5 py-1.5 font-mono text-text">
          export ARCA_API_KEY={created.key}
          {"\n"}export WANDB_API_KEY={created.key}
        </pre>
      </div>
      <Button size="sm" variant="primary" onClick={onDone}>
        I have copied it
      </Button>
    </section>
  );
}
