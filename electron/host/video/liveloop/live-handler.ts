import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'express';
import { captionsPlaylist, commonCaptionLanguage, liveWindow, masterPlaylist, mediaPlaylist, type LiveTimeline } from '../../../../shared/video/liveloop/index.js';
import { sendError } from '../../api/security.js';
import type { VideoDeps } from '../deps.js';
import { rowProfile } from './channel-rows.js';
import { liveloopService } from './services.js';
import { slateSegment } from './slate.js';

const M3U8 = 'application/vnd.apple.mpegurl';
const ROW_TTL_MS = 1000;

/**
 * The live HLS files of a channel, with no auth of its own so it can sit behind two guards:
 * the API's bearer token (GET /api/v1/channels/:id/live/:name) and the LAN listener's party
 * invite. Playlists come from the wall clock via the pure generator; segments are the items'
 * existing media-store files (or the cached slate): nothing is transcoded here. A media
 * playlist is cached until its next segment completes, so 200 viewers cost one computation.
 */
export function liveHlsHandler(core: Pick<VideoDeps, 'database' | 'bus' | 'media' | 'dataDir' | 'jobs' | 'logger' | 'ownerUserId' | 'providers' | 'hooks'>) {
  const svc = liveloopService(core);
  const rows = new Map<string, { at: number; row: ReturnType<typeof svc.store.find> }>();
  const playlists = new Map<string, { text: string; validUntil: number; updatedAt: number }>();
  const cacheDir = join(core.dataDir.root, 'cache');

  const channelRow = (id: string) => {
    const now = Date.now();
    const hit = rows.get(id);
    if (hit && now - hit.at < ROW_TTL_MS) return hit.row;
    const row = svc.store.find(id);
    rows.set(id, { at: now, row });
    return row;
  };
  core.bus.subscribe((e) => {
    if (e.type === 'domain' && e.id && e.topic.startsWith('liveloop.channel.')) {
      rows.delete(e.id);
      playlists.delete(e.id);
    }
  });

  return async (channelId: string, name: string, res: Response): Promise<void> => {
    const row = channelRow(channelId);
    if (!row) return sendError(res, 404, 'not_found', `Channel ${channelId} was not found`);
    const timeline = svc.store.timeline(row);
    const now = Date.now();
    if (name === 'master.m3u8') return sendPlaylist(res, masterPlaylist(timeline.current.program));
    if (name === 'media.m3u8') {
      const hit = playlists.get(channelId);
      if (hit && hit.updatedAt === row.updatedAt && now < hit.validUntil) return sendPlaylist(res, hit.text);
      const text = mediaPlaylist(timeline, now);
      playlists.set(channelId, { text, validUntil: nextChange(timeline, now), updatedAt: row.updatedAt });
      return sendPlaylist(res, text);
    }
    if (name === 'captions.m3u8') {
      if (!commonCaptionLanguage(timeline.current.program)) return sendError(res, 404, 'not_found', 'This channel has no caption track (not every item has captions)');
      return sendPlaylist(res, captionsPlaylist(timeline, now));
    }
    const m = /^(\d+)_([A-Za-z0-9_-]+)\.(ts|vtt)$/.exec(name);
    if (!m) return sendError(res, 404, 'not_found', `No live file ${name}`);
    const [, , mediaId, ext] = m as unknown as [string, string, string, 'ts' | 'vtt'];
    res.setHeader('Cache-Control', 'private, max-age=3600');
    if (mediaId === 'slate') {
      if (ext === 'vtt') return void res.type('text/vtt').send('WEBVTT\n');
      const path = await slateSegment(cacheDir, rowProfile(row).height);
      return void res.type('video/mp2t').sendFile(path);
    }
    // Only files this channel airs (now or in its kept history) are served: not the whole store.
    if (!airs(timeline, mediaId, ext)) return sendError(res, 404, 'not_found', `Channel ${channelId} does not air ${name}`);
    const media = core.media.get(mediaId);
    const path = media ? core.media.absolutePath(media) : null;
    if (!path || !existsSync(path)) {
      // Deleted while on air: the player gets the slate for that slot, not a broken stream.
      if (ext === 'vtt') return void res.type('text/vtt').send('WEBVTT\n');
      return void res.type('video/mp2t').sendFile(await slateSegment(cacheDir, rowProfile(row).height));
    }
    return void res.type(ext === 'ts' ? 'video/mp2t' : 'text/vtt').sendFile(path);
  };
}

function sendPlaylist(res: Response, text: string): void {
  res.setHeader('Cache-Control', 'no-cache');
  res.type(M3U8).send(text);
}

/** When the media playlist next changes: the end of the segment after the last one listed. */
function nextChange(timeline: LiveTimeline, now: number): number {
  const last = liveWindow(timeline, now).at(-1);
  if (!last) return now + 500;
  const end = last.startMs + last.ms;
  const next = timeline.entries(end, end + 1);
  let t = next[0]?.startMs ?? end;
  for (const s of next[0]?.segments ?? []) {
    t += s.ms;
    if (t > end) return t;
  }
  return end + 500;
}

const aired = new WeakMap<LiveTimeline, Set<string>>();

/** Whether a media id is a segment or caption file of any piece of the timeline. */
function airs(timeline: LiveTimeline, mediaId: string, ext: 'ts' | 'vtt'): boolean {
  let ids = aired.get(timeline);
  if (!ids) {
    ids = new Set();
    for (const p of timeline.programs()) {
      for (const item of Object.values(p.items)) {
        for (const s of item.segments) ids.add(`ts:${s.mediaId}`);
        if (item.captions) ids.add(`vtt:${item.captions.mediaId}`);
      }
    }
    aired.set(timeline, ids);
  }
  return ids.has(`${ext}:${mediaId}`);
}
