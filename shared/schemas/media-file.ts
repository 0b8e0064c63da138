import { z } from 'zod';
import { ProviderId } from './providers.js';

/**
 * A file a job produced. The worker fills `path` (inside the job's scratch folder); the kind's
 * host hook ingests it into the media store with this provenance and swaps `path` for `mediaId`,
 * so stored results only ever point at the media store.
 */
export const MediaFileRef = z.object({
  path: z.string().nullable().describe('Scratch path in the job folder (worker output); null once ingested'),
  mediaId: z.string().nullable().describe('Media store id (GET /api/v1/media/{id}/file), set by the host'),
  mime: z.string(),
  bytes: z.number().int().nonnegative(),
  provider: ProviderId.describe('Which provider made it (provenance)'),
  model: z.string().describe('Which model/version of that provider'),
});
export type MediaFileRef = z.infer<typeof MediaFileRef>;
