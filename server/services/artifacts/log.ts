import type { ServiceContext } from "../../context";
import { normalizeMetadata } from "../metadata";
import { getRunRow } from "../runs/runs";
import type { LogInput, Namespace } from "../schemas";
import { transaction } from "@/db/transaction";
import { ensureCollection } from "./collections";
import { afterCommit, commitVersion } from "./commit";
import { loadVersionDto, type VersionDto } from "./dto";
import { checkEntries, type WithEntries } from "./entries";

export type CommitResponse = VersionDto & { created: boolean };

/**
 * Simple mode (`logArtifact`, or `save()` without a run): one call provides every entry and commits. No entries is a
 * version too: W&B logs a folder holding only empty folders with the digest of the bare manifest header, so Arca does.
 */
export async function logArtifact(ctx: ServiceContext, ns: Namespace, name: string, input: WithEntries<LogInput>): Promise<CommitResponse> {
  const metadata = normalizeMetadata(input.metadata ?? {});
  const result = await transaction(ctx, async () => {
    const collection = await ensureCollection(ctx, ns, name, input.type);
    const entries = await checkEntries(ctx, input.entries);
    const producers = input.runId === undefined ? [] : [(await getRunRow(ctx, collection.projectId, input.runId, ns)).id];
    return commitVersion(ctx, {
      collection,
      entries,
      description: input.description ?? "",
      metadata,
      aliases: input.aliases,
      producerRunPks: producers,
    });
  });
  afterCommit(ctx, result);
  return { ...(await loadVersionDto(ctx, result.versionId)), created: result.created };
}
