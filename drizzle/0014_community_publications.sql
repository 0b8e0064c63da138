CREATE TABLE `community_publications` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`local_id` text NOT NULL,
	`relay_url` text NOT NULL,
	`relay_item_id` text,
	`published_at` integer,
	`last_job_id` text,
	`details` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_community_publications_local` ON `community_publications` (`kind`,`local_id`,`relay_url`);--> statement-breakpoint
CREATE INDEX `idx_community_publications_job` ON `community_publications` (`last_job_id`);