import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { openDatabase } from '../../electron/host/db/connection.js';
import { JobStore } from '../../electron/host/jobs/job-store.js';
import { ROOT, tempHome } from '../helpers/host-process.js';

const run = promisify(execFile);

it('never lets two processes on the same studio.db claim one job twice', async () => {
  const dbPath = join(tempHome(), 'studio.db');
  const db = openDatabase(dbPath);
  const store = new JobStore(db);
  const N = 1500;
  for (let i = 0; i < N; i++) store.create({ kind: 'system.diagnose', resource: 'cpu', input: {}, maxAttempts: 1 });
  db.close();

  const script = join(ROOT, 'test', 'fixtures', 'claim-loop.mjs');
  const outs = await Promise.all(['a', 'b', 'c'].map((l) => run(process.execPath, [script, dbPath, l])));
  const claims = outs.map((o) => JSON.parse(o.stdout) as string[]);
  const all = claims.flat();
  expect(all).toHaveLength(N);
  expect(new Set(all).size).toBe(N);
  // Each process got a share: the claims really raced.
  expect(claims.filter((c) => c.length > 0).length).toBeGreaterThanOrEqual(2);

  const check = openDatabase(dbPath);
  const counts = new JobStore(check).countByStatus();
  check.close();
  expect(counts.succeeded).toBe(N);
});
