import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database_ } from '../../electron/host/db/connection.js';
import { JobStore } from '../../electron/host/jobs/job-store.js';
import { tempHome } from '../helpers/host-process.js';

let db: Database_;
let store: JobStore;
beforeEach(() => {
  db = openDatabase(join(tempHome(), 'studio.db'));
  store = new JobStore(db);
});
afterEach(() => db.close());

const job = (over: Partial<Parameters<JobStore['create']>[0]> = {}) => store.create({ kind: 'system.diagnose', resource: 'io', input: {}, maxAttempts: 2, ...over }).row;

describe('JobStore', () => {
  it('claims a job once, records the attempt, and completes it', () => {
    const j = job();
    const claimed = store.claimNext('io', 'me', ['system.diagnose'])!;
    expect(claimed.id).toBe(j.id);
    expect(claimed.status).toBe('running');
    expect(claimed.attempts).toBe(1);
    expect(store.claimNext('io', 'other', ['system.diagnose'])).toBeUndefined();
    expect(store.progress(j.id, 'other', 0.5, 'x')).toBeUndefined();
    expect(store.progress(j.id, 'me', 0.5, 'half')?.progress).toBe(0.5);
    const done = store.succeed(j.id, 'me', { ok: true })!;
    expect(done.status).toBe('succeeded');
    expect(done.attemptLog).toMatchObject([{ attempt: 1, outcome: 'succeeded' }]);
  });

  it('only claims kinds and resource classes it was asked for', () => {
    job({ resource: 'gpu' });
    expect(store.claimNext('io', 'me', ['system.diagnose'])).toBeUndefined();
    expect(store.claimNext('gpu', 'me', ['other.kind'])).toBeUndefined();
    expect(store.claimNext('gpu', 'me', ['system.diagnose'])).toBeDefined();
  });

  it('requeues a failed attempt with backoff and fails for good when attempts run out', () => {
    const j = job();
    store.claimNext('io', 'me', ['system.diagnose']);
    const again = store.failAttempt(j.id, 'me', 'boom')!;
    expect(again.status).toBe('queued');
    expect(again.runAfter).toBeGreaterThan(Date.now());
    expect(store.claimNext('io', 'me', ['system.diagnose'])).toBeUndefined();
    db.sqlite.prepare('update jobs set run_after = 0 where id = ?').run(j.id);
    store.claimNext('io', 'me', ['system.diagnose']);
    const dead = store.failAttempt(j.id, 'me', 'boom again')!;
    expect(dead.status).toBe('failed');
    expect(dead.error).toBe('boom again');
    expect((dead.attemptLog as { outcome: string }[]).map((a) => a.outcome)).toEqual(['failed', 'failed']);
  });

  it('cancels queued jobs at once and flags running ones', () => {
    const q = job();
    expect(store.requestCancel(q.id).status).toBe('cancelled');
    const r = job();
    store.claimNext('io', 'me', ['system.diagnose']);
    const flagged = store.requestCancel(r.id);
    expect(flagged.status).toBe('running');
    expect(flagged.cancelRequested).toBe(true);
    expect(store.markCancelled(r.id, 'me')?.status).toBe('cancelled');
    expect(() => store.requestCancel(r.id)).toThrow(/already cancelled/);
  });

  it('finds orphans of dead runners and recovers them with a reason', () => {
    const j = job();
    store.claimNext('io', 'dead-runner', ['system.diagnose']);
    db.sqlite.prepare('update jobs set owner_pid = 999999 where id = ?').run(j.id);
    const orphans = store.findOrphans('me', (pid) => pid !== 999999, 60_000);
    expect(orphans.map((o) => o.id)).toEqual([j.id]);
    const rec = store.recoverOrphan(orphans[0]!, 'Interrupted: test')!;
    expect(rec.status).toBe('queued');
    expect((rec.attemptLog as unknown[])[0]).toMatchObject({ outcome: 'failed', error: 'Interrupted: test' });
    // A second recovery of the same stale row does nothing (guarded by rev).
    expect(store.recoverOrphan(orphans[0]!, 'again')).toBeUndefined();
  });

  it('treats a live runner with a stopped heartbeat as an orphan', () => {
    const j = job();
    store.claimNext('io', 'stuck', ['system.diagnose']);
    db.sqlite.prepare('update jobs set heartbeat_at = ? where id = ?').run(Date.now() - 120_000, j.id);
    expect(store.findOrphans('me', () => true, 60_000).map((o) => o.id)).toEqual([j.id]);
  });
});
