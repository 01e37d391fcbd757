ALTER TABLE `jobs` ADD `scope` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `error_code` text;--> statement-breakpoint
CREATE INDEX `jobs_kind_state_idx` ON `jobs` (`kind`,`state`);