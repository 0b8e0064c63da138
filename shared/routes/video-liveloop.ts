import { z } from 'zod';
import {
  AddChannelItemBody,
  AtQuery,
  Channel,
  ChannelDeleted,
  ChannelItemParams,
  ChannelList,
  CreateChannelBody,
  Guide,
  GuideQuery,
  LiveFileParams,
  NowPlaying,
  PutScheduleBody,
  ReorderChannelBody,
  UpdateChannelBody,
} from '../schemas/video-liveloop.js';
import { IdParams } from './core.js';
import type { RouteSpec } from './route-spec.js';

const L = { tag: 'liveloop', auth: 'token' } as const;

/**
 * LiveLoop channels (seed 002): playlists of library videos served as live HLS computed from the
 * wall clock. The live stream is /channels/:id/live/master.m3u8 (send the bearer token on every
 * playlist and segment request); the LAN listener serves the same files behind a party invite.
 */
export const VIDEO_LIVELOOP_ROUTES = {
  'channels.list': { ...L, method: 'get', path: '/channels', summary: 'Every LiveLoop channel with its items, schedule and filler rules', response: ChannelList },
  'channels.create': { ...L, method: 'post', path: '/channels', summary: 'Create a channel (name, loop mode, shuffle, time zone, encoding profile)', body: CreateChannelBody, response: Channel, status: 201 },
  'channels.get': { ...L, method: 'get', path: '/channels/:id', summary: 'One channel', params: IdParams, response: Channel },
  'channels.update': { ...L, method: 'patch', path: '/channels/:id', summary: 'Rename, loop mode, shuffle, time zone, make default, filler rules, named blocks; takes effect at the next item boundary', params: IdParams, body: UpdateChannelBody, response: Channel },
  'channels.delete': { ...L, method: 'delete', path: '/channels/:id', summary: 'Delete a channel (its videos stay in the library)', params: IdParams, response: ChannelDeleted },
  'channels.items.add': {
    ...L, method: 'post', path: '/channels/:id/items',
    summary: 'Add a library video; if its encoding does not match the channel profile a video.normalize job makes a matching copy and the item goes on air when it completes',
    params: IdParams, body: AddChannelItemBody, response: Channel, status: 201,
  },
  'channels.items.remove': { ...L, method: 'delete', path: '/channels/:id/items/:key', summary: 'Remove an item (skipped from its next boundary; also dropped from blocks, fillers and slots)', params: ChannelItemParams, response: Channel },
  'channels.items.reorder': { ...L, method: 'put', path: '/channels/:id/playlist', summary: 'Reorder the playlist (every playlist key, in the new order)', params: IdParams, body: ReorderChannelBody, response: Channel },
  'channels.schedule.put': {
    ...L, method: 'put', path: '/channels/:id/schedule',
    summary: 'Replace the schedule; overlapping slots, bad ranges and unknown items/blocks answer 400 with each problem named (details: ScheduleIssue[])',
    params: IdParams, body: PutScheduleBody, response: Channel,
  },
  'channels.guide': { ...L, method: 'get', path: '/channels/:id/guide', summary: 'The guide (EPG): what plays when between from and to (default: the next 24 h)', params: IdParams, query: GuideQuery, response: Guide },
  'channels.now': { ...L, method: 'get', path: '/channels/:id/now', summary: 'Now playing: the current entry, the offset into it and what comes next', params: IdParams, response: NowPlaying },
  'channels.preview': { ...L, method: 'get', path: '/channels/:id/preview', summary: 'What will play (or played) at a given instant: ?at=ISO time', params: IdParams, query: AtQuery, response: NowPlaying },
  'channels.live': {
    ...L, method: 'get', path: '/channels/:id/live/:name',
    summary: 'Live HLS: master.m3u8, media.m3u8 (sliding window), captions.m3u8, and the segments they name; computed from the clock, never transcoded',
    params: LiveFileParams, response: z.unknown(), produces: 'application/vnd.apple.mpegurl',
  },
} as const satisfies Record<string, RouteSpec>;
