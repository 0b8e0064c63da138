import { z } from 'zod';
import { jobKindNames, jobKindSpec } from '../../../shared/jobs/registry.js';
import type { Job, JobCounts, JobList, JobListQuery } from '../../../shared/schemas/jobs.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import type { JobHookRegistry } from './job-hooks.js';
import type { JobRunner } from './job-runner.js';
import { IdempotencyConflictError, JobStateError, type JobStore } from './job-store.js';
import { toJob } from './job-row.js';

export interface SubmitJob {
  kind: string;
  input: unknown;
  maxAttempts?: number;
  idempotencyKey?: string | null;
  userId?: string | null;
  /** Higher runs first within a resource class: interactive work above background batches. */
  priority?: number;
}

/** The one way to queue and manage jobs, shared by the HTTP API, MCP and the CLI. */
export class JobService {
  constructor(
    private readonly store: JobStore,
    private readonly runner: JobRunner,
    private readonly hooks?: JobHookRegistry,
  ) {}

  submit(req: SubmitJob): { job: Job; created: boolean } {
    const spec = jobKindSpec(req.kind);
    if (!spec) throw badRequest(`Unknown job kind "${req.kind}". Known kinds: ${jobKindNames().join(', ')}`);
    const parsed = spec.input.safeParse(req.input ?? {});
    if (!parsed.success) {
      throw badRequest(`Invalid input for ${req.kind}: ${z.prettifyError(parsed.error)}`, parsed.error.issues);
    }
    this.hooks?.get(spec.kind)?.admit?.(parsed.data);
    if (req.idempotencyKey !== undefined && req.idempotencyKey !== null && (req.idempotencyKey.length < 1 || req.idempotencyKey.length > 255)) {
      throw badRequest('Idempotency-Key must be 1–255 characters');
    }
    try {
      const { row, created } = this.store.create({
        kind: spec.kind,
        resource: spec.resource,
        input: parsed.data,
        maxAttempts: req.maxAttempts ?? spec.maxAttempts,
        idempotencyKey: req.idempotencyKey ?? null,
        userId: req.userId ?? null,
        priority: req.priority ?? 0,
      });
      if (created) {
        this.runner.publish(row);
        this.runner.wake();
      }
      return { job: toJob(row), created };
    } catch (err) {
      if (err instanceof IdempotencyConflictError) throw conflict(err.message);
      throw err;
    }
  }

  get(id: string): Job {
    const row = this.store.get(id);
    if (!row) throw notFound(`Job ${id}`);
    return toJob(row);
  }

  list(q: JobListQuery): Job[] {
    return this.page(q).jobs;
  }

  page(q: JobListQuery): JobList {
    try {
      const { rows, nextCursor } = this.store.page(q);
      return { jobs: rows.map(toJob), nextCursor };
    } catch (err) {
      if (err instanceof JobStateError) throw badRequest(err.message);
      throw err;
    }
  }

  counts(): JobCounts {
    return this.store.counts();
  }

  cancel(id: string): Job {
    return toJob(this.guard(() => this.runner.cancel(id)));
  }

  retry(id: string): Job {
    const row = this.guard(() => this.store.retry(id));
    this.runner.publish(row);
    this.runner.wake();
    return toJob(row);
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof JobStateError) {
        throw err.message.startsWith('No job') ? new AppError(404, 'not_found', err.message) : conflict(err.message);
      }
      throw err;
    }
  }
}
