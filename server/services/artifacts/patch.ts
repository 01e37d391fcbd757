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
import { byPath, checkEntries, hasEntries, loadEntries, type WithEntries } from "./entries";
import { createPacer } from "../../workers/pace";
import type { CommitResponse } from "./log";
import { requireCommitted, resolveInCollection } from "./resolve";

/**
 * Patch mode (the seeds' "coming soon"): a new version = base version + added/replaced entries
 * − removed paths. It records the base it came from; dedup applies like any commit.
 */
export async function patchArtifact(ctx: ServiceContext, ns: Namespace, name: string, input: WithEntries<PatchInput>): Promise<CommitResponse> {
  if (!hasEntries(input.entries) && input.remove.length === 0) {
    throw new ConflictError("nothing to commit: a patch needs files to add or paths to remove");
  }
  const pace = createPacer();
  for (let i = 0; i < input.remove.length; i++) {
    const error = checkEntryPath(input.remove[i]!);
    if (error) throw new ValidationError(error);
    if ((i & 1023) === 1023) await pace();
  }
  const result = await transaction(ctx, async () => {
    const collection = await ensureCollection(ctx, ns, name, input.type);
    const base = await resolveInCollection(ctx, collection, input.base);
    requireCommitted(base, `${name}:${input.base}`);
    const contents = await byPath(await loadEntries(ctx, base.id));
    for (let i = 0; i < input.remove.length; i++) {
      const path = input.remove[i]!;
      if (!contents.delete(path)) throw new ValidationError(`cannot remove ${JSON.stringify(path)}: ${name}:v${base.versionIndex} has no such path`);
      if ((i & 1023) === 1023) await pace();
    }
    const added = await checkEntries(ctx, input.entries);
    for (let i = 0; i < added.length; i++) {
      contents.set(added[i]!.path, added[i]!);
      if ((i & 1023) === 1023) await pace();
    }
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
