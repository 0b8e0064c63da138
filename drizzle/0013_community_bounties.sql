CREATE TABLE `community_bounty_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`desire_id` text NOT NULL,
	`relay_url` text NOT NULL,
	`relay_desire_id` text NOT NULL,
	`tip_id` text,
	`tip_cents` integer,
	`checkout_url` text,
	`accepted_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uq_bounty_posts_relay` ON `community_bounty_posts` (`relay_url`,`relay_desire_id`);--> statement-breakpoint
CREATE INDEX `idx_bounty_posts_desire` ON `community_bounty_posts` (`desire_id`);