import { z } from 'zod';
import { RelayItemKind } from '../schemas/relay-community.js';
import { WorldSnapshotItem } from './world-snapshot.js';
import { defineJobKind } from './define.js';

/** What "Publish to community" names: a local shader, library video or world prefab. */
export const CommunityPublishBody = z
  .object({
    kind: RelayItemKind.describe('shader, video (a finished library video) or prefab (a world prefab)'),
    id: z.string().min(1).max(200).describe('The local id of that shader, video or prefab'),
  })
  .strict();
export type CommunityPublishBody = z.infer<typeof CommunityPublishBody>;

/**
 * The job's input: the body plus what the host found for the worker's part (it reads files, not
 * the database): a video's final MP4 (clipped by ffmpeg when it is over the relay's preview
 * limit), a prefab's nodes to draw as its thumbnail when it has none.
 */
export const CommunityPublishInput = CommunityPublishBody.extend({
  video: z.object({ finalPath: z.string().min(1), finalBytes: z.number().int().nonnegative(), durationSec: z.number().nullable() }).optional(),
  prefab: z.object({ snapshotItems: z.array(WorldSnapshotItem).min(1).max(5000) }).optional(),
});
export type CommunityPublishInput = z.infer<typeof CommunityPublishInput>;

/**
 * The worker hands back scratch files (a shortened preview clip, a drawn thumbnail); the relay
 * tokens never leave the host, whose onSucceeded hook uploads and replaces this with what the
 * relay stored.
 */
export const CommunityPublishOutput = z.object({
  kind: RelayItemKind,
  id: z.string(),
  /** A preview clip the worker made because the final MP4 is over the relay's limit. */
  clipPath: z.string().optional(),
  /** A thumbnail the worker drew (a prefab without one). */
  thumbnailPath: z.string().optional(),
  relayUrl: z.string().optional(),
  relayItemId: z.string().optional(),
  thumbnail: z.boolean().optional(),
  preview: z.boolean().optional(),
  /** True when the preview sent is a shortened, smaller clip rather than the final MP4. */
  previewClipped: z.boolean().optional(),
  /** What the publish could not carry, said plainly (e.g. no thumbnail could be drawn). */
  notes: z.array(z.string()).optional(),
});
export type CommunityPublishOutput = z.infer<typeof CommunityPublishOutput>;

/** Attempts while the relay is unreachable: with the runner's backoff (1 s doubling to 30 s) about 3½ minutes of retries. */
export const COMMUNITY_PUBLISH_ATTEMPTS = 12;

export const communityPublish = defineJobKind({
  kind: 'community.publish',
  title: 'Publish to the community relay',
  description:
    'Uploads a shader (GLSL), a library video (its manifest, thumbnail and a preview clip within the relay limit) or a world prefab (its recipe JSON and a drawn thumbnail) with provenance to the signed-in community relay; while the relay is unreachable the job waits and retries.',
  resource: 'io',
  input: CommunityPublishInput,
  output: CommunityPublishOutput,
  // A relay that is down is retried with backoff; refusals (limits, sign-in) end the job at once.
  maxAttempts: COMMUNITY_PUBLISH_ATTEMPTS,
  timeoutMs: 5 * 60_000,
});
