import { z } from 'zod';
import { Id, IsoDate } from './common.js';

/**
 * completed_with_problems: the job ran to the end and kept its result, but its kind's verdict
 * says the result is not what was asked for (shown in amber, never as a plain success).
 */
export const JobStatus = z.enum(['queued', 'running', 'succeeded', 'completed_with_problems', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatus>;
export const TERMINAL_STATUSES: readonly JobStatus[] = ['succeeded', 'completed_with_problems', 'failed', 'cancelled'];
export const JOB_STATUSES: readonly JobStatus[] = JobStatus.options;

/**
 * Priority classes: background batches (seed renders) are below 0; everything else is foreground
 * work someone waits for (editor saves and renders, MCP, generation; ad-hoc renders use 10).
 * Claims go by priority, and a queued foreground job preempts a running background one when no
 * slot of its resource class is free (the background job is requeued without losing an attempt).
 */
export const PRIORITY_INTERACTIVE = 10;
export const PRIORITY_BACKGROUND = -10;
export const isBackground = (priority: number): boolean => priority < 0;

/** Resource classes the worker pool schedules by: gpu (1 at a time), cpu (cores-1), io (several). */
export const ResourceClass = z.enum(['gpu', 'cpu', 'io']);
export type ResourceClass = z.infer<typeof ResourceClass>;

export const JobAttempt = z.object({
  attempt: z.number().int().min(1),
  startedAt: IsoDate,
  finishedAt: IsoDate.nullable(),
  outcome: z.enum(['running', 'succeeded', 'completed_with_problems', 'failed', 'cancelled', 'preempted']),
  error: z.string().nullable(),
  workerPid: z.number().int().nullable(),
});
export type JobAttempt = z.infer<typeof JobAttempt>;

export const Job = z.object({
  id: Id,
  kind: z.string(),
  status: JobStatus,
  resource: ResourceClass,
  input: z.unknown(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  progress: z.number().min(0).max(1),
  progressMessage: z.string().nullable(),
  attempts: z.number().int().min(0),
  maxAttempts: z.number().int().min(1),
  /** Below 0 background (yields to foreground work, see isBackground); higher runs first. */
  priority: z.number().int(),
  attemptLog: z.array(JobAttempt),
  idempotencyKey: z.string().nullable(),
  cancelRequested: z.boolean(),
  /** Why this job cannot be retried (its input is at fault, a new run would fail the same way); null when it can. */
  retryRefusal: z.string().nullable().default(null),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  startedAt: IsoDate.nullable(),
  finishedAt: IsoDate.nullable(),
});
export type Job = z.infer<typeof Job>;

export const CreateJobRequest = z.object({
  kind: z.string().min(1).describe('A registered job kind, e.g. system.diagnose'),
  input: z.unknown().default({}).describe("Validated against the kind's input schema"),
  maxAttempts: z.number().int().min(1).max(10).optional(),
});
export type CreateJobRequest = z.infer<typeof CreateJobRequest>;

export const JobListQuery = z.object({
  status: JobStatus.optional(),
  kind: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Opaque: the nextCursor of the previous page (newest first). */
  cursor: z.string().max(200).optional(),
});
export type JobListQuery = z.infer<typeof JobListQuery>;

export const JobList = z.object({
  jobs: z.array(Job),
  /** Pass as cursor for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type JobList = z.infer<typeof JobList>;

export const JobStatusCounts = z.object(Object.fromEntries(JobStatus.options.map((s) => [s, z.number().int()])) as Record<JobStatus, z.ZodNumber>);
export type JobStatusCounts = z.infer<typeof JobStatusCounts>;

/** How many jobs there are per status and per kind (for the Jobs page's filters and groups). */
export const JobCounts = z.object({
  total: z.number().int(),
  byStatus: JobStatusCounts,
  byKind: z.array(z.object({ kind: z.string(), total: z.number().int(), byStatus: JobStatusCounts })),
});
export type JobCounts = z.infer<typeof JobCounts>;
