"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@/components/router-types";
import { useTRPC } from "@/components/trpc";
import { Age } from "@/components/ui/age";
import { Badge } from "@/components/ui/badge";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { TableHead } from "@/components/ui/table-head";
import { routes } from "@/lib/routes";
import { describeUserAgent } from "./user-agent";

type Session = RouterOutputs["account"]["sessions"][number];

/** Where one is signed in; signing a session out ends it at once (this one too, back to sign-in). */
export function SessionsPanel() {
  const trpc = useTRPC();
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  if (sessions.isPending) return <Skeleton rows={3} label="Loading sessions" />;
  if (sessions.isError) return <ErrorState error={sessions.error} retry={() => void sessions.refetch()} />;
  if (sessions.data.length === 0) return <EmptyState title="No sessions">You are signed in with an API key, not a browser session.</EmptyState>;
  return (
    <section aria-label="Sessions" className="space-y-2">
      <p className="text-xs text-muted">Every browser where you are signed in. Sign out one you do not recognise, then change your password.</p>
      <div className="overflow-x-auto rounded-lg border border-border bg-panel">
        <table className="w-full text-left text-[13px]" aria-label="Sessions">
          <TableHead columns={["Browser", "IP address", "Signed in", "Last seen", "Expires", { label: "", className: "w-0" }]} />
          <tbody>
            {sessions.data.map((s) => (
              <SessionRow key={s.id} s={s} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function SessionRow({ s }: { s: Session }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const revoke = useMutation(
    trpc.account.revokeSession.mutationOptions({
      onSuccess: async () => {
        // This browser's own session is gone: the next page needs a sign-in.
        if (s.current) window.location.assign(routes.signIn());
        else await client.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
      },
    }),
  );
  const browser = describeUserAgent(s.userAgent);
  return (
    <tr className="border-t border-border">
      <td className="px-3 py-2">
        <span className="inline-flex items-center gap-1.5" title={s.userAgent ?? undefined}>
          {browser} {s.current ? <Badge tone="accent">this browser</Badge> : null}
        </span>
      </td>
      <td className="px-3 py-2 font-mono text-xs">{s.ipAddress || <span className="text-muted">unknown</span>}</td>
      <td className="px-3 py-2 whitespace-nowrap text-muted">
        <Age iso={s.createdAt} />
      </td>
      <td className="px-3 py-2 whitespace-nowrap text-muted">
        <Age iso={s.lastSeenAt} />
      </td>
      <td className="px-3 py-2 whitespace-nowrap text-muted" title={s.expiresAt}>
        {s.expiresAt.slice(0, 10)}
      </td>
      <td className="px-3 py-2 text-right whitespace-nowrap">
        <InlineConfirm
          trigger={s.current ? "Sign out here…" : "Sign out…"}
          title={`Sign out ${browser}`}
          note={s.current ? "You will be signed out here." : "That browser will need to sign in again."}
          action="Sign out"
          pending={revoke.isPending}
          error={revoke.error}
          onConfirm={() => revoke.mutate({ id: s.id })}
        />
      </td>
    </tr>
  );
}
