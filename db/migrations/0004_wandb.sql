CREATE TABLE `wandb_drafts` (
	`draft_id` integer PRIMARY KEY NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`committed_version_id` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `runs` ADD `summary` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `runs` ADD `history_line_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `blobs_md5_size_idx` ON `blobs` (`md5`,`size`);