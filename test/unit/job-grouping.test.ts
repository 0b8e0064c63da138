import { describe, expect, it } from 'vitest';
import type { Job } from '../../shared/schemas/jobs.js';
import { groupJobs } from '../../renderer/jobs/grouping.js';
import { mergeJobIntoList } from '../../renderer/jobs/cache.js';

let n = 0;
const job = (kind: string, status: Job['status'], error: string | null = null): Job => ({
  id: `j${++n}`,
  kind,
  status,
  resource: 'gpu',
  input: {},
  result: null,
  error,
  progress: 1,
  progressMessage: null,
  attempts: 1,
  maxAttempts: 2,
  priority: 0,
  attemptLog: [],
  idempotencyKey: null,
  cancelRequested: false,
  retryRefusal: null,
  createdAt: new Date(1_000_000 - n * 1000).toISOString(),
  updatedAt: new Date(1_000_000 - n * 1000).toISOString(),
  startedAt: null,
  finishedAt: null,
});

describe('groupJobs', () => {
  it('groups runs of one kind with their status counts and failure reasons', () => {
    const jobs = [
      job('system.diagnose', 'succeeded'),
      ...Array.from({ length: 3 }, () => job('shader.render', 'succeeded')),
      job('shader.render', 'failed', 'Frame 1 did not finish within 8.0 s'),
      job('shader.render', 'failed', 'Frame 1 did not finish within 8.0 s'),
      job('shader.render', 'failed', "'nope' : undeclared identifier"),
      job('shader.render', 'completed_with_problems', 'preview skipped'),
      job('system.diagnose', 'succeeded'),
    ];
    const groups = groupJobs(jobs);
    expect(groups.map((g) => [g.kind, g.jobs.length])).toEqual([
      ['system.diagnose', 1],
      ['shader.render', 7],
      ['system.diagnose', 1],
    ]);
    expect(groups[1]!.byStatus).toEqual({ succeeded: 3, failed: 3, completed_with_problems: 1 });
    expect(groups[1]!.reasons).toEqual([
      { reason: 'Frame 1 did not finish within 8.0 s', count: 2, status: 'failed' },
      { reason: "'nope' : undeclared identifier", count: 1, status: 'failed' },
      { reason: 'preview skipped', count: 1, status: 'completed_with_problems' },
    ]);
  });
});

describe('mergeJobIntoList', () => {
  it('inserts new jobs on the first page only and keeps the page cursor', () => {
    const a = job('shader.render', 'queued');
    const fresh = job('shader.render', 'queued');
    fresh.createdAt = new Date(2_000_000).toISOString();
    const first = mergeJobIntoList({ jobs: [a], nextCursor: 'c1' }, fresh, { limit: 50 });
    expect(first.jobs.map((j) => j.id)).toEqual([fresh.id, a.id]);
    expect(first.nextCursor).toBe('c1');
    const older = mergeJobIntoList({ jobs: [a], nextCursor: null }, fresh, { limit: 50, cursor: 'c1' });
    expect(older.jobs.map((j) => j.id)).toEqual([a.id]);
    const updated = mergeJobIntoList({ jobs: [a], nextCursor: null }, { ...a, status: 'failed', updatedAt: new Date(3_000_000).toISOString() }, { limit: 50, cursor: 'c1' });
    expect(updated.jobs[0]!.status).toBe('failed');
  });
});
