"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterInputs, RouterOutputs } from "@/components/router-types";
import { useTRPC } from "@/components/trpc";
import type { ProjectRef } from "@/lib/routes";
import { undoChangeFor } from "./undo-change";

export type Version = RouterOutputs["versions"]["get"];
export type VersionChange = RouterInputs["versions"]["update"]["change"];

export interface VersionProps {
  p: ProjectRef;
  name: string;
  /** What the URL says: `v3`, an alias or `draft-ID`. */
  selector: string;
  initial: Version;
}

/**
 * The version as the page shows it, and its edits. Edits address the version by its index
 * (not the alias in the URL, which an alias move could re-point) and carry the revision the
 * user saw, so a stale edit is refused instead of overwriting someone else's change.
 */
export function useVersion({ p, name, selector, initial }: VersionProps) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const input = { ...p, name, version: selector };
  const query = useQuery(trpc.versions.get.queryOptions(input, { initialData: initial }));
  const version = query.data;
  const stable = version.version ?? `draft-${version.id}`;
  const update = useMutation(
    trpc.versions.update.mutationOptions({
      onSuccess: async () => {
        await client.invalidateQueries({ queryKey: trpc.versions.pathKey() });
        await client.invalidateQueries({ queryKey: trpc.collections.pathKey() });
      },
    }),
  );
  const save = (change: VersionChange, checkRevision = true) =>
    update.mutateAsync({ ...p, name, version: stable, change: { ...change, ...(checkRevision ? { expectedRevision: version.revision } : {}) } });
  /**
   * Saves and returns the undo: the previous value through the same update (so history records it),
   * addressed to the revision this save produced, so an undo after someone else's edit is refused.
   * Null when the save changed nothing.
   */
  const saveUndoable = async (change: VersionChange): Promise<(() => Promise<unknown>) | null> => {
    const undo = undoChangeFor(version, change);
    const saved = await save(change);
    if (!undo || saved.revision === version.revision) return null;
    return () => update.mutateAsync({ ...p, name, version: stable, change: { ...undo, expectedRevision: saved.revision } });
  };
  return { version, stable, save, saveUndoable, refetch: query.refetch };
}
