CREATE TABLE `liveloop_channels` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`loop_mode` text DEFAULT 'loop' NOT NULL,
	`shuffle` integer DEFAULT false NOT NULL,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`profile` text NOT NULL,
	`items` text NOT NULL,
	`playlist` text NOT NULL,
	`blocks` text NOT NULL,
	`schedule` text NOT NULL,
	`fillers` text NOT NULL,
	`anchor` text NOT NULL,
	`history` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_liveloop_channels_default` ON `liveloop_channels` (`is_default`);