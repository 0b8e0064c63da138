import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { and, eq, gte } from 'drizzle-orm';
import express, { type Request, type Router } from 'express';
import { RELAY_UPLOAD_LIMITS, RelayPublishBody } from '../../shared/schemas/relay-community.js';
import { TIER_RULES, type Tier } from '../../shared/relay/tiers.js';
import type { RelayContext } from '../context.js';
import { items, votes } from '../db/schema.js';
import { requireTier, requireUser } from '../auth/identify.js';
import { HttpError, parse, uuidParam } from '../http/errors.js';
import { monthStart } from '../payments/credits.js';
import { fulfilDesire } from '../bounties/fulfil.js';
import { isImage } from './sniff.js';
import { receiveUpload } from './upload.js';
import { authorJoin, countInt, itemColumns, itemView } from './items-view.js';

/** Publishing: metadata + payload as JSON, then the thumbnail and preview as raw uploads. */
export function itemRoutes(ctx: RelayContext): Router {
  const r = express.Router();
  const base = ctx.config.publicUrl;

  async function ownItem(req: Request) {
    const u = await requireUser(ctx, req);
    const id = uuidParam(req.params.id);
    const [row] = await ctx.db.select().from(items).where(eq(items.id, id));
    if (!row) throw new HttpError(404, 'not_found', 'No such item');
    if (row.authorId !== u.id && u.role !== 'admin') throw new HttpError(403, 'forbidden', 'Only the author can change this item');
    return row;
  }

  /** Public items to everyone; private ones only to their author. */
  async function visibleItem(req: Request) {
    const id = uuidParam(req.params.id);
    const [row] = await ctx.db.select({ ...itemColumns, payload: items.payload, thumbnailType: items.thumbnailType, previewType: items.previewType }).from(items).innerJoin(...authorJoin).where(eq(items.id, id));
    if (!row || (!row.isPublic && row.authorId !== req.caller?.userId)) throw new HttpError(404, 'not_found', 'No such item');
    return row;
  }

  r.post('/items', express.json({ limit: '300kb' }), async (req, res) => {
    const u = await requireUser(ctx, req);
    const body = parse(RelayPublishBody, req.body);
    if (!body.isPublic) requireTier(u, 'privateItems', 'Publishing a private item');
    const cap = TIER_RULES[u.subscriptionTier as Tier].publishesPerMonth;
    if (cap !== null) {
      const [c] = await ctx.db.select({ n: countInt }).from(items).where(and(eq(items.authorId, u.id), gte(items.createdAt, monthStart(ctx.clock.now()))));
      if ((c?.n ?? 0) >= cap) throw new HttpError(403, 'publish_limit', `The free tier publishes ${cap} items a month; upgrade to Pro for unlimited`, { limit: cap });
    }
    const now = ctx.clock.now();
    const [row] = await ctx.db
      .insert(items)
      .values({ authorId: u.id, kind: body.kind, title: body.title, description: body.description, tags: body.tags, payload: body.payload, isPublic: body.isPublic, provenance: body.provenance, createdAt: now, updatedAt: now })
      .returning({ id: items.id });
    if (body.fulfilsDesireId) await fulfilDesire(ctx, u, body.fulfilsDesireId, row!.id);
    ctx.feedCache.clear();
    const [view] = await ctx.db.select(itemColumns).from(items).innerJoin(...authorJoin).where(eq(items.id, row!.id));
    res.status(201).json(itemView(view!, base));
  });

  r.get('/items/:id', async (req, res) => {
    const row = await visibleItem(req);
    // A signed-in reader also learns their own vote, so a client can show the vote toggle's state.
    const uid = req.caller?.userId;
    const [mine] = uid ? await ctx.db.select({ value: votes.value }).from(votes).where(and(eq(votes.itemId, row.id), eq(votes.userId, uid))) : [];
    res.json({ ...itemView(row, base), payload: row.payload, ...(uid ? { myVote: mine?.value ?? 0 } : {}) });
  });

  r.delete('/items/:id', async (req, res) => {
    const row = await ownItem(req);
    await ctx.db.delete(items).where(eq(items.id, row.id));
    ctx.feedCache.clear();
    await Promise.all(['thumb', 'preview'].map((k) => rm(join(ctx.blobDir, `${row.id}-${k}`), { force: true })));
    res.json({ ok: true });
  });

  for (const slot of ['thumbnail', 'preview'] as const) {
    const file = (id: string) => join(ctx.blobDir, `${id}-${slot === 'thumbnail' ? 'thumb' : 'preview'}`);
    r.put(`/items/:id/${slot}`, async (req, res) => {
      const row = await ownItem(req);
      const max = slot === 'thumbnail' ? RELAY_UPLOAD_LIMITS.thumbnailBytes : RELAY_UPLOAD_LIMITS.previewBytes;
      // A thumbnail must be an image; a preview may be an image or a short MP4/WebM clip.
      const type = await receiveUpload(req, res, file(row.id), max, slot === 'thumbnail' ? isImage : (t) => !!t);
      const set = slot === 'thumbnail' ? { thumbnailPath: file(row.id), thumbnailType: type } : { previewPath: file(row.id), previewType: type };
      await ctx.db.update(items).set({ ...set, updatedAt: ctx.clock.now() }).where(eq(items.id, row.id));
      ctx.feedCache.clear();
      res.json({ ok: true, type });
    });
    r.get(`/items/:id/${slot}`, async (req, res) => {
      const row = await visibleItem(req);
      const type = slot === 'thumbnail' ? row.thumbnailType : row.previewType;
      const path = slot === 'thumbnail' ? row.thumbnailPath : row.previewPath;
      if (!path || !type) throw new HttpError(404, 'not_found', `This item has no ${slot}`);
      res.setHeader('Content-Type', type);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.sendFile(path);
    });
  }
  return r;
}

