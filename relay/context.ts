import type Stripe from 'stripe';
import type { Clock } from './clock.js';
import type { RelayConfig } from './config.js';
import type { RelayDb } from './db/open.js';
import type { CounterStore } from './http/counter-store.js';
import type { FeedCache } from './community/feed-cache.js';
import type { RelayFeedPage } from '../shared/schemas/relay-community.js';

/** What every relay route needs, built once by createRelay() and passed down explicitly. */
export interface RelayContext {
  config: RelayConfig;
  db: RelayDb;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  /** Counters for rate limits and login throttling (memory, or Redis shared by all processes). */
  counters: CounterStore;
  /** The official Stripe client, or null when STRIPE_SECRET_KEY is not set (payments answer 503). */
  stripe: Stripe | null;
  jwtKey: Uint8Array;
  /** Folder for thumbnails and previews. */
  blobDir: string;
  /** Shared anonymous feed pages (see community/feed-cache.ts). */
  feedCache: FeedCache<RelayFeedPage>;
  log(line: string): void;
}
