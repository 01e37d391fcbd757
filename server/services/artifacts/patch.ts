import { checkEntryPath } from "@/lib/names";
import { ConflictError, ValidationError } from "../../errors";
import type { ServiceContext } from "../../context";
import { normalizeMetadata } from "../metadata";
import { getRunRow } from "../runs/runs";
import type { Namespace, PatchInput } from "../schemas";
import { transaction } from "@/db/transaction";
import { ensureCollection } from "./collections";
import { afterCommit, commitVersion } from "./commit";
import { loadVersionDto } from "./dto";
import { checkEntries, loadEntries } from "./entries";
import type { CommitResponse } from "./log";
import { requireCommitted, resolveInCollection } from "./resolve";

/**
 * Patch mode (the seeds' "coming soon"): a new version = base version + added/replaced entries
 * − removed paths. It records the base it came from; dedup applies like any commit.
 */
export async function patchArtifact(ctx: ServiceContext, ns: Namespace, name: string, input: PatchInput): Promise<CommitResponse> {
  if (input.entries.length === 0 && input.remove.length === 0) {
    throw new ConflictError("nothing to commit: a patch needs files to add or paths to remove");
  }
  for (const path of input.remove) {
    const error = checkEntryPath(path);
    if (error) throw new ValidationError(error);
  }
  const result = await transaction(ctx, async () => {
    const collection = await ensureCollection(ctx, ns, name, input.type);
    const base = await resolveInCollection(ctx, collection, input.base);
    requireCommitted(base, `${name}:${input.base}`);
    const contents = new Map((await loadEntries(ctx, base.id)).map((e) => [e.path, e]));
    for (const path of input.remove) {
      if (!contents.delete(path)) throw new ValidationError(`cannot remove ${JSON.stringify(path)}: ${name}:v${base.versionIndex} has no such path`);
    }
    for (const entry of await checkEntries(ctx, input.entries)) contents.set(entry.path, entry);
    if (contents.size === 0) throw new ConflictError("nothing to commit: the patch removes every file of the base version");
    const producers = input.runId === undefined ? [] : [(await getRunRow(ctx, collection.projectId, input.runId, ns)).id];
    return commitVersion(ctx, {
      collection,
      entries: [...contents.values()],
      description: input.description ?? base.description,
      metadata: input.metadata === undefined ? (JSON.parse(base.metadata) as Record<string, unknown>) : normalizeMetadata(input.metadata),
      aliases: input.aliases,
      producerRunPks: producers,
      baseVersionId: base.id,
    });
  });
  afterCommit(ctx, result);
  return { ...(await loadVersionDto(ctx, result.versionId)), created: result.created };
}
