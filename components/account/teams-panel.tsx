"use client";

import { formText } from "@/components/ui/form-text";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { RouterOutputs } from "@/components/router-types";
import { useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, InlineError, Skeleton } from "@/components/ui/states";
import { routes } from "@/lib/routes";
import { inputClass } from "./sign-in-form";

type Membership = RouterOutputs["account"]["memberships"][number];

/** The entities (one's own, teams) and projects one has a role on, and making a team. */
export function TeamsPanel() {
  const trpc = useTRPC();
  const memberships = useQuery(trpc.account.memberships.queryOptions());
  const byEntity = new Map<string, Membership[]>();
  for (const m of memberships.data ?? []) byEntity.set(m.entity, [...(byEntity.get(m.entity) ?? []), m]);
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[1fr_320px]">
      <section aria-label="Your entities" className="space-y-2">
        <h2 className="text-xs font-medium tracking-wide text-muted uppercase">Your entities and roles</h2>
        {memberships.isPending ? (
          <Skeleton rows={3} label="Loading memberships" />
        ) : memberships.isError ? (
          <ErrorState error={memberships.error} retry={() => void memberships.refetch()} />
        ) : byEntity.size === 0 ? (
          <EmptyState title="You have no roles yet">Ask an admin of a team to add you, or create a team on the right.</EmptyState>
        ) : (
          <ul className="space-y-2">
            {[...byEntity].map(([entity, rows]) => (
              <EntityCard key={entity} entity={entity} rows={rows} />
            ))}
          </ul>
        )}
      </section>
      <CreateTeamForm />
    </div>
  );
}

function EntityCard({ entity, rows }: { entity: string; rows: Membership[] }) {
  const wide = rows.find((r) => r.project === "");
  const projects = rows.filter((r) => r.project !== "");
  return (
    <li className="rounded-lg border border-border bg-panel p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="flex items-center gap-2">
          <span className="font-medium">{entity}</span>
          <span className="text-xs text-muted">{rows[0]?.kind === "team" ? "team" : "personal"}</span>
          {wide ? <Badge tone={wide.role === "admin" ? "accent" : "neutral"}>{wide.role} of every project</Badge> : null}
        </p>
        {wide?.role === "admin" ? (
          <Link href={routes.members(entity)} className="text-sm text-accent hover:underline">
            Members and audit log →
          </Link>
        ) : null}
      </div>
      {projects.length > 0 ? (
        <ul className="mt-2 space-y-1 text-[13px]">
          {projects.map((r) => (
            <li key={r.project} className="flex items-center gap-2">
              <Link href={routes.project({ entity, project: r.project })} className="text-accent hover:underline">
                {entity}/{r.project}
              </Link>
              <Badge>{r.role}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function CreateTeamForm() {
  const trpc = useTRPC();
  const client = useQueryClient();
  const router = useRouter();
  const create = useMutation(
    trpc.account.createTeam.mutationOptions({
      onSuccess: async (team) => {
        await client.invalidateQueries({ queryKey: trpc.account.memberships.queryKey() });
        router.push(routes.members(team.name));
      },
    }),
  );
  return (
    <form
      aria-label="Create a team"
      className="space-y-3 rounded-lg border border-border bg-panel p-4"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ name: formText(new FormData(e.currentTarget), "name").trim() });
      }}
    >
      <h2 className="font-medium">Create a team</h2>
      <p className="text-xs text-muted">A team is an entity its members share: projects logged under its name, roles you hand out. You become its admin.</p>
      <label className="block space-y-1">
        <span className="text-xs text-muted">Team name</span>
        <input name="name" required maxLength={128} placeholder="acme" className={inputClass} />
      </label>
      <InlineError error={create.error} />
      <Button type="submit" variant="primary" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create team"}
      </Button>
    </form>
  );
}
