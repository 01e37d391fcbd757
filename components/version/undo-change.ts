import type { RouterInputs, RouterOutputs } from "@/components/router-types";

type Version = Pick<RouterOutputs["versions"]["get"], "description" | "metadata">;
type VersionChange = RouterInputs["versions"]["update"]["change"];

/**
 * The change that puts back what `change` is about to overwrite, read from the version as it was
 * before the save. Metadata comes back whole (replace), so a merge that added keys is undone too.
 * Aliases are not here: the alias editor undoes its own one-alias changes.
 */
export function undoChangeFor(before: Version, change: VersionChange): VersionChange | null {
  const undo: VersionChange = {};
  if (change.description !== undefined) undo.description = before.description;
  if (change.metadata !== undefined) {
    undo.metadata = before.metadata;
    undo.replaceMetadata = true;
  }
  return Object.keys(undo).length === 0 ? null : undo;
}
