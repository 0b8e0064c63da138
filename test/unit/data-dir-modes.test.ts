import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDataDir, resolveDataDir } from '../../electron/host/data-dir.js';
import { openDatabase } from '../../electron/host/db/connection.js';
import { createLogger } from '../../electron/host/logger.js';
import { tempHome } from '../helpers/host-process.js';

const mode = (p: string) => statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('data dir permissions', () => {
  it('a fresh data dir is 0700 and studio.db, -wal, -shm and host.log are 0600', () => {
    const dir = resolveDataDir(join(tempHome(), 'fresh'));
    ensureDataDir(dir);
    const db = openDatabase(dir.dbPath);
    db.sqlite.prepare("insert into settings (key, value) values ('mode-test', '1')").run();
    createLogger(dir.logsDir, { echo: () => {} }).warn('hello');
    try {
      for (const d of [dir.root, dir.mediaDir, dir.logsDir]) expect(mode(d), d).toBe(0o700);
      for (const f of [dir.dbPath, `${dir.dbPath}-wal`, `${dir.dbPath}-shm`, join(dir.logsDir, 'host.log')]) expect(mode(f), f).toBe(0o600);
    } finally {
      db.close();
    }
  });

  it('tightens a data dir an older build left world-readable', () => {
    const dir = resolveDataDir(join(tempHome(), 'old'));
    for (const d of [dir.root, dir.mediaDir, dir.logsDir]) {
      mkdirSync(d, { recursive: true });
      chmodSync(d, 0o755);
    }
    const first = openDatabase(dir.dbPath);
    first.sqlite.prepare("insert into settings (key, value) values ('mode-test', '1')").run();
    for (const f of [dir.dbPath, `${dir.dbPath}-wal`, `${dir.dbPath}-shm`]) chmodSync(f, 0o644);
    writeFileSync(join(dir.logsDir, 'host.log'), 'old line\n', { mode: 0o644 });
    chmodSync(join(dir.logsDir, 'host.log'), 0o644);

    ensureDataDir(dir);
    const again = openDatabase(dir.dbPath);
    createLogger(dir.logsDir, { echo: () => {} }).info('again');
    try {
      for (const d of [dir.root, dir.mediaDir, dir.logsDir]) expect(mode(d), d).toBe(0o700);
      for (const f of [dir.dbPath, `${dir.dbPath}-wal`, `${dir.dbPath}-shm`, join(dir.logsDir, 'host.log')]) expect(mode(f), f).toBe(0o600);
    } finally {
      again.close();
      first.close();
    }
  });
});
