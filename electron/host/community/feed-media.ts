import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Request, Response } from 'express';
import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { communityFor } from './community-service.js';
import { expectOk, unreachable } from './relay-http.js';

/** Types the relay may serve for a slot; anything else is refused rather than passed to the renderer. */
const ALLOWED: Record<'thumbnail' | 'preview', RegExp> = {
  thumbnail: /^image\/(png|jpeg|gif|webp)$/,
  preview: /^(image\/(png|jpeg|gif|webp)|video\/(mp4|webm))$/,
};

/**
 * GET /community/items/:id/thumbnail|preview: the relay's file streamed through the host, so
 * the renderer's CSP stays 'self' and the relay is never contacted from the page. A Range
 * header is passed on (the relay answers 206 for video seeking).
 */
export async function streamCommunityMedia(ctx: CoreContext, id: string, slot: 'thumbnail' | 'preview', req: Request, res: Response): Promise<void> {
  const base = communityFor(ctx).requireRelay();
  const headers: Record<string, string> = {};
  if (typeof req.headers.range === 'string') headers.range = req.headers.range;
  let upstream: globalThis.Response;
  try {
    upstream = await fetch(`${base}/api/v1/items/${encodeURIComponent(id)}/${slot}`, { headers, redirect: 'error', signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    throw unreachable(base, err);
  }
  if (upstream.status !== 200 && upstream.status !== 206) {
    const text = await upstream.text();
    let body: unknown;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      body = undefined;
    }
    expectOk(base, { status: upstream.status, body, setCookies: [] }, `Loading the ${slot}`);
  }
  const type = (upstream.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!ALLOWED[slot].test(type)) {
    await upstream.body?.cancel();
    throw new AppError(502, 'relay_bad_response', `${base} sent the ${slot} as "${type || 'no type'}", which the studio does not show.`);
  }
  res.status(upstream.status);
  res.setHeader('Content-Type', type);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, max-age=300');
  for (const h of ['content-length', 'content-range', 'accept-ranges']) {
    const v = upstream.headers.get(h);
    if (v) res.setHeader(h, v);
  }
  if (!upstream.body) {
    res.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>), res);
  } catch (err) {
    // The page went away mid-stream (navigated off, scrolled a card out): nothing to report.
    if (!res.writableEnded) ctx.logger.warn(`community: streaming the ${slot} of ${id} stopped: ${(err as Error).message}`);
  }
}
