CREATE TABLE `world_assets` (
	`id` text PRIMARY KEY NOT NULL,
	`display_name` text NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`prompt` text NOT NULL,
	`negative_prompt` text DEFAULT '' NOT NULL,
	`recipe` text,
	`seed` integer,
	`provider_trace` text NOT NULL,
	`files` text NOT NULL,
	`default_params` text NOT NULL,
	`tags` text NOT NULL,
	`license` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`parent_asset_id` text,
	`triangles` integer,
	`bounds` text,
	`draft` integer DEFAULT false NOT NULL,
	`warnings` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_world_assets_created` ON `world_assets` (`created_at`);--> statement-breakpoint
CREATE INDEX `idx_world_assets_parent` ON `world_assets` (`parent_asset_id`);--> statement-breakpoint
CREATE TABLE `world_entities` (
	`id` text PRIMARY KEY NOT NULL,
	`world_id` text NOT NULL,
	`asset_id` text,
	`name` text NOT NULL,
	`transform` text NOT NULL,
	`physics` text NOT NULL,
	`render` text NOT NULL,
	`behaviour` text NOT NULL,
	`placeholder` text,
	`status` text NOT NULL,
	`job_id` text,
	`parent_id` text,
	`prefab_id` text,
	`last_error` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`world_id`) REFERENCES `world_worlds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_world_entities_world` ON `world_entities` (`world_id`);--> statement-breakpoint
CREATE INDEX `idx_world_entities_job` ON `world_entities` (`job_id`);--> statement-breakpoint
CREATE INDEX `idx_world_entities_parent` ON `world_entities` (`parent_id`);--> statement-breakpoint
CREATE TABLE `world_generations` (
	`request_key` text PRIMARY KEY NOT NULL,
	`job_id` text NOT NULL,
	`asset_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_world_generations_job` ON `world_generations` (`job_id`);--> statement-breakpoint
CREATE TABLE `world_job_requests` (
	`idempotency_key` text PRIMARY KEY NOT NULL,
	`body_hash` text NOT NULL,
	`response` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `world_prefabs` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`tags` text NOT NULL,
	`nodes` text NOT NULL,
	`thumbnail_media_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `world_terrain_chunks` (
	`world_id` text NOT NULL,
	`cx` integer NOT NULL,
	`cz` integer NOT NULL,
	`heights` text NOT NULL,
	`splat` text NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	PRIMARY KEY(`world_id`, `cx`, `cz`),
	FOREIGN KEY (`world_id`) REFERENCES `world_worlds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `world_worlds` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`settings` text NOT NULL,
	`version` integer NOT NULL,
	`thumbnail_media_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
-- Recipe embeddings of world assets for "similar" (electron/host/world/recipe-embedding.ts): 64-d, cosine.
CREATE VIRTUAL TABLE IF NOT EXISTS `vec_world_recipe` USING vec0(id text primary key, embedding float[64] distance_metric=cosine);
