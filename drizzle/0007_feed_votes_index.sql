-- A user's votes newest first (the feed's "seen" exclusion and its "similar to what you upvoted"
-- labels), without reading every vote the user ever cast.
CREATE INDEX IF NOT EXISTS `idx_votes_user_created` ON `votes` (`user_id`, `created_at`);
--> statement-breakpoint
-- For a data dir that applied the first cut of 0005 (before shader_style_codes was part of it).
CREATE TABLE IF NOT EXISTS `shader_style_codes` (`shader_id` text PRIMARY KEY NOT NULL, `code` blob NOT NULL, `q8` blob NOT NULL, `scale` real NOT NULL);
