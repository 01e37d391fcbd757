"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/states";
import { routes } from "@/lib/routes";
import { useVersion, type VersionProps } from "./use-version";

/** Deleting asks first; a version with aliases is deleted only when the user also removes them. */
export function DeleteVersion(props: VersionProps) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const router = useRouter();
  const { version, stable } = useVersion(props);
  const [open, setOpen] = useState(false);
  const [withAliases, setWithAliases] = useState(false);
  const remove = useMutation(
    trpc.versions.delete.mutationOptions({
      onSuccess: async () => {
        await client.invalidateQueries();
        setOpen(false);
        router.replace(routes.version(props.p, props.name, stable, { tab: "history" }));
        router.refresh();
      },
    }),
  );
  if (!open) {
    return (
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)}>
        Delete…
      </Button>
    );
  }
  return (
    <div role="alertdialog" aria-label="Confirm delete" className="flex flex-wrap items-center gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-1.5 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200">
      <span>Delete {props.name}:{stable}? Its files are freed by the next garbage collection.</span>
      {version.aliases.length > 0 ? (
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" checked={withAliases} onChange={(e) => setWithAliases(e.target.checked)} />
          also remove its aliases ({version.aliases.join(", ")}) — required: a version with aliases is kept until they go or move
        </label>
      ) : null}
      <Button size="sm" variant="danger" disabled={remove.isPending || (version.aliases.length > 0 && !withAliases)} onClick={() => remove.mutate({ ...props.p, name: props.name, version: stable, deleteAliases: withAliases })}>
        Delete version
      </Button>
      <Button size="sm" onClick={() => setOpen(false)}>
        Cancel
      </Button>
      <InlineError error={remove.error} />
    </div>
  );
}
