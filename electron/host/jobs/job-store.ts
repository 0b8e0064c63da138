import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, gte, inArray, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import type { JobVerdict } from '../../../shared/jobs/define.js';
import { JOB_STATUSES, type JobCounts, type JobListQuery, type JobStatus, type ResourceClass } from '../../../shared/schemas/jobs.js';
import type { Database_ } from '../db/connection.js';
import { jobs } from '../db/schema.js';
import { closeAttempt, type JobRow, type StoredAttempt } from './job-row.js';

export class IdempotencyConflictError extends Error {
  constructor(key: string) {
    super(`Idempotency-Key "${key}" was already used for a different request (other kind or input)`);
    this.name = 'IdempotencyConflictError';
  }
}

export class JobStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobStateError';
  }
}

export interface NewJob {
  kind: string;
  resource: ResourceClass;
  input: unknown;
  maxAttempts: number;
  idempotencyKey?: string | null;
  userId?: string | null;
  priority?: number;
}

function decodeCursor(cursor: string): { createdAt: number; id: string } {
  const dot = cursor.indexOf('.');
  const createdAt = Number(cursor.slice(0, dot));
  if (dot < 1 || !Number.isFinite(createdAt)) throw new JobStateError(`Invalid cursor "${cursor}": pass the nextCursor of a previous page`);
  return { createdAt, id: cursor.slice(dot + 1) };
}

const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 30_000;

/**
 * Durable job state in SQLite. Every transition is one statement or one IMMEDIATE transaction,
 * guarded by the expected status and owner, so several processes sharing studio.db can never
 * run a job twice or overwrite each other's transitions.
 */
export class JobStore {
  private readonly db;
  constructor(private readonly database: Database_) {
    this.db = database.db;
  }

  create(job: NewJob): { row: JobRow; created: boolean } {
    return this.database.sqlite.transaction(() => {
      if (job.idempotencyKey) {
        const existing = this.db.select().from(jobs).where(eq(jobs.idempotencyKey, job.idempotencyKey)).get();
        if (existing) {
          if (existing.kind !== job.kind || JSON.stringify(existing.input) !== JSON.stringify(job.input)) {
            throw new IdempotencyConflictError(job.idempotencyKey);
          }
          return { row: existing, created: false };
        }
      }
      const row = this.db
        .insert(jobs)
        .values({
          id: randomUUID(),
          kind: job.kind,
          status: 'queued',
          resource: job.resource,
          input: job.input ?? {},
          maxAttempts: job.maxAttempts,
          idempotencyKey: job.idempotencyKey ?? null,
          userId: job.userId ?? null,
          priority: job.priority ?? 0,
          createdAt: Date.now(),
          updatedAt: Date.now(),
        })
        .returning()
        .get();
      return { row, created: true };
    }).immediate();
  }

  get(id: string): JobRow | undefined {
    return this.db.select().from(jobs).where(eq(jobs.id, id)).get();
  }

  list(q: JobListQuery): JobRow[] {
    return this.page(q).rows;
  }

  /** One page, newest first, keyed on (created_at, id) so jobs added meanwhile never shift a page. */
  page(q: JobListQuery): { rows: JobRow[]; nextCursor: string | null } {
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const where = and(
      q.status ? eq(jobs.status, q.status) : undefined,
      q.kind ? eq(jobs.kind, q.kind) : undefined,
      after ? or(lt(jobs.createdAt, after.createdAt), and(eq(jobs.createdAt, after.createdAt), lt(jobs.id, after.id))) : undefined,
    );
    const rows = this.db.select().from(jobs).where(where).orderBy(desc(jobs.createdAt), desc(jobs.id)).limit(q.limit + 1).all();
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    const last = page[page.length - 1];
    return { rows: page, nextCursor: more && last ? `${last.createdAt}.${last.id}` : null };
  }

  /** Counts per status, and per kind and status, in one grouped scan. */
  counts(): JobCounts {
    const zero = () => Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
    const rows = this.db.select({ kind: jobs.kind, status: jobs.status, n: sql<number>`count(*)` }).from(jobs).groupBy(jobs.kind, jobs.status).all();
    const byStatus = zero();
    const kinds = new Map<string, { kind: string; total: number; byStatus: Record<JobStatus, number> }>();
    let total = 0;
    for (const r of rows) {
      total += r.n;
      byStatus[r.status] += r.n;
      const k = kinds.get(r.kind) ?? { kind: r.kind, total: 0, byStatus: zero() };
      k.total += r.n;
      k.byStatus[r.status] += r.n;
      kinds.set(r.kind, k);
    }
    return { total, byStatus, byKind: [...kinds.values()].sort((a, b) => b.total - a.total || a.kind.localeCompare(b.kind)) };
  }

  /** Atomically take the next runnable job of a resource class for this runner. */
  claimNext(resource: ResourceClass, ownerId: string, kinds: string[]): JobRow | undefined {
    const now = Date.now();
    return this.database.sqlite.transaction(() => {
      const next = this.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.status, 'queued'), eq(jobs.resource, resource), lte(jobs.runAfter, now), inArray(jobs.kind, kinds)))
        .orderBy(desc(jobs.priority), jobs.createdAt)
        .limit(1)
        .get();
      if (!next) return undefined;
      const log = [...((next.attemptLog as StoredAttempt[]) ?? [])];
      log.push({ attempt: next.attempts + 1, startedAt: now, finishedAt: null, outcome: 'running', error: null, workerPid: null });
      return this.db
        .update(jobs)
        .set({
          status: 'running',
          attempts: next.attempts + 1,
          attemptLog: log,
          ownerId,
          ownerPid: process.pid,
          workerPid: null,
          heartbeatAt: now,
          startedAt: next.startedAt ?? now,
          progress: 0,
          progressMessage: 'Starting…',
          updatedAt: now,
          rev: sql`${jobs.rev} + 1`,
        })
        .where(and(eq(jobs.id, next.id), eq(jobs.status, 'queued')))
        .returning()
        .get();
    }).immediate();
  }

  /** Whether a foreground job (priority >= 0) of a resource class is waiting to run now. */
  hasRunnableForeground(resource: ResourceClass, kinds: string[]): boolean {
    const row = this.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, 'queued'), eq(jobs.resource, resource), gte(jobs.priority, 0), lte(jobs.runAfter, Date.now()), inArray(jobs.kind, kinds)))
      .limit(1)
      .get();
    return !!row;
  }

  /**
   * Puts a running background job this runner stopped to make room for foreground work back in
   * the queue: the attempt is logged as preempted and does not count against maxAttempts.
   */
  requeuePreempted(id: string, ownerId: string): JobRow | undefined {
    const row = this.get(id);
    if (!row || row.status !== 'running' || row.ownerId !== ownerId) return undefined;
    const now = Date.now();
    return this.updateOwned(id, ownerId, {
      status: 'queued',
      attempts: Math.max(0, row.attempts - 1),
      attemptLog: closeAttempt(row.attemptLog as StoredAttempt[], 'preempted', 'Stopped to let foreground work run first; it runs again later', now),
      ownerId: null,
      ownerPid: null,
      workerPid: null,
      runAfter: 0,
      progress: 0,
      progressMessage: 'Paused for foreground work; waiting to run again',
    });
  }

  /** Updates a running job this runner owns; returns undefined when it no longer owns it. */
  private updateOwned(id: string, ownerId: string, set: SQLiteUpdateSetSource<typeof jobs>): JobRow | undefined {
    return this.db
      .update(jobs)
      .set({ ...set, updatedAt: Date.now(), rev: sql`${jobs.rev} + 1` })
      .where(and(eq(jobs.id, id), eq(jobs.ownerId, ownerId), eq(jobs.status, 'running')))
      .returning()
      .get();
  }

  setWorkerPid(id: string, ownerId: string, pid: number): JobRow | undefined {
    const row = this.get(id);
    if (!row) return undefined;
    const log = (row.attemptLog as StoredAttempt[]).map((a, i, all) => (i === all.length - 1 ? { ...a, workerPid: pid } : a));
    return this.updateOwned(id, ownerId, { workerPid: pid, attemptLog: log });
  }

  progress(id: string, ownerId: string, progress: number, message: string | null): JobRow | undefined {
    return this.updateOwned(id, ownerId, { progress, progressMessage: message, heartbeatAt: Date.now() });
  }

  succeed(id: string, ownerId: string, result: unknown): JobRow | undefined {
    return this.complete(id, ownerId, result, { outcome: 'succeeded' });
  }

  /**
   * Ends the attempt with the output and the kind's verdict on it: succeeded, completed with
   * problems (result kept, error = why), or failed (result kept; requeued while attempts remain
   * when the verdict says retryable).
   */
  complete(id: string, ownerId: string, result: unknown, verdict: JobVerdict): JobRow | undefined {
    const row = this.get(id);
    if (!row || row.status !== 'running' || row.ownerId !== ownerId) return undefined;
    if (verdict.outcome === 'failed') {
      const refusal = verdict.retryRefusal ?? null;
      const set = { ...this.failureSet(row, verdict.message, verdict.retryable && !refusal), result: result ?? null, retryRefusal: refusal };
      return this.db.update(jobs).set(set).where(and(eq(jobs.id, id), eq(jobs.ownerId, ownerId), eq(jobs.status, 'running'))).returning().get();
    }
    const now = Date.now();
    const problems = verdict.outcome === 'problems';
    const status = problems ? 'completed_with_problems' : 'succeeded';
    return this.updateOwned(id, ownerId, {
      status,
      result: result ?? null,
      error: problems ? verdict.message : null,
      progress: 1,
      progressMessage: problems ? 'Completed with problems' : 'Done',
      finishedAt: now,
      attemptLog: closeAttempt(row.attemptLog as StoredAttempt[], status, problems ? verdict.message : null, now),
    });
  }

  /** Ends the current attempt as failed; queues another attempt while the budget allows. */
  failAttempt(id: string, ownerId: string, error: string, opts: { retryable?: boolean } = {}): JobRow | undefined {
    const row = this.get(id);
    if (!row || row.status !== 'running' || row.ownerId !== ownerId) return undefined;
    return this.db.update(jobs).set(this.failureSet(row, error, opts.retryable ?? true)).where(and(eq(jobs.id, id), eq(jobs.ownerId, ownerId), eq(jobs.status, 'running'))).returning().get();
  }

  markCancelled(id: string, ownerId: string): JobRow | undefined {
    const row = this.get(id);
    if (!row) return undefined;
    const now = Date.now();
    return this.updateOwned(id, ownerId, {
      status: 'cancelled',
      error: 'Cancelled by request',
      finishedAt: now,
      progressMessage: 'Cancelled',
      attemptLog: closeAttempt(row.attemptLog as StoredAttempt[], 'cancelled', 'Cancelled by request', now),
    });
  }

  /** A queued job is cancelled at once; a running one is flagged for its owner to stop. */
  requestCancel(id: string): JobRow {
    return this.database.sqlite.transaction(() => {
      const row = this.get(id);
      if (!row) throw new JobStateError(`No job with id ${id}`);
      const now = Date.now();
      if (row.status === 'queued') {
        return this.db
          .update(jobs)
          .set({ status: 'cancelled', cancelRequested: true, error: 'Cancelled by request', finishedAt: now, progressMessage: 'Cancelled', updatedAt: now, rev: sql`${jobs.rev} + 1` })
          .where(eq(jobs.id, id))
          .returning()
          .get()!;
      }
      if (row.status === 'running') {
        return this.db.update(jobs).set({ cancelRequested: true, progressMessage: 'Cancelling…', updatedAt: now, rev: sql`${jobs.rev} + 1` }).where(eq(jobs.id, id)).returning().get()!;
      }
      throw new JobStateError(`Job ${id} is already ${row.status}; only queued or running jobs can be cancelled`);
    }).immediate();
  }

  retry(id: string): JobRow {
    return this.database.sqlite.transaction(() => {
      const row = this.get(id);
      if (!row) throw new JobStateError(`No job with id ${id}`);
      if (row.status !== 'failed' && row.status !== 'cancelled' && row.status !== 'completed_with_problems') {
        throw new JobStateError(`Job ${id} is ${row.status}; only failed, cancelled or completed-with-problems jobs can be retried`);
      }
      if (row.status === 'failed' && row.retryRefusal) throw new JobStateError(`Job ${id} cannot be retried: ${row.retryRefusal}`);
      return this.db
        .update(jobs)
        .set({
          status: 'queued',
          attempts: 0,
          error: null,
          result: null,
          progress: 0,
          progressMessage: null,
          cancelRequested: false,
          finishedAt: null,
          ownerId: null,
          ownerPid: null,
          workerPid: null,
          runAfter: 0,
          updatedAt: Date.now(),
          rev: sql`${jobs.rev} + 1`,
        })
        .where(eq(jobs.id, id))
        .returning()
        .get()!;
    }).immediate();
  }

  heartbeat(ownerId: string): void {
    this.db.update(jobs).set({ heartbeatAt: Date.now() }).where(and(eq(jobs.ownerId, ownerId), eq(jobs.status, 'running'))).run();
  }

  /** Running jobs of other runners whose process is gone or whose heartbeat stopped. */
  findOrphans(selfOwnerId: string, isAlive: (pid: number) => boolean, staleMs: number): JobRow[] {
    const running = this.db.select().from(jobs).where(and(eq(jobs.status, 'running'), ne(jobs.ownerId, selfOwnerId))).all();
    const cutoff = Date.now() - staleMs;
    return running.filter((r) => r.ownerPid == null || !isAlive(r.ownerPid) || (r.heartbeatAt ?? 0) < cutoff);
  }

  /** Takes an orphan over and fails its attempt with the reason, retrying while the budget allows. */
  recoverOrphan(row: JobRow, reason: string): JobRow | undefined {
    return this.db
      .update(jobs)
      .set(this.failureSet(row, reason, true))
      .where(and(eq(jobs.id, row.id), eq(jobs.status, 'running'), row.ownerId ? eq(jobs.ownerId, row.ownerId) : sql`owner_id is null`, eq(jobs.rev, row.rev)))
      .returning()
      .get();
  }

  /** Rows changed since a time (for streaming other processes' updates). */
  changedSince(sinceMs: number): JobRow[] {
    return this.db.select().from(jobs).where(gt(jobs.updatedAt, sinceMs)).orderBy(jobs.updatedAt).limit(500).all();
  }

  countByStatus(): Record<JobStatus, number> {
    const rows = this.db.select({ status: jobs.status, n: sql<number>`count(*)` }).from(jobs).groupBy(jobs.status).all();
    const out = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  private failureSet(row: JobRow, error: string, retryable: boolean): SQLiteUpdateSetSource<typeof jobs> {
    const now = Date.now();
    const log = closeAttempt(row.attemptLog as StoredAttempt[], 'failed', error, now);
    const retry = retryable && !row.cancelRequested && row.attempts < row.maxAttempts;
    const base = { error, attemptLog: log, updatedAt: now, rev: sql`${jobs.rev} + 1`, ownerId: null, ownerPid: null, workerPid: null };
    if (retry) {
      const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (row.attempts - 1));
      return { ...base, status: 'queued', runAfter: now + backoff, progress: 0, progressMessage: `Attempt ${row.attempts} failed; retrying in ${Math.round(backoff / 1000)} s` };
    }
    if (row.cancelRequested) return { ...base, status: 'cancelled', finishedAt: now, progressMessage: 'Cancelled' };
    return { ...base, status: 'failed', finishedAt: now, progressMessage: 'Failed' };
  }
}
