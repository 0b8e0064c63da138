import type { z } from 'zod';
import { API_KEY_ROUTES } from './routes/api-keys.js';
import { CORE_ROUTES } from './routes/core.js';
import { FEED_STATUS_ROUTES } from './routes/feed-status.js';
import { MODERATION_ROUTES } from './routes/moderation.js';
import { PROVIDER_ROUTES } from './routes/providers.js';
import { SHADER_DISCOVERY_ROUTES } from './routes/shader-discovery.js';
import { SHADER_ROUTES } from './routes/shaders.js';
import { SHOTS_ROUTES } from './routes/shots.js';
import { WORLD_ROUTES } from './routes/world.js';
import { VIDEO_ROUTES } from './routes/video.js';
import { VIDEO_LIVELOOP_ROUTES } from './routes/video-liveloop.js';
import { LAN_ROUTES } from './routes/lan.js';
import { VIDEO_PARTY_ROUTES } from './routes/video-party.js';
import { ARCADE_ROUTES } from './routes/video-arcade.js';
import { WORLD_ROOM_ROUTES } from './routes/world-room.js';
import { WORLD_HOSTED_ROUTES } from './routes/world-hosted.js';
import { COMMUNITY_ROUTES } from './routes/community.js';
import { COMMUNITY_PUBLISH_ROUTES } from './routes/community-publish.js';
import { COMMUNITY_FEED_ROUTES } from './routes/community-feed.js';
import { COMMUNITY_BOUNTY_ROUTES } from './routes/community-bounties.js';

export { API_PREFIX, type HttpMethod, type RouteSpec } from './routes/route-spec.js';

/**
 * Every API route, merged from one file per domain under shared/routes/. Add a domain by
 * writing shared/routes/<domain>.ts and spreading it here.
 */
export const ROUTES = {
  ...CORE_ROUTES,
  ...PROVIDER_ROUTES,
  ...API_KEY_ROUTES,
  ...SHADER_ROUTES,
  ...SHADER_DISCOVERY_ROUTES,
  ...FEED_STATUS_ROUTES,
  ...MODERATION_ROUTES,
  ...SHOTS_ROUTES,
  ...WORLD_ROUTES,
  ...VIDEO_ROUTES,
  ...VIDEO_LIVELOOP_ROUTES,
  ...LAN_ROUTES,
  ...VIDEO_PARTY_ROUTES,
  ...ARCADE_ROUTES,
  ...WORLD_ROOM_ROUTES,
  ...WORLD_HOSTED_ROUTES,
  ...COMMUNITY_ROUTES,
  ...COMMUNITY_PUBLISH_ROUTES,
  ...COMMUNITY_FEED_ROUTES,
  ...COMMUNITY_BOUNTY_ROUTES,
};

export type RouteId = keyof typeof ROUTES;
type R = typeof ROUTES;
export type RouteResponse<K extends RouteId> = z.infer<R[K]['response']>;
export type RouteBody<K extends RouteId> = R[K] extends { body: z.ZodType } ? z.input<R[K]['body']> : undefined;
export type RouteParams<K extends RouteId> = R[K] extends { params: z.ZodObject } ? z.infer<R[K]['params']> : undefined;
export type RouteQuery<K extends RouteId> = R[K] extends { query: z.ZodObject } ? z.input<R[K]['query']> : undefined;

/** Fill `:name` segments of a route path. */
export function buildPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new Error(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(v);
  });
}
