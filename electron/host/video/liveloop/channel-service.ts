import { randomUUID } from 'node:crypto';
import type { VideoNormalizeOutput } from '../../../../shared/jobs/video-normalize.js';
import { videoNormalize } from '../../../../shared/jobs/video-normalize.js';
import type { AddChannelItemBody, Channel, ChannelItem, CreateChannelBody, Guide, NowPlaying, ScheduleSlot, UpdateChannelBody } from '../../../../shared/schemas/video-liveloop.js';
import { guide, nowPlaying, validateSchedule } from '../../../../shared/video/liveloop/index.js';
import { AppError, badRequest, conflict, notFound } from '../../errors.js';
import type { VideoDeps } from '../deps.js';
import { videoServices } from '../services.js';
import { rowBlocks, rowFillers, rowItems, rowPlaylist, rowProfile, rowSchedule, toChannel, type ChannelRow } from './channel-rows.js';
import { ChannelStore } from './channel-store.js';
import { itemSource } from './item-source.js';

const GUIDE_MAX_MS = 8 * 86_400_000;
export const DEFAULT_CHANNEL_NAME = 'My LiveLoop';

/** Channels, their items and schedules, and what they air (guide, now playing). */
export class ChannelService {
  readonly store: ChannelStore;

  constructor(private readonly deps: VideoDeps) {
    this.store = new ChannelStore(deps);
  }

  private view(row: ChannelRow): Channel {
    return toChannel(row, (jobId) => {
      try {
        return this.deps.jobs.get(jobId).progress;
      } catch {
        return null;
      }
    });
  }

  list(): Channel[] {
    return this.store.all().map((r) => this.view(r));
  }

  get(id: string): Channel {
    return this.view(this.store.row(id));
  }

  create(body: CreateChannelBody): Channel {
    return this.view(this.store.insert(body));
  }

  update(id: string, body: UpdateChannelBody): Channel {
    const row = this.store.row(id);
    const { name, isDefault, loopMode, shuffle, timezone, fillers, blocks } = body;
    const keys = new Set(rowItems(row).map((i) => i.key));
    if (fillers) {
      const unknown = [fillers.interstitialKey, ...fillers.fillerPool].filter((k): k is string => !!k && !keys.has(k));
      if (unknown.length) throw badRequest(`Filler rules name items not in this channel: ${unknown.join(', ')}`);
      if ((fillers.interstitialEvery === null) !== (fillers.interstitialKey === null)) throw badRequest('An interstitial rule needs both interstitialEvery and interstitialKey (or neither)');
    }
    if (blocks) {
      const names = new Set<string>();
      for (const b of blocks) {
        if (names.has(b.name)) throw badRequest(`Two blocks are named "${b.name}"`);
        names.add(b.name);
        const unknown = b.itemKeys.filter((k) => !keys.has(k));
        if (unknown.length) throw badRequest(`Block "${b.name}" names items not in this channel: ${unknown.join(', ')}`);
      }
      const used = rowSchedule(row).flatMap((s) => (s.content.kind === 'block' && !names.has(s.content.block) ? [`"${s.id}" plays block "${s.content.block}"`] : []));
      if (used.length) throw badRequest(`The schedule still uses blocks this change removes: ${used.join('; ')}`);
    }
    if (timezone !== undefined) this.assertSchedule(rowSchedule(row), row, { timezone });
    const airs = loopMode !== undefined || shuffle !== undefined || timezone !== undefined || fillers !== undefined || blocks !== undefined;
    return this.view(this.store.update(id, { name, isDefault, loopMode, shuffle, timezone, fillers, blocks }, airs ? 'entry' : 'no'));
  }

  delete(id: string): { ok: true; id: string } {
    this.store.delete(id);
    return { ok: true, id };
  }

  /** Adds a finished library video: on air at the next boundary, or after a normalisation job. */
  async addItem(id: string, body: AddChannelItemBody): Promise<Channel> {
    const row = this.store.row(id);
    const video = videoServices(this.deps).reader.get(body.videoId);
    if (!video.inLibrary) throw conflict(`Video ${video.id} is not a finished library item yet (no final render)`);
    const profile = rowProfile(row);
    const src = await itemSource(this.deps, video, profile);
    const key = randomUUID();
    let item: ChannelItem = { key, videoId: video.id, title: video.title, state: 'ready', error: null, jobId: null, progress: 1, durationMs: 0, original: true, captions: null, segments: [], bandwidth: 0 };
    if (src.kind === 'ready') {
      item = { ...item, segments: src.source.segments, bandwidth: src.source.bandwidth, captions: src.source.captions, durationMs: src.source.segments.reduce((a, s) => a + s.ms, 0) };
    } else {
      const job = this.deps.jobs.submit({
        kind: videoNormalize.kind,
        input: { channelId: id, itemKey: key, videoId: video.id, inputPath: src.inputPath, height: profile.height, segmentSec: profile.segmentSec },
        userId: this.deps.ownerUserId,
      }).job;
      item = { ...item, state: 'normalizing', original: false, jobId: job.id, progress: 0, error: `normalising: ${src.reason}`, durationMs: Math.round((video.durationSec ?? 0) * 1000) };
    }
    const fresh = this.store.row(id);
    const items = [...rowItems(fresh), item];
    const playlist = rowPlaylist(fresh);
    if (body.inPlaylist) playlist.splice(Math.min(body.position ?? playlist.length, playlist.length), 0, key);
    return this.view(this.store.update(id, { items, playlist }, item.state === 'ready' ? 'entry' : 'no'));
  }

  /** Removes an item everywhere it is named (playlist, blocks, fillers, slots playing it). */
  removeItem(id: string, key: string): Channel {
    const row = this.store.row(id);
    const items = rowItems(row);
    if (!items.some((i) => i.key === key)) throw notFound(`Item ${key} of channel ${id}`);
    const f = rowFillers(row);
    return this.view(
      this.store.update(
        id,
        {
          items: items.filter((i) => i.key !== key),
          playlist: rowPlaylist(row).filter((k) => k !== key),
          blocks: rowBlocks(row).map((b) => ({ ...b, itemKeys: b.itemKeys.filter((k) => k !== key) })),
          fillers: { ...f, fillerPool: f.fillerPool.filter((k) => k !== key), ...(f.interstitialKey === key ? { interstitialKey: null, interstitialEvery: null } : {}) },
          schedule: rowSchedule(row).filter((s) => !(s.content.kind === 'item' && s.content.itemKey === key)),
        },
        'entry',
      ),
    );
  }

  reorder(id: string, playlist: string[]): Channel {
    const row = this.store.row(id);
    const current = rowPlaylist(row);
    const same = playlist.length === current.length && new Set(playlist).size === playlist.length && [...playlist].sort().join('\n') === [...current].sort().join('\n');
    if (!same) throw badRequest('The new order must list every playlist key exactly once', { expected: current });
    return this.view(this.store.update(id, { playlist }, 'entry'));
  }

  putSchedule(id: string, slots: ScheduleSlot[]): Channel {
    const row = this.store.row(id);
    this.assertSchedule(slots, row, {});
    return this.view(this.store.update(id, { schedule: slots }, 'entry'));
  }

  private assertSchedule(slots: ScheduleSlot[], row: ChannelRow, over: { timezone?: string }): void {
    const items = rowItems(row);
    const issues = validateSchedule(slots, {
      itemKeys: new Set(items.map((i) => i.key)),
      blocks: rowBlocks(row),
      timezone: over.timezone ?? row.timezone,
      canFillGaps: rowPlaylist(row).length > 0 || rowFillers(row).fillerPool.length > 0,
    });
    if (issues.length) throw new AppError(400, 'validation_failed', `The schedule has ${issues.length} problem${issues.length > 1 ? 's' : ''}: ${issues.map((i) => i.message).join('; ')}`, issues);
  }

  // ---- what airs ------------------------------------------------------------------------------

  guide(id: string, from?: string, to?: string): Guide {
    const row = this.store.row(id);
    const f = from ? Date.parse(from) : Date.now();
    const t = to ? Date.parse(to) : f + 86_400_000;
    if (t <= f) throw badRequest('"to" must be after "from"');
    if (t - f > GUIDE_MAX_MS) throw badRequest('A guide covers at most 8 days; ask for a shorter range');
    return { channelId: id, from: new Date(f).toISOString(), to: new Date(t).toISOString(), entries: guide(this.store.timeline(row), f, t) };
  }

  nowPlaying(id: string, at?: string): NowPlaying {
    const row = this.store.row(id);
    return nowPlaying(this.store.timeline(row), at ? Date.parse(at) : Date.now(), { id: row.id, name: row.name });
  }

  // ---- library and job events -----------------------------------------------------------------

  /** The default channel, made on first use ("Add to LiveLoop" needs somewhere to go). */
  defaultChannel(): Channel {
    const row = this.store.defaultRow() ?? this.store.insert({ name: DEFAULT_CHANNEL_NAME, loopMode: 'loop', shuffle: false, timezone: 'UTC', profile: { height: 720, videoCodec: 'h264', audioCodec: 'aac', segmentSec: 4 }, isDefault: true });
    return this.view(row);
  }

  /** Adds a video to a channel (the default one when none is named) unless it is already there. */
  async addVideo(videoId: string, channelId?: string): Promise<Channel> {
    const channel = channelId ? this.get(channelId) : this.defaultChannel();
    const existing = channel.items.find((i) => i.videoId === videoId && channel.playlist.includes(i.key));
    if (existing) return channel;
    return this.addItem(channel.id, { videoId, inPlaylist: true });
  }

  /** "Add to LiveLoop" switched off: the video leaves the default channel's playlist. */
  removeVideoFromDefault(videoId: string): void {
    const row = this.store.defaultRow();
    if (!row) return;
    for (const i of rowItems(row)) if (i.videoId === videoId && rowPlaylist(row).includes(i.key)) this.removeItem(row.id, i.key);
  }

  /** A video deleted from the library: its items go off air at the end of the segment on air. */
  videoDeleted(videoId: string): void {
    for (const row of this.store.all()) {
      const items = rowItems(row);
      if (!items.some((i) => i.videoId === videoId && i.state !== 'missing')) continue;
      const next = items.map((i) => (i.videoId === videoId ? { ...i, state: 'missing' as const, error: 'deleted from the library', segments: [] } : i));
      this.store.update(row.id, { items: next }, 'segment');
    }
  }

  normalized(out: VideoNormalizeOutput): void {
    this.patchItem(out.channelId, out.itemKey, (i) => ({
      ...i,
      state: 'ready',
      error: null,
      progress: 1,
      segments: out.segments.map((s) => ({ mediaId: s.ref.mediaId!, ms: Math.max(1, Math.round(s.durationSec * 1000)) })),
      durationMs: out.segments.reduce((a, s) => a + Math.max(1, Math.round(s.durationSec * 1000)), 0),
      bandwidth: Math.ceil(Math.max(...out.segments.map((s) => (s.ref.bytes * 8) / s.durationSec))),
    }));
  }

  normalizeFailed(channelId: string, itemKey: string, error: string): void {
    this.patchItem(channelId, itemKey, (i) => ({ ...i, state: 'failed', error: `normalisation failed: ${error}` }));
  }

  private patchItem(channelId: string, key: string, fn: (i: ChannelItem) => ChannelItem): void {
    const row = this.store.find(channelId);
    if (!row || !rowItems(row).some((i) => i.key === key)) return; // removed meanwhile: nothing to update
    const items = rowItems(row).map((i) => (i.key === key ? fn(i) : i));
    this.store.update(channelId, { items }, 'entry');
  }
}
