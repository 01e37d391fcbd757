"use client";

import { formText } from "@/components/ui/form-text";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { inputClass } from "@/components/account/sign-in-form";
import type { RouterOutputs } from "@/components/router-types";
import { useTRPC } from "@/components/trpc";
import { Age } from "@/components/ui/age";
import { Button } from "@/components/ui/button";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import { EmptyState, ErrorState, InlineError, Skeleton } from "@/components/ui/states";
import { TableHead } from "@/components/ui/table-head";

type User = RouterOutputs["admin"]["users"][number];

/** Every account on this Arca: create, make admin, delete. */
export function UsersPanel({ self }: { self: string }) {
  const trpc = useTRPC();
  const users = useQuery(trpc.admin.users.queryOptions());
  return (
    <div className="space-y-5">
      <CreateUserForm />
      <section aria-label="Users" className="space-y-2">
        <h2 className="text-xs font-medium tracking-wide text-muted uppercase">Users</h2>
        {users.isPending ? (
          <Skeleton rows={4} label="Loading users" />
        ) : users.isError ? (
          <ErrorState error={users.error} retry={() => void users.refetch()} />
        ) : users.data.length === 0 ? (
          <EmptyState title="No users">Create one above.</EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-border bg-panel">
            <table className="w-full text-left text-[13px]" aria-label="Users">
              <TableHead columns={["Username", "E-mail", "Instance admin", "Created", { label: "", className: "w-0" }]} />
              <tbody>
                {users.data.map((u) => (
                  <UserRow key={u.username} u={u} self={u.username === self} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function UserRow({ u, self }: { u: User; self: boolean }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: trpc.admin.users.queryKey() });
  const setAdmin = useMutation(trpc.admin.setAdmin.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.admin.deleteUser.mutationOptions({ onSuccess: refresh }));
  // The placeholder address better-auth needs for users made without one is not worth showing.
  const email = u.email.endsWith("@users.arca.invalid") ? null : u.email;
  return (
    <tr className="border-t border-border">
      <td className="px-3 py-2">
        <span className="font-medium">{u.username}</span>
        {u.name && u.name !== u.username ? <span className="ml-1.5 text-xs text-muted">{u.name}</span> : null}
        {self ? <span className="ml-1.5 text-xs text-muted">(you)</span> : null}
      </td>
      <td className="px-3 py-2">{email ?? <span className="text-muted">—</span>}</td>
      <td className="px-3 py-2">
        <label className="inline-flex items-center gap-1.5" title={self ? "You cannot take instance admin from yourself" : undefined}>
          <input
            type="checkbox"
            checked={u.isAdmin}
            disabled={setAdmin.isPending || self}
            onChange={(e) => setAdmin.mutate({ username: u.username, isAdmin: e.target.checked })}
            aria-label={`${u.username} is an instance admin`}
          />
          <span className="text-xs text-muted">{u.isAdmin ? "admin" : "no"}</span>
        </label>
        <InlineError error={setAdmin.error} />
      </td>
      <td className="px-3 py-2 whitespace-nowrap text-muted">
        <Age iso={u.createdAt} />
      </td>
      <td className="px-3 py-2 text-right whitespace-nowrap">
        {self ? null : (
          <InlineConfirm
            trigger="Delete…"
            triggerLabel={`Delete user ${u.username}…`}
            title={`Delete user ${u.username}`}
            note="Their sessions, keys and roles go; what they logged stays."
            action={`Delete ${u.username}`}
            pending={remove.isPending}
            error={remove.error}
            onConfirm={() => remove.mutate({ username: u.username })}
          />
        )}
      </td>
    </tr>
  );
}

function CreateUserForm() {
  const trpc = useTRPC();
  const client = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation(trpc.admin.createUser.mutationOptions({ onSuccess: () => client.invalidateQueries({ queryKey: trpc.admin.users.queryKey() }) }));
  return (
    <form
      aria-label="Create a user"
      className="space-y-3 rounded-lg border border-border bg-panel p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        const username = formText(data, "username").trim();
        const email = formText(data, "email").trim();
        setDone(null);
        create.mutate(
          { username, password: formText(data, "password"), ...(email ? { email } : {}), isAdmin: data.get("isAdmin") === "on" },
          {
            onSuccess: () => {
              form.reset();
              setDone(username);
            },
          },
        );
      }}
    >
      <h2 className="font-medium">Create a user</h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="space-y-1">
          <span className="text-xs text-muted">Username (also their personal entity)</span>
          <input name="username" required maxLength={64} autoComplete="off" className={inputClass} />
        </label>
        <label className="space-y-1">
          <span className="text-xs text-muted">E-mail (optional)</span>
          <input name="email" type="email" maxLength={320} autoComplete="off" className={inputClass} />
        </label>
        <label className="space-y-1">
          <span className="text-xs text-muted">Password (at least 8 characters)</span>
          <input name="password" type="password" required minLength={8} maxLength={256} autoComplete="new-password" className={inputClass} />
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-1.5">
          <input type="checkbox" name="isAdmin" /> Instance admin <span className="text-xs text-muted">(manages users and sees everything)</span>
        </label>
        <Button type="submit" variant="primary" disabled={create.isPending} className="ml-auto">
          {create.isPending ? "Creating…" : "Create user"}
        </Button>
      </div>
      <InlineError error={create.error} />
      {done ? (
        <p role="status" className="text-sm text-muted">
          Created {done}. Give them their password; they sign in at /sign-in and can make their own API keys.
        </p>
      ) : null}
    </form>
  );
}
