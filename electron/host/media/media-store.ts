import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { MediaObject } from '../../../shared/schemas/system.js';
import type { Db } from '../db/connection.js';
import { mediaObjects } from '../db/schema.js';
import type { EventBus } from '../events/event-bus.js';

export type MediaRow = typeof mediaObjects.$inferSelect;

export interface Provenance {
  mime: string;
  originalName?: string | null;
  provider?: string | null;
  model?: string | null;
  jobId?: string | null;
  meta?: unknown;
}

const EXT: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/webp': '.webp',
  'video/webm': '.webm',
  'video/mp4': '.mp4',
  'audio/wav': '.wav',
  'audio/mpeg': '.mp3',
  'text/vtt': '.vtt',
  'application/json': '.json',
  'text/plain': '.txt',
};

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function toMediaObject(m: MediaRow): MediaObject {
  return {
    id: m.id,
    sha256: m.sha256,
    mime: m.mime,
    bytes: m.bytes,
    originalName: m.originalName,
    provider: m.provider,
    model: m.model,
    jobId: m.jobId,
    createdAt: new Date(m.createdAt).toISOString(),
  };
}

/**
 * Content-addressed files under media/ (media/ab/abcdef….ext) with a row each recording which
 * provider, model and job made them. The same bytes are stored once.
 */
export class MediaStore {
  constructor(
    private readonly db: Db,
    private readonly mediaDir: string,
    private readonly bus?: EventBus,
  ) {}

  get(id: string): MediaRow | undefined {
    return this.db.select().from(mediaObjects).where(eq(mediaObjects.id, id)).get();
  }

  absolutePath(row: MediaRow): string {
    return join(this.mediaDir, row.relPath);
  }

  /** Ingests a file; `move` takes it over (worker scratch output) instead of copying. */
  async ingestFile(path: string, prov: Provenance, opts: { move?: boolean } = {}): Promise<MediaRow> {
    const sha = await sha256File(path);
    const existing = this.db.select().from(mediaObjects).where(eq(mediaObjects.sha256, sha)).get();
    if (existing && existsSync(this.absolutePath(existing))) {
      if (opts.move) rmSync(path, { force: true });
      return existing;
    }
    const ext = EXT[prov.mime] ?? (extname(path) || '.bin');
    const rel = join(sha.slice(0, 2), `${sha}${ext}`);
    const dest = join(this.mediaDir, rel);
    mkdirSync(join(this.mediaDir, sha.slice(0, 2)), { recursive: true });
    if (opts.move) {
      try {
        renameSync(path, dest);
      } catch {
        copyFileSync(path, dest);
        rmSync(path, { force: true });
      }
    } else copyFileSync(path, dest);
    const bytes = statSync(dest).size;
    const values = {
      id: existing?.id ?? randomUUID(),
      sha256: sha,
      mime: prov.mime,
      bytes,
      relPath: rel,
      originalName: prov.originalName ?? null,
      provider: prov.provider ?? null,
      model: prov.model ?? null,
      jobId: prov.jobId ?? null,
      meta: prov.meta ?? null,
      createdAt: Date.now(),
    };
    const row = this.db.insert(mediaObjects).values(values).onConflictDoUpdate({ target: mediaObjects.sha256, set: { relPath: rel } }).returning().get();
    this.bus?.publish({ type: 'domain', topic: 'media.created', id: row.id, data: toMediaObject(row) });
    return row;
  }

  async ingestBuffer(buf: Buffer, prov: Provenance): Promise<MediaRow> {
    const tmp = join(this.mediaDir, `.incoming-${randomUUID()}`);
    writeFileSync(tmp, buf);
    return this.ingestFile(tmp, prov, { move: true });
  }
}
