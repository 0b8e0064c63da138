import { closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { vecLoadablePath } from '../../../worker/probes/sqlite.js';
import { chmodPrivate, PRIVATE_FILE_MODE } from '../data-dir.js';
import { MIGRATIONS_DIR } from '../package-root.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Database_ {
  sqlite: Database.Database;
  db: Db;
  versions: { sqlite: string; vec: string | null; journalMode: string; schemaVersion: string | null };
  close(): void;
}

/**
 * Opens studio.db the way every process must (host, `auteur mcp`, tests): WAL so readers never
 * block the writer, a busy timeout so two processes wait rather than fail, foreign keys on,
 * sqlite-vec loaded, and migrations applied.
 */
export function openDatabase(path: string, opts: { migrate?: boolean } = {}): Database_ {
  // Owner-only before SQLite opens it: SQLite creates -wal and -shm with the database file's mode.
  if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  chmodPrivate(path);
  const sqlite = new Database(path);
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  let vec: string | null = null;
  try {
    sqlite.loadExtension(vecLoadablePath());
    vec = (sqlite.prepare('select vec_version() as v').get() as { v: string }).v;
  } catch (err) {
    sqlite.close();
    throw new Error(`Could not load sqlite-vec (${vecLoadablePath()}): ${(err as Error).message}. Reinstall the app or run \`npm install\`.`);
  }
  const db = drizzle(sqlite, { schema });
  if (opts.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  // Sidecars an older build left world-readable (new ones inherit the mode set above).
  for (const suffix of ['-wal', '-shm']) chmodPrivate(`${path}${suffix}`);
  const sqliteVersion = (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v;
  const journalMode = sqlite.pragma('journal_mode', { simple: true }) as string;
  return {
    sqlite,
    db,
    versions: { sqlite: sqliteVersion, vec, journalMode, schemaVersion: lastMigration(sqlite) },
    close: () => sqlite.close(),
  };
}

function lastMigration(sqlite: Database.Database): string | null {
  try {
    const row = sqlite.prepare('select hash, created_at from __drizzle_migrations order by created_at desc limit 1').get() as
      | { hash: string; created_at: number }
      | undefined;
    const count = (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
    return row ? `${count} migrations (latest ${new Date(Number(row.created_at)).toISOString().slice(0, 10)})` : null;
  } catch {
    return null;
  }
}
