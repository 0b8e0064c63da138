import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import type { Probe } from './probe.js';

/** sqlite-vec's loadable lives inside node_modules; in a packaged app it is unpacked from the asar. */
export function vecLoadablePath(): string {
  return sqliteVec.getLoadablePath().replace(`app.asar${'/'}`, 'app.asar.unpacked/');
}

export const sqliteProbe: Probe = {
  id: 'sqlite',
  label: 'SQLite database',
  async run({ dataDir }) {
    const dbPath = join(dataDir, 'studio.db');
    if (!existsSync(dbPath)) {
      const mem = new Database(':memory:');
      const v = (mem.prepare('select sqlite_version() as v').get() as { v: string }).v;
      mem.close();
      return { status: 'warn', version: v, detail: `SQLite ${v} works; ${dbPath} does not exist yet (it is created when the host starts).` };
    }
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      const v = (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
      const check = db.pragma('quick_check', { simple: true }) as string;
      const mode = db.pragma('journal_mode', { simple: true }) as string;
      const tables = (db.prepare("select count(*) as n from sqlite_master where type='table'").get() as { n: number }).n;
      if (check !== 'ok') return { status: 'error', version: v, detail: `Integrity check of ${dbPath} failed: ${check}` };
      return { status: 'ok', version: v, detail: `${dbPath}: integrity ok, journal ${mode}, ${tables} tables` };
    } finally {
      db.close();
    }
  },
};

export const sqliteVecProbe: Probe = {
  id: 'sqlite-vec',
  label: 'sqlite-vec extension',
  async run() {
    const db = new Database(':memory:');
    try {
      db.loadExtension(vecLoadablePath());
      const v = (db.prepare('select vec_version() as v').get() as { v: string }).v;
      // A real nearest-neighbour query, not just a version string.
      db.exec('create virtual table t using vec0(embedding float[3] distance_metric=cosine)');
      const ins = db.prepare('insert into t(rowid, embedding) values (?, ?)');
      ins.run(1n, new Float32Array([1, 0, 0]));
      ins.run(2n, new Float32Array([0, 1, 0]));
      const hit = db.prepare('select rowid from t where embedding match ? and k = 1').get(new Float32Array([0.9, 0.1, 0])) as { rowid: number };
      if (Number(hit.rowid) !== 1) return { status: 'error', version: v, detail: 'sqlite-vec loaded but a KNN query returned the wrong neighbour' };
      return { status: 'ok', version: v, detail: `vec0 KNN query ok (${vecLoadablePath()})`, source: 'bundled' };
    } finally {
      db.close();
    }
  },
};
