import { z } from 'zod';

const Count = z.number().int().min(0);

/**
 * Why the feed shows what it shows: the counts behind an empty feed, so its message can say
 * what is actually going on (nothing published, everything hidden, renders pending or failed,
 * all seen) instead of guessing.
 */
export const FeedStatus = z.object({
  /** Published, public and render-ready: what the feed can serve. */
  eligible: Count,
  /** Of those, what you engaged with in the last 30 days (the personal feed skips them first). */
  seenRecently: Count,
  /** Published in any render state. */
  published: Count,
  /** Published but not public, or waiting for review / rejected: kept out of the feed on purpose. */
  hidden: Count,
  /** Not published (drafts), any render state. */
  drafts: Count,
  /** Render states across the library: a shader joins the feed once its render is ready. */
  renders: z.object({ pending: Count, rendering: Count, failed: Count }),
  /** The most recent render failure, to say why. */
  lastFailure: z.object({ shaderId: z.string(), title: z.string(), error: z.string().nullable() }).nullable(),
});
export type FeedStatus = z.infer<typeof FeedStatus>;
