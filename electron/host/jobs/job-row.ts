import type { InferSelectModel } from 'drizzle-orm';
import type { Job, JobAttempt } from '../../../shared/schemas/jobs.js';
import type { jobs } from '../db/schema.js';

export type JobRow = InferSelectModel<typeof jobs>;

/** Attempt log as stored: epoch ms, turned into ISO dates on the way out. */
export interface StoredAttempt {
  attempt: number;
  startedAt: number;
  finishedAt: number | null;
  outcome: JobAttempt['outcome'];
  error: string | null;
  workerPid: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms == null ? null : iso(ms));

export function toJob(row: JobRow): Job {
  const log = (row.attemptLog as StoredAttempt[] | null) ?? [];
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    resource: row.resource,
    input: row.input,
    result: row.result ?? null,
    error: row.error,
    progress: row.progress,
    progressMessage: row.progressMessage,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    priority: row.priority,
    attemptLog: log.map((a) => ({ ...a, startedAt: iso(a.startedAt), finishedAt: isoOrNull(a.finishedAt) })),
    idempotencyKey: row.idempotencyKey,
    cancelRequested: row.cancelRequested,
    retryRefusal: row.retryRefusal ?? null,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    startedAt: isoOrNull(row.startedAt),
    finishedAt: isoOrNull(row.finishedAt),
  };
}

/** Closes the open (last) attempt entry with an outcome. */
export function closeAttempt(log: StoredAttempt[], outcome: StoredAttempt['outcome'], error: string | null, at: number): StoredAttempt[] {
  const copy = log.map((a) => ({ ...a }));
  const last = copy[copy.length - 1];
  if (last && last.outcome === 'running') Object.assign(last, { outcome, error, finishedAt: at });
  return copy;
}
