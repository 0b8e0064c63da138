import { z } from 'zod';
import { Id, IsoDate } from './common.js';

export const JobStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatus>;
export const TERMINAL_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

/** Resource classes the worker pool schedules by: gpu (1 at a time), cpu (cores-1), io (several). */
export const ResourceClass = z.enum(['gpu', 'cpu', 'io']);
export type ResourceClass = z.infer<typeof ResourceClass>;

export const JobAttempt = z.object({
  attempt: z.number().int().min(1),
  startedAt: IsoDate,
  finishedAt: IsoDate.nullable(),
  outcome: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
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
  attemptLog: z.array(JobAttempt),
  idempotencyKey: z.string().nullable(),
  cancelRequested: z.boolean(),
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
});
export type JobListQuery = z.infer<typeof JobListQuery>;

export const JobList = z.object({ jobs: z.array(Job) });
