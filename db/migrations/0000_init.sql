CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projects_entity_name_uq` ON `projects` (`entity`,`name`);--> statement-breakpoint
CREATE TABLE `collections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`next_version_index` integer DEFAULT 0 NOT NULL,
	`version_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `collections_project_name_uq` ON `collections` (`project_id`,`name`);--> statement-breakpoint
CREATE INDEX `collections_project_type_idx` ON `collections` (`project_id`,`type`);--> statement-breakpoint
CREATE TABLE `versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`collection_id` integer NOT NULL,
	`version_index` integer,
	`state` text NOT NULL,
	`digest` text,
	`size` integer DEFAULT 0 NOT NULL,
	`file_count` integer DEFAULT 0 NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`distributed_id` text,
	`base_version_id` integer,
	`revision` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`committed_at` integer,
	`deleted_at` integer,
	FOREIGN KEY (`collection_id`) REFERENCES `collections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `versions_collection_index_uq` ON `versions` (`collection_id`,`version_index`);--> statement-breakpoint
CREATE INDEX `versions_collection_digest_idx` ON `versions` (`collection_id`,`digest`);--> statement-breakpoint
CREATE INDEX `versions_collection_state_idx` ON `versions` (`collection_id`,`state`,`version_index`);--> statement-breakpoint
CREATE UNIQUE INDEX `versions_open_draft_uq` ON `versions` (`collection_id`,`distributed_id`) WHERE state = 'PENDING';--> statement-breakpoint
CREATE TABLE `aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`collection_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`alias` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`collection_id`) REFERENCES `collections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `aliases_collection_alias_uq` ON `aliases` (`collection_id`,`alias`);--> statement-breakpoint
CREATE INDEX `aliases_version_idx` ON `aliases` (`version_id`);--> statement-breakpoint
CREATE TABLE `entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`path` text NOT NULL,
	`digest` text NOT NULL,
	`size` integer DEFAULT 0 NOT NULL,
	`blob_sha256` text,
	`ref` text,
	`extra` text,
	FOREIGN KEY (`version_id`) REFERENCES `versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entries_version_path_uq` ON `entries` (`version_id`,`path`);--> statement-breakpoint
CREATE INDEX `entries_blob_idx` ON `entries` (`blob_sha256`);--> statement-breakpoint
CREATE TABLE `blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`md5` text NOT NULL,
	`created_at` integer NOT NULL,
	`leased_until` integer
);
--> statement-breakpoint
CREATE INDEX `blobs_created_idx` ON `blobs` (`created_at`);--> statement-breakpoint
CREATE TABLE `runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`run_id` text NOT NULL,
	`name` text NOT NULL,
	`job_type` text,
	`group_name` text,
	`state` text DEFAULT 'running' NOT NULL,
	`config` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `runs_project_run_uq` ON `runs` (`project_id`,`run_id`);--> statement-breakpoint
CREATE INDEX `runs_project_created_idx` ON `runs` (`project_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `run_edges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `run_edges_uq` ON `run_edges` (`run_id`,`version_id`,`kind`);--> statement-breakpoint
CREATE INDEX `run_edges_version_idx` ON `run_edges` (`version_id`,`kind`);--> statement-breakpoint
CREATE TABLE `version_edits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `version_edits_version_idx` ON `version_edits` (`version_id`,`id`);