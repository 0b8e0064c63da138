import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { CreateChannelBody } from '../../../../shared/schemas/video-liveloop.js';
import { FillerRules } from '../../../../shared/schemas/video-liveloop.js';
import { LiveTimeline, type TimelinePiece } from '../../../../shared/video/liveloop/index.js';
import { liveloopChannels } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import type { VideoDeps } from '../deps.js';
import { piecesOf, rowAnchor, type ChannelRow } from './channel-rows.js';

type Patch = Partial<Pick<ChannelRow, 'name' | 'isDefault' | 'loopMode' | 'shuffle' | 'timezone' | 'items' | 'playlist' | 'blocks' | 'schedule' | 'fillers'>>;

/** Pieces older than this are dropped from a row's history (the window and a day of guide are long past). */
const HISTORY_KEEP_MS = 24 * 3_600_000;

/**
 * Channel rows and their timelines. A change to what airs never rewrites the past: the timeline
 * on air now is cut at the next boundary (the entry's end, or the segment's end for an item
 * deleted on air) and a new piece continues from there with the next sequence numbers. Timelines
 * are cached per row version, so a playlist request is a short walk from a checkpoint.
 */
export class ChannelStore {
  private readonly timelines = new Map<string, { updatedAt: number; timeline: LiveTimeline }>();

  constructor(private readonly deps: Pick<VideoDeps, 'database' | 'bus'>) {}

  private get db() {
    return this.deps.database.db;
  }

  find(id: string): ChannelRow | undefined {
    return this.db.select().from(liveloopChannels).where(eq(liveloopChannels.id, id)).get();
  }

  row(id: string): ChannelRow {
    const r = this.find(id);
    if (!r) throw notFound(`Channel ${id}`);
    return r;
  }

  all(): ChannelRow[] {
    return this.db.select().from(liveloopChannels).orderBy(asc(liveloopChannels.createdAt)).all();
  }

  defaultRow(): ChannelRow | undefined {
    return this.db.select().from(liveloopChannels).where(eq(liveloopChannels.isDefault, true)).get();
  }

  insert(body: CreateChannelBody, now = Date.now()): ChannelRow {
    const isDefault = body.isDefault || !this.defaultRow();
    if (isDefault) this.db.update(liveloopChannels).set({ isDefault: false }).where(eq(liveloopChannels.isDefault, true)).run();
    const row = this.db
      .insert(liveloopChannels)
      .values({
        id: randomUUID(),
        name: body.name,
        isDefault,
        loopMode: body.loopMode,
        shuffle: body.shuffle,
        timezone: body.timezone,
        profile: body.profile,
        items: [],
        playlist: [],
        blocks: [],
        schedule: [],
        fillers: FillerRules.parse({}),
        // On air since a minute before it was made, so the first playlist already has a full window.
        anchor: { epochMs: now - 60_000, msnBase: 0, discBase: 0, resumeAfterKey: null },
        history: [],
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    this.changed(row);
    return row;
  }

  timeline(row: ChannelRow): LiveTimeline {
    const hit = this.timelines.get(row.id);
    if (hit && hit.updatedAt === row.updatedAt) return hit.timeline;
    const timeline = new LiveTimeline(piecesOf(row));
    this.timelines.set(row.id, { updatedAt: row.updatedAt, timeline });
    return timeline;
  }

  /**
   * Writes a patch. `airs`: it changes what plays, so the timeline is re-anchored: 'entry'
   * lets the entry on air finish, 'segment' cuts at the end of the segment on air.
   */
  update(id: string, patch: Patch, airs: 'no' | 'entry' | 'segment', now = Date.now()): ChannelRow {
    const row = this.row(id);
    const updatedAt = Math.max(now, row.updatedAt + 1);
    let timing: Partial<ChannelRow> = {};
    if (airs !== 'no') {
      const tl = this.timeline(row);
      const cut = tl.cutPoint(now, airs);
      // Pieces that have not started by the cut are replaced; the last one left ends at the cut.
      const pieces: TimelinePiece[] = piecesOf(row).filter((p, i) => i === 0 || p.anchor.epochMs < cut.untilMs);
      pieces[pieces.length - 1] = { ...pieces.at(-1)!, untilMs: cut.untilMs };
      const history = pieces.filter((p) => p.untilMs === null || p.untilMs > now - HISTORY_KEEP_MS);
      timing = { anchor: { epochMs: cut.untilMs, msnBase: cut.msnBase, discBase: cut.discBase, resumeAfterKey: cut.onAirKey }, history };
    }
    if (patch.isDefault) this.db.update(liveloopChannels).set({ isDefault: false }).where(eq(liveloopChannels.isDefault, true)).run();
    const next = this.db.update(liveloopChannels).set({ ...patch, ...timing, updatedAt }).where(eq(liveloopChannels.id, id)).returning().get()!;
    this.changed(next);
    return next;
  }

  delete(id: string): void {
    this.row(id);
    this.db.delete(liveloopChannels).where(eq(liveloopChannels.id, id)).run();
    this.timelines.delete(id);
    this.deps.bus.publish({ type: 'domain', topic: 'liveloop.channel.deleted', id, data: null });
  }

  private changed(row: ChannelRow): void {
    this.timelines.delete(row.id);
    this.deps.bus.publish({ type: 'domain', topic: 'liveloop.channel.changed', id: row.id, data: { updatedAt: new Date(row.updatedAt).toISOString(), anchorMs: rowAnchor(row).epochMs } });
  }
}
