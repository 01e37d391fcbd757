"use client";

import { formText } from "@/components/ui/form-text";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { RouterOutputs } from "@/components/router-types";
import { useTRPC } from "@/components/trpc";
import { Age } from "@/components/ui/age";
import { Button } from "@/components/ui/button";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import { EmptyState, ErrorState, InlineError } from "@/components/ui/states";
import { TableHead } from "@/components/ui/table-head";
import { routes } from "@/lib/routes";
import { inputClass } from "./sign-in-form";

type Member = RouterOutputs["members"]["list"][number];
type Role = Member["role"];
const ROLES: Role[] = ["viewer", "editor", "admin"];
const ROLE_HELP = "viewer: browse and download · editor: also log, edit descriptions, metadata and aliases · admin: also delete, clean up and manage members";

/** Who holds which role on an entity (entity-wide or per project), changed in place. */
export function MembersPanel({ entity, initial }: { entity: string; initial: Member[] }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const members = useQuery(trpc.members.list.queryOptions({ entity }, { initialData: initial }));
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: trpc.members.list.queryKey({ entity }) });
    await client.invalidateQueries({ queryKey: trpc.members.audit.pathKey() });
  };
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Members of {entity}</h1>
        <p className="text-xs text-muted">{ROLE_HELP}. A project role overrides the entity-wide one for that project.</p>
      </div>
      {members.isError ? (
        <ErrorState error={members.error} retry={() => void members.refetch()} />
      ) : members.data.length === 0 ? (
        <EmptyState title="No members yet">Add someone below by their username.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-border bg-panel">
          <table className="w-full text-left text-[13px]" aria-label="Members">
            <TableHead columns={["User", "Scope", "Role", "Since", { label: "", className: "w-0" }]} />
            <tbody>
              {members.data.map((m) => (
                <MemberRow key={`${m.username}/${m.project}`} entity={entity} m={m} onChange={refresh} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddMemberForm entity={entity} onAdded={refresh} />
    </div>
  );
}

function MemberRow({ entity, m, onChange }: { entity: string; m: Member; onChange: () => Promise<void> }) {
  const trpc = useTRPC();
  const grant = useMutation(trpc.members.grant.mutationOptions({ onSuccess: onChange }));
  const revoke = useMutation(trpc.members.revoke.mutationOptions({ onSuccess: onChange }));
  const scope = m.project ? `${entity}/${m.project}` : "entity-wide";
  return (
    <tr className="border-t border-border">
      <td className="px-3 py-2">
        <span className="font-medium">{m.username}</span>
        {m.name && m.name !== m.username ? <span className="ml-1.5 text-xs text-muted">{m.name}</span> : null}
      </td>
      <td className="px-3 py-2">
        {m.project ? (
          <Link href={routes.project({ entity, project: m.project })} className="text-accent hover:underline">
            {scope}
          </Link>
        ) : (
          <span className="text-muted">{scope}</span>
        )}
      </td>
      <td className="px-3 py-2">
        <select
          value={m.role}
          aria-label={`Role of ${m.username} (${scope})`}
          disabled={grant.isPending}
          onChange={(e) => grant.mutate({ entity, username: m.username, project: m.project, role: e.target.value as Role })}
          className="rounded-md border border-border bg-bg px-2 py-1 text-[13px]"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <InlineError error={grant.error} />
      </td>
      <td className="px-3 py-2 whitespace-nowrap text-muted">
        <Age iso={m.createdAt} />
      </td>
      <td className="px-3 py-2 text-right whitespace-nowrap">
        <InlineConfirm
          trigger="Remove…"
          triggerLabel={`Remove ${m.username} (${scope})…`}
          title={`Remove ${m.username}`}
          action={`Remove from ${m.project ? scope : entity}`}
          pending={revoke.isPending}
          error={revoke.error}
          onConfirm={() => revoke.mutate({ entity, username: m.username, project: m.project })}
        />
      </td>
    </tr>
  );
}

function AddMemberForm({ entity, onAdded }: { entity: string; onAdded: () => Promise<void> }) {
  const trpc = useTRPC();
  const [role, setRole] = useState<Role>("viewer");
  const grant = useMutation(trpc.members.grant.mutationOptions({ onSuccess: onAdded }));
  return (
    <form
      aria-label="Add a member"
      className="space-y-3 rounded-lg border border-border bg-panel p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        grant.mutate(
          { entity, username: formText(data, "username").trim(), project: formText(data, "project").trim(), role },
          { onSuccess: () => form.reset() },
        );
      }}
    >
      <h2 className="font-medium">Add a member or change a role</h2>
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto_auto] sm:items-end">
        <label className="space-y-1">
          <span className="text-xs text-muted">Username</span>
          <input name="username" required maxLength={128} className={inputClass} />
        </label>
        <label className="space-y-1">
          <span className="text-xs text-muted">Project (optional: only that project)</span>
          <input name="project" maxLength={128} placeholder="every project" className={inputClass} />
        </label>
        <label className="space-y-1">
          <span className="text-xs text-muted">Role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label="Role" className={inputClass}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="primary" disabled={grant.isPending}>
          {grant.isPending ? "Adding…" : "Add member"}
        </Button>
      </div>
      <InlineError error={grant.error} />
    </form>
  );
}
