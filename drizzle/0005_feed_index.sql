-- Change log of the in-memory feed index (electron/host/shaders/feed-index.ts): every change to
-- what decides a shader's place in the feed appends its id here, by triggers on `shaders` and by
-- vectors.ts for style vectors (vec0 tables take no triggers; vector = 1 then). The index applies
-- rows after the last seq it read and prunes applied rows; AUTOINCREMENT keeps seq gap-free
-- unless rows are pruned, which is how an index in another process notices it must rebuild.
CREATE TABLE IF NOT EXISTS `feed_index_changes` (`seq` integer PRIMARY KEY AUTOINCREMENT, `shader_id` text NOT NULL, `vector` integer NOT NULL DEFAULT 0);
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `feed_index_shaders_ai` AFTER INSERT ON `shaders` BEGIN
  INSERT INTO feed_index_changes(shader_id) VALUES (new.id);
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `feed_index_shaders_ad` AFTER DELETE ON `shaders` BEGIN
  INSERT INTO feed_index_changes(shader_id) VALUES (old.id);
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `feed_index_shaders_au` AFTER UPDATE OF status, is_public, render_status, score, title, published_at, created_at ON `shaders`
WHEN old.status IS NOT new.status OR old.is_public IS NOT new.is_public OR old.render_status IS NOT new.render_status
  OR old.score IS NOT new.score OR old.title IS NOT new.title OR old.published_at IS NOT new.published_at OR old.created_at IS NOT new.created_at
BEGIN
  INSERT INTO feed_index_changes(shader_id) VALUES (new.id);
END;
--> statement-breakpoint
-- Compact codes of each shader's style vector (vector-codes.ts: 512-bit SimHash, int8 copy and its
-- scale), written with the vector by vectors.ts, so the feed index loads from a plain table
-- instead of reading every float vector out of vec0. Rows missing here (vectors written before
-- this migration) are filled in by the index on its first build.
CREATE TABLE IF NOT EXISTS `shader_style_codes` (`shader_id` text PRIMARY KEY NOT NULL, `code` blob NOT NULL, `q8` blob NOT NULL, `scale` real NOT NULL);
