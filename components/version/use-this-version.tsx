"use client";

import { useId, useState } from "react";
import { useBrowserValue } from "@/components/use-browser-value";
import { CopyButton } from "@/components/ui/copy-button";
import type { ProjectRef } from "@/lib/routes";
import { usageSnippets, type Snippet } from "./usage-snippets";

/**
 * "Use this version": the full reference and ready-to-paste lines for the CLI, the TypeScript SDK,
 * W&B's Python client and curl, addressed by the version number (stable) or one of its aliases.
 */
export function UseThisVersion({ p, name, version, aliases, accounts }: { p: ProjectRef; name: string; version: string; aliases: string[]; accounts: boolean }) {
  // The address people reach this server by; rendered after hydration (the server cannot know it).
  const origin = useBrowserValue(() => window.location.origin, "");
  const [selector, setSelector] = useState(version);
  const choices = [version, ...aliases.filter((a) => a !== version)];
  const current = choices.includes(selector) ? selector : version;
  const snippets = usageSnippets({ origin, entity: p.entity, project: p.project, name, selector: current, accounts });
  const groupLabel = useId();
  return (
    <section aria-label="Use this version" className="space-y-2 rounded-lg border border-border bg-panel p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-xs font-medium text-muted uppercase">Use this version</h2>
        {choices.length > 1 ? (
          <div role="group" aria-labelledby={groupLabel} className="flex flex-wrap items-center gap-1 text-xs">
            <span id={groupLabel} className="text-muted">
              Refer to it by
            </span>
            {choices.map((c) => (
              <button
                key={c}
                type="button"
                aria-pressed={c === current}
                onClick={() => setSelector(c)}
                className={`rounded px-1.5 py-0.5 font-mono ${c === current ? "bg-accent-soft text-accent" : "text-muted hover:text-text"}`}
              >
                {c}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {origin ? snippets.map((s) => <SnippetRow key={s.id} snippet={s} />) : null}
    </section>
  );
}

function SnippetRow({ snippet }: { snippet: Snippet }) {
  const id = useId();
  return (
    <div className="space-y-0.5">
      <div className="flex items-center justify-between gap-2">
        <span id={id} className="text-xs text-muted">
          {snippet.label}
        </span>
        <CopyButton text={snippet.code} label={`Copy ${snippet.label}`} />
      </div>
      <pre
        aria-labelledby={id}
        tabIndex={0}
        data-snippet={snippet.id}
        className="overflow-x-auto rounded-md border border-border bg-bg px-2 py-1.5 font-mono text-[11.5px] leading-relaxed whitespace-pre"
      >
        {snippet.code}
      </pre>
    </div>
  );
}
