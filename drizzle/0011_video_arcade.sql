CREATE TABLE `arcade_games` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`origin` text NOT NULL,
	`dir` text NOT NULL,
	`file_count` integer NOT NULL,
	`bytes` integer NOT NULL,
	`thumbnail_media_id` text,
	`thumbnail_source` text NOT NULL,
	`thumbnail_note` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_arcade_games_created` ON `arcade_games` (`created_at`);--> statement-breakpoint
CREATE TABLE `arcade_seeded` (
	`slug` text PRIMARY KEY NOT NULL,
	`seeded_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
