import { z } from 'zod';
import { Job } from './schemas/jobs.js';
import { WorldAssetReadyEvent, WorldJobFailedEvent, WorldJobProgressEvent } from './schemas/world.js';

/** Everything the host streams on /api/v1/events. One JSON object per WebSocket message. */
export const ServerEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), version: z.string(), serverTime: z.string() }),
  z.object({ type: z.literal('job.updated'), job: Job }),
  z.object({
    type: z.literal('job.log'),
    jobId: z.string(),
    level: z.enum(['debug', 'info', 'warn', 'error']),
    message: z.string(),
  }),
  z.object({
    /**
     * Text a running job writes as it goes (a generation's LLM reply, token by token), batched by
     * the worker to about ten events a second. Chunks of a channel arrive in order; a gap between
     * `offset` and what a client holds means it missed some (GET /generate/stream/:job_id has all).
     */
    type: z.literal('job.stream'),
    jobId: z.string(),
    /** Which text this continues, e.g. "attempt-2" (the second LLM reply of a generation). */
    channel: z.string().min(1).max(64),
    /** Characters of this channel sent before this chunk. */
    offset: z.number().int().min(0),
    text: z.string(),
  }),
  z.object({
    type: z.literal('domain'),
    topic: z.string().describe('e.g. media.created, shader.updated'),
    id: z.string().nullable(),
    data: z.unknown(),
  }),
  // World studio generation lifecycle (seed 001 §16): job_progress, job_failed, asset_ready.
  WorldJobProgressEvent,
  WorldJobFailedEvent,
  WorldAssetReadyEvent,
]);
export type ServerEvent = z.infer<typeof ServerEvent>;
export type ServerEventType = ServerEvent['type'];
