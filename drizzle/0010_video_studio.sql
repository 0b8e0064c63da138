CREATE TABLE `video_videos` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`prompt` text NOT NULL,
	`style` text NOT NULL,
	`voice` text,
	`language` text NOT NULL,
	`duration_target` real NOT NULL,
	`produce_preview` integer DEFAULT true NOT NULL,
	`providers` text NOT NULL,
	`status` text NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`progress_message` text,
	`job_id` text,
	`error` text,
	`script` text,
	`script_source` text,
	`dirty_scenes` text DEFAULT '[]' NOT NULL,
	`preview` text,
	`final` text,
	`hls_master_media_id` text,
	`poster_media_id` text,
	`thumbnail_media_id` text,
	`audio_tracks` text DEFAULT '[]' NOT NULL,
	`captions` text DEFAULT '[]' NOT NULL,
	`chapters` text DEFAULT '[]' NOT NULL,
	`languages` text DEFAULT '[]' NOT NULL,
	`duration_sec` real,
	`scenes` text DEFAULT '[]' NOT NULL,
	`entities` text DEFAULT '[]' NOT NULL,
	`entities_source` text,
	`media_ids` text DEFAULT '[]' NOT NULL,
	`published` integer DEFAULT false NOT NULL,
	`add_to_live_loop` integer DEFAULT false NOT NULL,
	`in_library` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`completed_at` integer
);
--> statement-breakpoint
CREATE INDEX `idx_video_videos_library` ON `video_videos` (`in_library`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_video_videos_job` ON `video_videos` (`job_id`);--> statement-breakpoint
CREATE TABLE `video_wiki_cache` (
	`key` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`payload` text NOT NULL,
	`fetched_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
