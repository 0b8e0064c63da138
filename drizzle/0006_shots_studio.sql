CREATE TABLE `shot_ingredients` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`kind` text NOT NULL,
	`media_id` text NOT NULL,
	`thumbnail_media_id` text,
	`poster_media_id` text,
	`metadata` text NOT NULL,
	`provenance` text NOT NULL,
	`cleared_slots` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`project_id`) REFERENCES `shot_projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`media_id`) REFERENCES `media_objects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`thumbnail_media_id`) REFERENCES `media_objects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`poster_media_id`) REFERENCES `media_objects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idx_ingredients_project_type` ON `shot_ingredients` (`project_id`,`type`);--> statement-breakpoint
CREATE TABLE `shot_projects` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`resolution` text DEFAULT '1080p' NOT NULL,
	`aspect_ratio` text DEFAULT '16:9' NOT NULL,
	`veo_version` text DEFAULT '3.1' NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `idx_shot_projects_updated` ON `shot_projects` (`updated_at`);--> statement-breakpoint
CREATE TABLE `shot_scenes` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`slugline` text NOT NULL,
	`raw_content` text,
	`sequence_number` integer NOT NULL,
	`characters` text DEFAULT '[]' NOT NULL,
	`breakdown_job_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`project_id`) REFERENCES `shot_projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_shot_scenes_project` ON `shot_scenes` (`project_id`,`sequence_number`);--> statement-breakpoint
CREATE TABLE `shots` (
	`id` text PRIMARY KEY NOT NULL,
	`scene_id` text NOT NULL,
	`description` text NOT NULL,
	`duration` real,
	`sequence_number` integer NOT NULL,
	`assigned_ingredients` text DEFAULT '[null,null,null]' NOT NULL,
	`llm_context_cache` text,
	`veo_json_payload` text,
	`payload_source` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`last_error` text,
	`shot_type` text,
	`camera` text,
	`characters` text DEFAULT '[]' NOT NULL,
	`source` text DEFAULT 'manual' NOT NULL,
	`payload_job_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`scene_id`) REFERENCES `shot_scenes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_shots_scene` ON `shots` (`scene_id`,`sequence_number`);