DROP INDEX "aliases_version_idx";--> statement-breakpoint
DROP INDEX "collections_project_type_idx";--> statement-breakpoint
DROP INDEX "entries_blob_idx";--> statement-breakpoint
DROP INDEX "memberships_entity_idx";--> statement-breakpoint
DROP INDEX "run_edges_version_idx";--> statement-breakpoint
DROP INDEX "run_edges_run_kind_idx";--> statement-breakpoint
DROP INDEX "runs_project_created_idx";--> statement-breakpoint
DROP INDEX "versions_collection_digest_idx";--> statement-breakpoint
DROP INDEX "versions_collection_state_idx";--> statement-breakpoint
DROP INDEX "versions_collection_size_idx";--> statement-breakpoint
DROP INDEX "versions_collection_created_idx";--> statement-breakpoint
DROP INDEX "versions_base_idx";--> statement-breakpoint
CREATE INDEX "aliases_version_idx" ON "aliases" USING btree ("version_id","id");--> statement-breakpoint
CREATE INDEX "collections_project_type_idx" ON "collections" USING btree ("project_id","type","id");--> statement-breakpoint
CREATE INDEX "entries_blob_idx" ON "entries" USING btree ("blob_sha256","id");--> statement-breakpoint
CREATE INDEX "memberships_entity_idx" ON "memberships" USING btree ("entity","project","id");--> statement-breakpoint
CREATE INDEX "run_edges_version_idx" ON "run_edges" USING btree ("version_id","kind","id");--> statement-breakpoint
CREATE INDEX "run_edges_run_kind_idx" ON "run_edges" USING btree ("run_id","kind","id");--> statement-breakpoint
CREATE INDEX "runs_project_created_idx" ON "runs" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "versions_collection_digest_idx" ON "versions" USING btree ("collection_id","digest","id");--> statement-breakpoint
CREATE INDEX "versions_collection_state_idx" ON "versions" USING btree ("collection_id","state","version_index","id");--> statement-breakpoint
CREATE INDEX "versions_collection_size_idx" ON "versions" USING btree ("collection_id","size","id");--> statement-breakpoint
CREATE INDEX "versions_collection_created_idx" ON "versions" USING btree ("collection_id","created_at","id");--> statement-breakpoint
CREATE INDEX "versions_base_idx" ON "versions" USING btree ("base_version_id","id");