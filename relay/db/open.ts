import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.js';

/** The relay's database handle: the same drizzle API over PGlite or node-postgres. */
export type RelayDb = PgDatabase<PgQueryResultHKT, typeof schema>;
export type RelayTx = PgTransaction<PgQueryResultHKT, typeof schema, any>;

export interface OpenedDb {
  db: RelayDb;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** relay/drizzle, found the same from relay/db/*.ts (source) and dist/relay/main.js (bundle). */
const MIGRATIONS = fileURLToPath(new URL('../../relay/drizzle', import.meta.url));
/** Any fixed number: every relay process takes this advisory lock while it migrates. */
const MIGRATION_LOCK = 7_140_014;

/**
 * Opens PostgreSQL when `databaseUrl` is set, else PGlite in `dataDir` (or in memory when
 * dataDir is 'memory://'), and applies the migrations before returning.
 */
export async function openDb(opts: { databaseUrl?: string | undefined; dataDir: string }): Promise<OpenedDb> {
  if (opts.databaseUrl) {
    // Several relay processes may start at once: migrate under an advisory lock on one client.
    const client = new pg.Client({ connectionString: opts.databaseUrl });
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(drizzlePg({ client, schema }), { migrationsFolder: MIGRATIONS });
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    } finally {
      await client.end();
    }
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 20 });
    const db = drizzlePg({ client: pool, schema }) as unknown as RelayDb;
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const memory = opts.dataDir === 'memory://';
  if (!memory) mkdirSync(opts.dataDir, { recursive: true });
  const client = memory ? new PGlite() : new PGlite(opts.dataDir);
  const pdb = drizzlePglite({ client, schema });
  await migratePglite(pdb, { migrationsFolder: MIGRATIONS });
  return { db: pdb as unknown as RelayDb, kind: 'pglite', close: () => client.close() };
}
