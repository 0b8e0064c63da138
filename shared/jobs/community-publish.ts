import { z } from 'zod';
import { defineJobKind } from './define.js';

export const CommunityPublishInput = z.object({
  shaderId: z.string().min(1).describe('The local shader to publish to the signed-in community relay'),
});
export type CommunityPublishInput = z.infer<typeof CommunityPublishInput>;

/**
 * The worker only hands the job back (the relay tokens never leave the host); the host's
 * onSucceeded hook uploads and replaces this with the relay's item id.
 */
export const CommunityPublishOutput = z.object({
  shaderId: z.string(),
  relayUrl: z.string().optional(),
  relayItemId: z.string().optional(),
  thumbnail: z.boolean().optional(),
  preview: z.boolean().optional(),
});
export type CommunityPublishOutput = z.infer<typeof CommunityPublishOutput>;

export const communityPublish = defineJobKind({
  kind: 'community.publish',
  title: 'Publish to the community relay',
  description: 'Uploads a shader (title, GLSL, tags, provenance) and then its thumbnail and preview to the signed-in community relay; a relay that is down fails the job with the reason, and it can be retried.',
  resource: 'io',
  input: CommunityPublishInput,
  output: CommunityPublishOutput,
  // One attempt: a relay that is down shows as "failed: relay unreachable" with a Retry, instead of retrying silently.
  maxAttempts: 1,
  timeoutMs: 120_000,
});
