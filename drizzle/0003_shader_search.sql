-- Shader text search (FTS5, porter stemming) over title, description and tags, kept in sync by
-- triggers. FTS rows are keyed by `shader_search_ids.search_rowid` (INTEGER PRIMARY KEY, so it
-- survives VACUUM, unlike the implicit rowid of `shaders`, whose key is text).
CREATE TABLE IF NOT EXISTS `shader_search_ids` (`search_rowid` integer PRIMARY KEY, `shader_id` text NOT NULL UNIQUE);
--> statement-breakpoint
CREATE VIRTUAL TABLE IF NOT EXISTS `shaders_fts` USING fts5(title, description, tags, tokenize='porter unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `shaders_fts_ai` AFTER INSERT ON `shaders` BEGIN
  INSERT INTO shader_search_ids(shader_id) VALUES (new.id);
  INSERT INTO shaders_fts(rowid, title, description, tags) VALUES (
    (SELECT search_rowid FROM shader_search_ids WHERE shader_id = new.id),
    new.title, coalesce(new.description, ''),
    (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(new.tags)));
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `shaders_fts_au` AFTER UPDATE OF title, description, tags ON `shaders` BEGIN
  DELETE FROM shaders_fts WHERE rowid = (SELECT search_rowid FROM shader_search_ids WHERE shader_id = old.id);
  INSERT INTO shaders_fts(rowid, title, description, tags) VALUES (
    (SELECT search_rowid FROM shader_search_ids WHERE shader_id = new.id),
    new.title, coalesce(new.description, ''),
    (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(new.tags)));
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `shaders_fts_ad` AFTER DELETE ON `shaders` BEGIN
  DELETE FROM shaders_fts WHERE rowid = (SELECT search_rowid FROM shader_search_ids WHERE shader_id = old.id);
  DELETE FROM shader_search_ids WHERE shader_id = old.id;
END;
--> statement-breakpoint
-- Rows that existed before this migration.
INSERT OR IGNORE INTO shader_search_ids(shader_id) SELECT id FROM shaders;
--> statement-breakpoint
INSERT INTO shaders_fts(rowid, title, description, tags)
  SELECT m.search_rowid, s.title, coalesce(s.description, ''), (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(s.tags))
  FROM shaders s JOIN shader_search_ids m ON m.shader_id = s.id;
