import { FeedStatus } from '../schemas/feed-status.js';
import type { RouteSpec } from './route-spec.js';

/** What is behind the feed (used by its empty state to tell the truth). */
export const FEED_STATUS_ROUTES = {
  'feed.status': {
    auth: 'token', tag: 'feed', method: 'get', path: '/feed/status', response: FeedStatus,
    summary: 'Counts behind the feed: eligible, seen recently, published, hidden, drafts, and renders pending / rendering / failed',
  },
} as const satisfies Record<string, RouteSpec>;
