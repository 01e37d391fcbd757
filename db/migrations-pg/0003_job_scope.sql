ALTER TABLE "jobs" ADD COLUMN "scope" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "error_code" text COLLATE "C";--> statement-breakpoint
CREATE INDEX "jobs_kind_state_idx" ON "jobs" USING btree ("kind","state");