import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";

/**
 * What the W&B protocol says at CreateArtifact but Arca's draft (a PENDING version) cannot hold
 * until CommitArtifact: the aliases asked for. No foreign key on purpose: when the commit dedups,
 * the draft row goes and `committedVersionId` keeps the id the client still holds pointing at the
 * version it became.
 */
export const wandbDrafts = sqliteTable("wandb_drafts", {
  draftId: integer("draft_id").primaryKey(),
  aliases: text("aliases").notNull().default("[]"),
  committedVersionId: integer("committed_version_id"),
  createdAt: createdAt(),
});
