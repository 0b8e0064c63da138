/**
 * The runner's verdicts and queue fairness, with a scripted pool in place of worker processes
 * (the pool's own process handling is covered by test/integration/jobs.test.ts).
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database_ } from '../../electron/host/db/connection.js';
import { EventBus } from '../../electron/host/events/event-bus.js';
import { JobHookRegistry } from '../../electron/host/jobs/job-hooks.js';
import type { JobRow } from '../../electron/host/jobs/job-row.js';
import { JobRunner } from '../../electron/host/jobs/job-runner.js';
import { JobService } from '../../electron/host/jobs/job-service.js';
import { JobStore } from '../../electron/host/jobs/job-store.js';
import { waitForJob } from '../../electron/host/jobs/wait-for-job.js';
import type { RunCallbacks, RunOutcome, RunRequest, WorkerPool } from '../../electron/host/jobs/worker-pool.js';
import type { Logger } from '../../electron/host/logger.js';
import type { ResourceClass } from '../../shared/schemas/jobs.js';
import { tempHome } from '../helpers/host-process.js';

/** A pool with one slot per class whose runs end when the test says so. */
class ScriptedPool {
  readonly started: RunRequest[] = [];
  readonly cancelled: string[] = [];
  private readonly busy: Record<ResourceClass, number> = { gpu: 0, cpu: 0, io: 0 };
  private readonly pending = new Map<string, { resource: ResourceClass; resolve: (o: RunOutcome) => void }>();
  freeSlots(resource: ResourceClass): number {
    return 1 - this.busy[resource];
  }
  run(resource: ResourceClass, req: RunRequest, cb: RunCallbacks): Promise<RunOutcome> {
    this.busy[resource]++;
    this.started.push(req);
    cb.onStart(4242);
    return new Promise((resolve) => this.pending.set(req.jobId, { resource, resolve }));
  }
  cancel(jobId: string): void {
    this.cancelled.push(jobId);
    this.end(jobId, { type: 'error', message: 'Cancelled by request', cancelled: true, crashed: false });
  }
  end(jobId: string, outcome: RunOutcome): void {
    const p = this.pending.get(jobId);
    if (!p) throw new Error(`job ${jobId} is not running`);
    this.pending.delete(jobId);
    this.busy[p.resource]--;
    p.resolve(outcome);
  }
  isRunning(jobId: string): boolean {
    return this.pending.has(jobId);
  }
}

const quiet: Logger = { log: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const until = async (what: string, ok: () => boolean, ms = 3000) => {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

let db: Database_;
let store: JobStore;
let pool: ScriptedPool;
let hooks: JobHookRegistry;
let runner: JobRunner;
let bus: EventBus;
const seen = { succeeded: [] as unknown[], failed: [] as string[] };

beforeEach(() => {
  const home = tempHome();
  db = openDatabase(join(home, 'studio.db'));
  store = new JobStore(db);
  pool = new ScriptedPool();
  hooks = new JobHookRegistry();
  seen.succeeded = [];
  seen.failed = [];
  hooks.register('shader.render', {
    onSucceeded: (_job: JobRow, result: unknown) => void seen.succeeded.push(result),
    onFailed: (_job: JobRow, error: string) => void seen.failed.push(error),
  });
  bus = new EventBus();
  runner = new JobRunner(store, pool as unknown as WorkerPool, bus, quiet, { dataDir: home, providers: () => ({}) as never }, hooks);
  runner.start();
});
afterEach(async () => {
  await runner.stop();
  db.close();
});

const render = (priority: number) => {
  const { row } = store.create({ kind: 'shader.render', resource: 'gpu', input: { source: { image: { code: 'x' } } }, maxAttempts: 2, priority });
  runner.wake();
  return row;
};
const renderOutput = (ok: boolean) => ({ ok, failure: ok ? null : { code: 'compile_error', message: "'nope' : undeclared identifier" }, diagnostics: [] });

describe('job verdicts', () => {
  it('a shader.render whose shader failed is a failed job: the output is kept and went to onSucceeded, onFailed is not called', async () => {
    const job = render(0);
    await until('the render to start', () => pool.isRunning(job.id));
    pool.end(job.id, { type: 'result', result: renderOutput(false) });
    await until('the job to end', () => store.get(job.id)!.status !== 'running');
    const row = store.get(job.id)!;
    expect(row.status).toBe('failed');
    expect(row.error).toBe("'nope' : undeclared identifier");
    expect(row.result).toMatchObject({ ok: false, failure: { code: 'compile_error' } });
    expect(row.attempts).toBe(1); // retryable: false
    expect(seen.succeeded).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.failed).toEqual([]);
  });

  it('a shader.render that rendered is a succeeded job', async () => {
    const job = render(0);
    await until('the render to start', () => pool.isRunning(job.id));
    pool.end(job.id, { type: 'result', result: renderOutput(true) });
    await until('the job to end', () => store.get(job.id)!.status !== 'running');
    expect(store.get(job.id)!.status).toBe('succeeded');
    expect(store.get(job.id)!.error).toBeNull();
  });

  it('a thrown error still fails through onFailed', async () => {
    const job = render(0);
    store.get(job.id);
    db.sqlite.prepare('update jobs set max_attempts = 1 where id = ?').run(job.id);
    await until('the render to start', () => pool.isRunning(job.id));
    pool.end(job.id, { type: 'error', message: 'Chromium did not start', cancelled: false, crashed: false });
    await until('onFailed', () => seen.failed.length === 1);
    expect(store.get(job.id)!.status).toBe('failed');
    expect(seen.failed).toEqual(['Chromium did not start']);
  });
});

describe('hook errors', () => {
  const diagnose = (throwing: Error) => {
    hooks.register('system.diagnose', {
      onSucceeded: () => {
        throw throwing;
      },
    });
    const { row } = store.create({ kind: 'system.diagnose', resource: 'io', input: {}, maxAttempts: 3 });
    runner.wake();
    return row;
  };

  it('an onSucceeded error is retried while attempts remain', async () => {
    const job = diagnose(new Error('relay could not be reached'));
    await until('the job to start', () => pool.isRunning(job.id));
    pool.end(job.id, { type: 'result', result: {} });
    await until('the attempt to end', () => store.get(job.id)!.status !== 'running');
    expect(store.get(job.id)).toMatchObject({ status: 'queued', attempts: 1, error: 'Saving the result failed: relay could not be reached' });
  });

  it('an onSucceeded error marked retryable: false fails the job at once (a refusal a new attempt would meet again)', async () => {
    const job = diagnose(Object.assign(new Error('the relay said “limit reached”'), { retryable: false }));
    await until('the job to start', () => pool.isRunning(job.id));
    pool.end(job.id, { type: 'result', result: {} });
    await until('the job to end', () => store.get(job.id)!.status !== 'running');
    expect(store.get(job.id)).toMatchObject({ status: 'failed', attempts: 1, error: 'Saving the result failed: the relay said “limit reached”' });
  });
});

describe('JobStore.complete', () => {
  it('records completed_with_problems with the message as error and the result kept', () => {
    const { row } = store.create({ kind: 'system.diagnose', resource: 'io', input: {}, maxAttempts: 2 });
    db.sqlite.prepare("update jobs set status = 'running', owner_id = 'me', attempts = 1, attempt_log = ? where id = ?").run(
      JSON.stringify([{ attempt: 1, startedAt: Date.now(), finishedAt: null, outcome: 'running', error: null, workerPid: null }]),
      row.id,
    );
    const done = store.complete(row.id, 'me', { n: 1 }, { outcome: 'problems', message: '2 of 5 probes failed' })!;
    expect(done.status).toBe('completed_with_problems');
    expect(done.error).toBe('2 of 5 probes failed');
    expect(done.result).toEqual({ n: 1 });
    expect(done.attemptLog).toMatchObject([{ outcome: 'completed_with_problems', error: '2 of 5 probes failed' }]);
    expect(store.countByStatus().completed_with_problems).toBe(1);
  });

  it('a retryable failed verdict requeues while attempts remain', () => {
    const { row } = store.create({ kind: 'system.diagnose', resource: 'io', input: {}, maxAttempts: 2 });
    store.claimNext('io', 'me', ['system.diagnose']);
    const again = store.complete(row.id, 'me', { n: 1 }, { outcome: 'failed', message: 'budget', retryable: true })!;
    expect(again.status).toBe('queued');
    expect(again.error).toBe('budget');
  });
});

describe('queue fairness', () => {
  it('runs foreground work before queued background work', async () => {
    const blocker = render(0);
    await until('the first render to start', () => pool.isRunning(blocker.id));
    const bg = render(-10);
    const fg = render(10);
    pool.end(blocker.id, { type: 'result', result: renderOutput(true) });
    await until('the next render to start', () => pool.started.length === 2);
    expect(pool.started[1]!.jobId).toBe(fg.id);
    expect(store.get(bg.id)!.status).toBe('queued');
  });

  it('preempts a running background render for foreground work and requeues it without spending an attempt', async () => {
    const bg = render(-10);
    await until('the background render to start', () => pool.isRunning(bg.id));
    const fg = render(10);
    await until('the foreground render to start', () => pool.isRunning(fg.id));
    expect(pool.cancelled).toEqual([bg.id]);
    const paused = store.get(bg.id)!;
    expect(paused.status).toBe('queued');
    expect(paused.attempts).toBe(0);
    expect((paused.attemptLog as { outcome: string }[]).map((a) => a.outcome)).toEqual(['preempted']);
    expect(seen.failed).toEqual([]);
    pool.end(fg.id, { type: 'result', result: renderOutput(true) });
    await until('the background render to run again', () => pool.isRunning(bg.id));
    pool.end(bg.id, { type: 'result', result: renderOutput(true) });
    await until('the background render to finish', () => store.get(bg.id)!.status === 'succeeded');
    expect(store.get(bg.id)!.attempts).toBe(1);
  });

  it('never preempts foreground work for other foreground work', async () => {
    const first = render(0);
    await until('the first render to start', () => pool.isRunning(first.id));
    render(10);
    await new Promise((r) => setTimeout(r, 400));
    expect(pool.cancelled).toEqual([]);
    expect(pool.isRunning(first.id)).toBe(true);
  });
});

describe('waitForJob', () => {
  it('counts running time only: a job that waited in the queue longer than the timeout still resolves', async () => {
    const jobs = new JobService(store, runner);
    const blocker = render(0);
    await until('the first render to start', () => pool.isRunning(blocker.id));
    const queued = render(0);
    const waiting = waitForJob({ bus, jobs }, queued.id, { timeoutMs: 300 });
    await new Promise((r) => setTimeout(r, 500)); // queued for longer than the timeout
    pool.end(blocker.id, { type: 'result', result: renderOutput(true) });
    await until('the second render to start', () => pool.isRunning(queued.id));
    pool.end(queued.id, { type: 'result', result: renderOutput(true) });
    await expect(waiting).resolves.toMatchObject({ id: queued.id, status: 'succeeded' });
  });

  it('times out a job that runs past the timeout', async () => {
    const jobs = new JobService(store, runner);
    const job = render(0);
    const waiting = waitForJob({ bus, jobs }, job.id, { timeoutMs: 200 });
    await expect(waiting).rejects.toThrow(/ran for 0 s without finishing|still running/);
    expect(pool.isRunning(job.id)).toBe(true);
  });
});

describe('system.diagnose verdict', () => {
  it('completes with problems when a probe reports an error, and succeeds otherwise', async () => {
    const { systemDiagnose } = await import('../../shared/jobs/system-diagnose.js');
    const probe = (status: 'ok' | 'error', label: string) => ({ id: label, label, status, version: null, detail: status === 'ok' ? 'fine' : 'not found', source: null, durationMs: 1 });
    expect(systemDiagnose.verdict!({ ok: true, probes: [probe('ok', 'SQLite')] })).toEqual({ outcome: 'succeeded' });
    expect(systemDiagnose.verdict!({ ok: false, probes: [probe('ok', 'SQLite'), probe('error', 'ffmpeg')] })).toEqual({ outcome: 'problems', message: '1 probe reported an error: ffmpeg: not found' });
  });
});
