import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join, parse as parsePath } from 'node:path';
import type { Request } from 'express';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { z } from 'zod';
import { UploadFields, type Deleted, type Ingredient, type IngredientMetadata, type IngredientType, type UpdateIngredientBody } from '../../../shared/schemas/shots.js';
import { resolveFfmpegPath } from '../../../worker/media/ffmpeg/locate.js';
import { shotIngredients, shots } from '../db/schema.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { API_BASE, type ShotsDeps } from './deps.js';
import type { ProjectService } from './project-service.js';
import { slotsOf, toIngredient, type ShotsReader } from './rows.js';
import { measureImage, measureVideo } from './upload/measure.js';
import { drain } from './upload/drain.js';
import { readMultipart } from './upload/multipart.js';
import { claimedMime, describeBytes, neutraliseName, sniffReference, type ReferenceMime } from './upload/sniff.js';
import { visionFor } from './vision.js';

export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
export const MAX_VIDEO_BYTES = 200 * 1024 * 1024;
const MULTIPART_OVERHEAD = 64 * 1024;

const LABEL: Record<ReferenceMime, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP', 'video/mp4': 'MP4', 'video/webm': 'WebM' };

/** The ingredient library: uploads (validated, measured, stored), search, rename, guarded delete. */
export class IngredientService {
  constructor(
    private readonly deps: ShotsDeps,
    private readonly reader: ShotsReader,
    private readonly projects: ProjectService,
  ) {}

  private get db() {
    return this.deps.database.db;
  }

  get(id: string): Ingredient {
    const row = this.reader.ingredient(id);
    return toIngredient(row, this.reader.usage(row.projectId, id));
  }

  list(projectId: string, filter: { type?: IngredientType; q?: string }): Ingredient[] {
    this.reader.project(projectId);
    const q = filter.q?.trim().toLowerCase();
    return this.reader
      .liveIngredients(projectId)
      .filter((r) => !filter.type || r.type === filter.type)
      .filter((r) => {
        if (!q) return true;
        const m = r.metadata as IngredientMetadata;
        return [r.name, m.caption ?? '', ...(m.tags ?? [])].some((s) => s.toLowerCase().includes(q));
      })
      .map((r) => toIngredient(r, this.reader.usage(projectId, r.id)));
  }

  /**
   * POST /assets/upload: the declared length is checked before a byte is read, the stream is
   * cut at the limit, the bytes must be what the name says (magic numbers), and every refusal
   * removes what was written. Only a fully measured file enters the media store.
   */
  async upload(req: Request): Promise<Ingredient> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > MAX_VIDEO_BYTES + MULTIPART_OVERHEAD) {
      req.res?.setHeader('Connection', 'close');
      throw new AppError(413, 'payload_too_large', `The upload is ${(declared / 1024 ** 3).toFixed(2)} GB; references are limited to ${MAX_IMAGE_BYTES / 1024 ** 2} MB (images) and ${MAX_VIDEO_BYTES / 1024 ** 2} MB (videos). Nothing was stored.`);
    }
    const tmp = join(this.deps.dataDir.mediaDir, `.upload-${randomUUID()}`);
    const poster = `${tmp}.poster.png`;
    let sniffed: ReferenceMime | null = null;
    try {
      const form = await readMultipart(req, req.headers['content-type'], tmp, { maxFileBytes: MAX_VIDEO_BYTES, maxFieldBytes: 16 * 1024 }, (head, filename) => {
        sniffed = sniffReference(head);
        if (!sniffed) throw new AppError(415, 'unsupported_media_type', `"${neutraliseName(filename)}" is ${describeBytes(head)}, not a PNG, JPEG or WebP image or an MP4/WebM video (checked by its bytes). Nothing was stored.`);
        const claimed = claimedMime(filename);
        if (claimed && claimed !== sniffed) {
          throw new AppError(415, 'type_mismatch', `"${neutraliseName(filename)}" is named as ${LABEL[claimed]} but its bytes are ${LABEL[sniffed]}; rename it or export it again. Nothing was stored.`);
        }
        return { maxBytes: sniffed.startsWith('video/') ? MAX_VIDEO_BYTES : MAX_IMAGE_BYTES };
      });
      if (!form.file) throw badRequest('The upload has no file part (a form field with a filename)');
      if (form.file.bytes === 0) throw badRequest(`"${neutraliseName(form.file.filename)}" is empty (0 bytes). Nothing was stored.`);
      const fields = UploadFields.safeParse(form.fields);
      if (!fields.success) throw badRequest(`Invalid upload fields: ${fields.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      this.reader.project(fields.data.projectId);
      const mime = sniffed as ReferenceMime | null;
      if (!mime) throw badRequest('The file part was too short to recognise');
      const originalName = neutraliseName(form.file.filename);
      const name = fields.data.name ?? (parsePath(originalName).name || originalName);
      return await this.store(fields.data.projectId, fields.data.type, name, originalName, tmp, poster, mime, form.file.bytes);
    } catch (err) {
      // A refusal mid-stream leaves the rest of the body unread: discard a bounded amount so the
      // answer is read rather than reset, and close the connection after it.
      if (!req.complete) {
        req.res?.setHeader('Connection', 'close');
        await drain(req, { maxBytes: 64 * 1024 * 1024, maxMs: 5000 });
      }
      throw err;
    } finally {
      await rm(tmp, { force: true });
      await rm(poster, { force: true });
    }
  }

  private async store(projectId: string, type: IngredientType, name: string, originalName: string, tmp: string, posterPath: string, mime: ReferenceMime, bytes: number): Promise<Ingredient> {
    const video = mime.startsWith('video/');
    const vf = video ? await measureVideo(resolveFfmpegPath(await this.deps.providers.settings.effectiveConfig()), tmp, posterPath) : null;
    const facts = vf ?? (await measureImage(tmp));
    const id = randomUUID();
    const media = await this.deps.media.ingestFile(tmp, { mime, originalName, meta: { shotsIngredient: id } });
    const thumb = await this.deps.media.ingestBuffer(facts.thumbnail, { mime: 'image/png', originalName: `${parsePath(originalName).name}.thumb.png` });
    const posterRow = vf ? await this.deps.media.ingestBuffer(vf.poster, { mime: 'image/png', originalName: `${parsePath(originalName).name}.poster.png` }) : null;
    const metadata: IngredientMetadata = {
      width: facts.width,
      height: facts.height,
      palette: facts.palette,
      durationSeconds: vf?.durationSeconds ?? null,
      vision: { status: 'pending', reason: 'Checking for a vision provider', jobId: null },
    };
    this.db
      .insert(shotIngredients)
      .values({
        id,
        projectId,
        name,
        type,
        kind: video ? 'video' : 'image',
        mediaId: media.id,
        thumbnailMediaId: thumb.id,
        posterMediaId: posterRow?.id ?? null,
        metadata,
        provenance: { source: 'upload', originalName, sha256: media.sha256, bytes, mime, uploadedAt: new Date().toISOString() },
      })
      .run();
    // The row must exist before a caption job can point at it.
    const seen = posterRow ?? media;
    this.setVision(id, await visionFor(this.deps, { id, type, imagePath: this.deps.media.absolutePath(seen), mime: posterRow ? 'image/png' : (mime as 'image/png' | 'image/jpeg' | 'image/webp') }));
    this.projects.touch(projectId);
    return this.get(id);
  }

  /** Caption job hook and the upload's vision decision. */
  setVision(id: string, vision: IngredientMetadata['vision'], caption?: { caption: string; tags: string[]; provider: string; model: string | null }): void {
    const row = this.db.select().from(shotIngredients).where(eq(shotIngredients.id, id)).get();
    if (!row) return;
    const m = row.metadata as IngredientMetadata;
    const next: IngredientMetadata = { ...m, vision };
    if (caption) Object.assign(next, { caption: caption.caption, tags: caption.tags, captionedBy: { provider: caption.provider, model: caption.model } });
    this.db.update(shotIngredients).set({ metadata: next, updatedAt: Date.now() }).where(eq(shotIngredients.id, id)).run();
  }

  update(id: string, body: z.infer<typeof UpdateIngredientBody>): Ingredient {
    const row = this.reader.ingredient(id);
    this.db.update(shotIngredients).set({ ...body, updatedAt: Date.now() }).where(eq(shotIngredients.id, id)).run();
    this.projects.touch(row.projectId);
    return this.get(id);
  }

  /** Refused (409 naming the shots) while slots hold it, unless confirmed: then those slots are emptied and remembered for restore. */
  delete(id: string, confirm: boolean): Deleted {
    const row = this.reader.ingredient(id);
    const used = this.reader.usage(row.projectId, id);
    if (used.length && !confirm) {
      const list = used.map((u) => `"${u.description.slice(0, 60)}" (slot ${u.slot})`).join(', ');
      throw new AppError(409, 'ingredient_in_use', `"${row.name}" is in ${used.length} slot${used.length === 1 ? '' : 's'}: ${list}. Delete with confirm=true to empty those slots.`, { usedBy: used });
    }
    this.deps.database.sqlite.transaction(() => {
      for (const u of used) {
        const s = this.db.select().from(shots).where(eq(shots.id, u.shotId)).get();
        if (!s) continue;
        const slots = slotsOf(s);
        slots[u.slot - 1] = null;
        this.db.update(shots).set({ assignedIngredients: slots, updatedAt: Date.now() }).where(eq(shots.id, u.shotId)).run();
      }
      this.db
        .update(shotIngredients)
        .set({ deletedAt: Date.now(), clearedSlots: used.map((u) => ({ shotId: u.shotId, slot: u.slot })) })
        .where(eq(shotIngredients.id, id))
        .run();
    })();
    this.projects.touch(row.projectId);
    return { ok: true, id, restorePath: `${API_BASE}/shots/ingredients/${id}/restore`, clearedSlots: used.length };
  }

  restore(id: string): Ingredient {
    const row = this.db.select().from(shotIngredients).where(and(eq(shotIngredients.id, id), isNotNull(shotIngredients.deletedAt))).get();
    if (!row) throw notFound(`Deleted ingredient ${id}`);
    this.reader.project(row.projectId);
    this.deps.database.sqlite.transaction(() => {
      this.db.update(shotIngredients).set({ deletedAt: null, clearedSlots: null, updatedAt: Date.now() }).where(eq(shotIngredients.id, id)).run();
      // Refill only slots nobody has taken since.
      for (const c of row.clearedSlots ?? []) {
        const s = this.db.select().from(shots).where(eq(shots.id, c.shotId)).get();
        if (!s) continue;
        const slots = slotsOf(s);
        if (slots[c.slot - 1] !== null || slots.includes(id)) continue;
        slots[c.slot - 1] = id;
        this.db.update(shots).set({ assignedIngredients: slots, updatedAt: Date.now() }).where(eq(shots.id, c.shotId)).run();
      }
    })();
    this.projects.touch(row.projectId);
    return this.get(id);
  }
}
