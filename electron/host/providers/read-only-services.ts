import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { DataDir } from '../data-dir.js';
import * as schema from '../db/schema.js';
import { createProviderServices, type ProviderServices } from './provider-services.js';
import { ProviderSettingsStore, type SettingsStore } from './settings-store.js';

const NOTHING_SAVED: SettingsStore = {
  readSettings: () => ({ settings: {}, problem: null }),
  readSecrets: () => new Map(),
  write: () => {
    throw new Error('Provider settings cannot be saved from here: start the host (`auteur serve`) and use Settings → Providers.');
  },
};

/**
 * Provider services for `auteur doctor`: saved settings read from studio.db without migrating
 * or locking it (a host may be running on it), env on top, keys decrypted with the data dir's
 * key file. A missing database means nothing was saved yet.
 */
export function readOnlyProviderServices(dir: DataDir, env: NodeJS.ProcessEnv = process.env): { services: ProviderServices; close(): void } {
  if (!existsSync(dir.dbPath)) return { services: createProviderServices({ store: NOTHING_SAVED, dataDir: dir.root, env }), close: () => undefined };
  const sqlite = new Database(dir.dbPath, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const hasTable = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'settings'").get() !== undefined;
  const store = hasTable ? new ProviderSettingsStore(drizzle(sqlite, { schema })) : NOTHING_SAVED;
  return { services: createProviderServices({ store, dataDir: dir.root, env }), close: () => sqlite.close() };
}
