import { z } from 'zod';
import { WorkerProviderConfig } from '../schemas/providers.js';

/** Messages between the host's pool and a worker child process (process.send / 'message'). */
export const HostToWorker = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run'),
    jobId: z.string(),
    kind: z.string(),
    input: z.unknown(),
    attempt: z.number().int(),
    dataDir: z.string(),
    /** Effective provider settings for this job (env overrides applied, secrets decrypted). */
    providers: WorkerProviderConfig,
  }),
  z.object({ type: z.literal('cancel'), jobId: z.string() }),
  z.object({ type: z.literal('shutdown') }),
]);
export type HostToWorker = z.infer<typeof HostToWorker>;

export const WorkerToHost = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), pid: z.number().int() }),
  z.object({ type: z.literal('progress'), jobId: z.string(), progress: z.number().min(0).max(1), message: z.string().nullable() }),
  z.object({ type: z.literal('log'), jobId: z.string(), level: z.enum(['debug', 'info', 'warn', 'error']), message: z.string() }),
  /** Streamed text (ServerEvent job.stream), already batched by the worker. */
  z.object({ type: z.literal('stream'), jobId: z.string(), channel: z.string().min(1).max(64), offset: z.number().int().min(0), text: z.string() }),
  z.object({ type: z.literal('result'), jobId: z.string(), result: z.unknown() }),
  z.object({ type: z.literal('error'), jobId: z.string(), message: z.string(), cancelled: z.boolean() }),
]);
export type WorkerToHost = z.infer<typeof WorkerToHost>;
