import { z } from 'zod';
import { Job } from './schemas/jobs.js';

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
    type: z.literal('domain'),
    topic: z.string().describe('e.g. media.created, shader.updated'),
    id: z.string().nullable(),
    data: z.unknown(),
  }),
]);
export type ServerEvent = z.infer<typeof ServerEvent>;
export type ServerEventType = ServerEvent['type'];
