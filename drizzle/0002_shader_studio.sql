CREATE TABLE `feed_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`seed` integer NOT NULL,
	`pages` text DEFAULT '[]' NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idx_feed_sessions_created` ON `feed_sessions` (`created_at`);--> statement-breakpoint
ALTER TABLE `desires` ADD `cluster_id` text;--> statement-breakpoint
ALTER TABLE `desires` ADD `embedding_provider` text;--> statement-breakpoint
ALTER TABLE `desires` ADD `updated_at` integer;--> statement-breakpoint
CREATE INDEX `idx_desires_cluster` ON `desires` (`cluster_id`);--> statement-breakpoint
ALTER TABLE `shaders` ADD `source` text;--> statement-breakpoint
ALTER TABLE `shaders` ADD `render_diagnostics` text;--> statement-breakpoint
ALTER TABLE `shaders` ADD `last_render_job_id` text;--> statement-breakpoint
ALTER TABLE `shaders` ADD `rendered_at` integer;--> statement-breakpoint
ALTER TABLE `shaders` ADD `render_stats` text;--> statement-breakpoint
ALTER TABLE `shaders` ADD `preview_mp4_media_id` text REFERENCES media_objects(id);--> statement-breakpoint
ALTER TABLE `shaders` ADD `declared_style` text;--> statement-breakpoint
ALTER TABLE `shaders` ADD `style_vector_version` text;--> statement-breakpoint
ALTER TABLE `shaders` ADD `imported_from` text;--> statement-breakpoint
ALTER TABLE `shaders` ADD `origin` text DEFAULT 'app' NOT NULL;--> statement-breakpoint
ALTER TABLE `shaders` ADD `review_note` text;--> statement-breakpoint
ALTER TABLE `shaders` ADD `fulfills_desire_id` text;--> statement-breakpoint
ALTER TABLE `shaders` ADD `published_at` integer;--> statement-breakpoint
ALTER TABLE `shaders` ADD `wilson_score` real DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `idx_shaders_published` ON `shaders` (`status`,`published_at`);--> statement-breakpoint
CREATE INDEX `idx_shaders_feed_hot` ON `shaders` (`score`,`published_at`,`id`) WHERE "shaders"."status" = 'published' AND "shaders"."is_public" = 1 AND "shaders"."render_status" = 'ready';--> statement-breakpoint
CREATE INDEX `idx_shaders_feed_new` ON `shaders` (`published_at`,`id`) WHERE "shaders"."status" = 'published' AND "shaders"."is_public" = 1 AND "shaders"."render_status" = 'ready';--> statement-breakpoint
CREATE INDEX `idx_shaders_wilson` ON `shaders` (`wilson_score`);--> statement-breakpoint
CREATE INDEX `idx_shaders_desire` ON `shaders` (`fulfills_desire_id`);