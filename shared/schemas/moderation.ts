import { z } from 'zod';
import { TrustTier } from './api-keys.js';
import { ShaderSummary } from './shaders.js';

export const QueueItem = z.object({
  shader: ShaderSummary,
  apiKey: z.object({ id: z.string(), prefix: z.string(), name: z.string().nullable(), trustTier: TrustTier, submissionsApproved: z.number().int(), submissionsRejected: z.number().int() }).nullable(),
  reviewNote: z.string().nullable(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const ModerationQueue = z.object({ items: z.array(QueueItem) });
export const RejectBody = z.object({ reason: z.string().trim().min(1, 'Say why, so the agent can learn').max(500) }).strict();
export const ReviewResult = z.object({ item: QueueItem, promoted: z.boolean().describe('The key was promoted to trusted by this approval') });
