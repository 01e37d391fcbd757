import type { ReactNode } from "react";

type Tone = "accent" | "neutral" | "green" | "amber" | "red";

const TONES: Record<Tone, string> = {
  accent: "bg-accent-soft text-accent",
  neutral: "bg-bg text-muted border border-border",
  green: "bg-emerald-50 text-emerald-700 dark:bg-emerald-950/50 dark:text-emerald-300",
  amber: "bg-amber-50 text-amber-800 dark:bg-amber-950/50 dark:text-amber-300",
  red: "bg-red-50 text-red-700 dark:bg-red-950/50 dark:text-red-300",
};

export function Badge({ tone = "neutral", children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${TONES[tone]}`}>
      {children}
    </span>
  );
}

const STATE_TONE: Record<string, Tone> = {
  COMMITTED: "green",
  PENDING: "amber",
  DELETED: "red",
  finished: "green",
  running: "accent",
  crashed: "red",
  failed: "red",
};

/** Version states (COMMITTED/PENDING/DELETED) and run states share one look. */
export function StateBadge({ state }: { state: string }) {
  return <Badge tone={STATE_TONE[state] ?? "neutral"}>{state.toLowerCase()}</Badge>;
}

export function AliasBadge({ alias }: { alias: string }) {
  return <Badge tone="accent">{alias}</Badge>;
}
