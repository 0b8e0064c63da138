/**
 * A job's timeout counts its running time: a worker process that is slow to start (fork + module
 * load on a loaded machine) does not eat it, and a job that runs too long still times out.
 */
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { WorkerPool } from '../../electron/host/jobs/worker-pool.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { ROOT } from '../helpers/host-process.js';

const ENTRY = join(ROOT, 'test', 'fixtures', 'slow-start-worker.mjs');
const pools: WorkerPool[] = [];
afterEach(async () => {
  for (const p of pools.splice(0)) await p.close();
});

const noop = { onStart: () => {}, onProgress: () => {}, onLog: () => {} };
const req = (jobId: string, kind: string, timeoutMs: number) => ({ jobId, kind, input: {}, attempt: 1, dataDir: ROOT, timeoutMs, providers: WorkerProviderConfig.parse({}) });

it('does not count a cold worker start against the job timeout', async () => {
  const pool = new WorkerPool(ENTRY, { gpu: 1, cpu: 1, io: 1 });
  pools.push(pool);
  // 2.5 s to start + 0.3 s of work, with a 1.5 s timeout: fits, because the clock starts at "ready".
  const out = await pool.run('cpu', req('a', 'work', 1500), noop);
  expect(out).toEqual({ type: 'result', result: { ok: true } });
  // Warm now: the clock starts at once.
  expect(await pool.run('cpu', req('b', 'work', 1500), noop)).toEqual({ type: 'result', result: { ok: true } });
});

it('still times out a job that runs past its timeout', async () => {
  const pool = new WorkerPool(ENTRY, { gpu: 1, cpu: 1, io: 1 });
  pools.push(pool);
  const out = await pool.run('cpu', req('c', 'hang', 400), noop);
  expect(out).toMatchObject({ type: 'error', message: expect.stringMatching(/Timed out after 0 s of running/) });
});
