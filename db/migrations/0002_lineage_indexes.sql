CREATE INDEX `versions_base_idx` ON `versions` (`base_version_id`);--> statement-breakpoint
CREATE INDEX `run_edges_run_kind_idx` ON `run_edges` (`run_id`,`kind`);