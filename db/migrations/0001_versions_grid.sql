ALTER TABLE `collections` ADD `total_size` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `versions_collection_size_idx` ON `versions` (`collection_id`,`size`);--> statement-breakpoint
CREATE INDEX `versions_collection_created_idx` ON `versions` (`collection_id`,`created_at`);--> statement-breakpoint
-- Backfill for databases created before the counter existed.
UPDATE `collections` SET `total_size` = (SELECT coalesce(sum(`size`), 0) FROM `versions` WHERE `versions`.`collection_id` = `collections`.`id` AND `versions`.`state` = 'COMMITTED');
