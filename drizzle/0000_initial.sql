CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`key_hash` text NOT NULL,
	`key_prefix` text NOT NULL,
	`name` text,
	`trust_tier` text DEFAULT 'probation' NOT NULL,
	`submissions_approved` integer DEFAULT 0 NOT NULL,
	`submissions_rejected` integer DEFAULT 0 NOT NULL,
	`rate_limit_per_hour` integer DEFAULT 10 NOT NULL,
	`last_used_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `idx_api_keys_prefix` ON `api_keys` (`key_prefix`);--> statement-breakpoint
CREATE TABLE `bounty_tips` (
	`id` text PRIMARY KEY NOT NULL,
	`desire_id` text NOT NULL,
	`tipper_id` text,
	`amount_cents` integer NOT NULL,
	`stripe_payment_intent_id` text,
	`status` text DEFAULT 'held' NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`desire_id`) REFERENCES `desires`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tipper_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `comments` (
	`id` text PRIMARY KEY NOT NULL,
	`shader_id` text NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`parent_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`shader_id`) REFERENCES `shaders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idx_comments_shader` ON `comments` (`shader_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `creator_engagement_snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`creator_id` text NOT NULL,
	`month` text NOT NULL,
	`total_score` real NOT NULL,
	`pool_share` real,
	`payout_cents` integer,
	`paid_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`creator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `creator_payouts` (
	`id` text PRIMARY KEY NOT NULL,
	`creator_id` text,
	`desire_id` text,
	`gross_amount_cents` integer,
	`platform_fee_cents` integer,
	`net_amount_cents` integer,
	`stripe_transfer_id` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`creator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`desire_id`) REFERENCES `desires`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `desire_clusters` (
	`cluster_id` text NOT NULL,
	`desire_id` text NOT NULL,
	`similarity` real NOT NULL,
	PRIMARY KEY(`cluster_id`, `desire_id`),
	FOREIGN KEY (`desire_id`) REFERENCES `desires`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `desires` (
	`id` text PRIMARY KEY NOT NULL,
	`author_id` text,
	`prompt_text` text NOT NULL,
	`style_hints` text,
	`tip_amount_cents` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`heat_score` real DEFAULT 1 NOT NULL,
	`fulfilled_by_shader` text,
	`fulfilled_at` integer,
	`expires_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fulfilled_by_shader`) REFERENCES `shaders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idx_desires_status` ON `desires` (`status`,`heat_score`);--> statement-breakpoint
CREATE INDEX `idx_desires_author` ON `desires` (`author_id`);--> statement-breakpoint
CREATE TABLE `engagement_events` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`session_id` text,
	`shader_id` text NOT NULL,
	`event_type` text NOT NULL,
	`dwell_secs` real,
	`metadata` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shader_id`) REFERENCES `shaders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idx_engagement_user` ON `engagement_events` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_engagement_shader` ON `engagement_events` (`shader_id`,`event_type`);--> statement-breakpoint
CREATE TABLE `generation_log` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`shader_id` text,
	`job_id` text,
	`provider` text NOT NULL,
	`model` text,
	`prompt_text` text,
	`tokens_used` integer,
	`cost_cents` integer,
	`success` integer,
	`error` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shader_id`) REFERENCES `shaders`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`resource` text NOT NULL,
	`user_id` text,
	`input` text NOT NULL,
	`result` text,
	`error` text,
	`progress` real DEFAULT 0 NOT NULL,
	`progress_message` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer DEFAULT 3 NOT NULL,
	`attempt_log` text DEFAULT '[]' NOT NULL,
	`idempotency_key` text,
	`priority` integer DEFAULT 0 NOT NULL,
	`cancel_requested` integer DEFAULT false NOT NULL,
	`owner_id` text,
	`owner_pid` integer,
	`worker_pid` integer,
	`heartbeat_at` integer,
	`run_after` integer DEFAULT 0 NOT NULL,
	`rev` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`started_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_idempotency_key_unique` ON `jobs` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `idx_jobs_claim` ON `jobs` (`status`,`resource`,`priority`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_jobs_updated` ON `jobs` (`updated_at`);--> statement-breakpoint
CREATE INDEX `idx_jobs_kind` ON `jobs` (`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `media_objects` (
	`id` text PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`rel_path` text NOT NULL,
	`original_name` text,
	`provider` text,
	`model` text,
	`job_id` text,
	`meta` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `media_objects_sha256_unique` ON `media_objects` (`sha256`);--> statement-breakpoint
CREATE INDEX `idx_media_created` ON `media_objects` (`created_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `shaders` (
	`id` text PRIMARY KEY NOT NULL,
	`author_id` text,
	`title` text NOT NULL,
	`description` text,
	`glsl_code` text NOT NULL,
	`passes` text,
	`is_public` integer DEFAULT true NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`is_ai_generated` integer DEFAULT false NOT NULL,
	`ai_provider` text,
	`ai_model` text,
	`thumbnail_media_id` text,
	`preview_media_id` text,
	`render_status` text DEFAULT 'pending' NOT NULL,
	`render_error` text,
	`style_metadata` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`shader_type` text DEFAULT '2d' NOT NULL,
	`forked_from` text,
	`submitted_by_api_key` text,
	`view_count` integer DEFAULT 0 NOT NULL,
	`upvotes` integer DEFAULT 0 NOT NULL,
	`downvotes` integer DEFAULT 0 NOT NULL,
	`score` real DEFAULT 0 NOT NULL,
	`access_tier` text DEFAULT 'open' NOT NULL,
	`source_unlock_price_cents` integer,
	`commercial_license_price_cents` integer,
	`verified_creator_shader` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`thumbnail_media_id`) REFERENCES `media_objects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`preview_media_id`) REFERENCES `media_objects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idx_shaders_score` ON `shaders` (`score`);--> statement-breakpoint
CREATE INDEX `idx_shaders_created` ON `shaders` (`created_at`);--> statement-breakpoint
CREATE INDEX `idx_shaders_author` ON `shaders` (`author_id`);--> statement-breakpoint
CREATE INDEX `idx_shaders_forked` ON `shaders` (`forked_from`);--> statement-breakpoint
CREATE TABLE `source_unlocks` (
	`id` text PRIMARY KEY NOT NULL,
	`shader_id` text NOT NULL,
	`buyer_id` text NOT NULL,
	`license_type` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`platform_fee_cents` integer NOT NULL,
	`stripe_payment_intent_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`shader_id`) REFERENCES `shaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`buyer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`email` text,
	`role` text DEFAULT 'user' NOT NULL,
	`trust_tier` text DEFAULT 'standard' NOT NULL,
	`is_local_owner` integer DEFAULT false NOT NULL,
	`subscription_tier` text DEFAULT 'free' NOT NULL,
	`ai_credits_remaining` integer DEFAULT 0 NOT NULL,
	`stripe_customer_id` text,
	`is_verified_creator` integer DEFAULT false NOT NULL,
	`verified_creator_at` integer,
	`stripe_connect_account_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`last_active_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `votes` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`shader_id` text NOT NULL,
	`value` integer NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shader_id`) REFERENCES `shaders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_votes_user_shader` ON `votes` (`user_id`,`shader_id`);