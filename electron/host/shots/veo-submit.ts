import { basename } from 'node:path';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { ShotsVeoSubmitOutput, shotsVeoSubmit, type ShotsVeoSubmitInput } from '../../../shared/jobs/shots-veo-submit.js';
import type { ShotVeo } from '../../../shared/schemas/shots.js';
import { VeoPayload } from '../../../shared/shots/veo.js';
import type { Db } from '../db/connection.js';
import { jobs } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { insideIncoming } from '../media/media-hooks.js';
import type { ShotsDeps } from './deps.js';
import type { ShotsReader } from './rows.js';

export const NO_GEMINI_KEY = 'Submitting to Veo needs a Gemini API key: add a Gemini API key in Settings → Providers (or set GEMINI_API_KEY)';

/**
 * shots.veo_submit input: the stored payload and where each referenced image lies, so the worker
 * (which has no database) can send the bytes. Refused up front, with nothing queued, when no
 * Gemini key is configured or the payload no longer validates.
 */
export async function veoSubmitInput(deps: ShotsDeps, reader: ShotsReader, shotId: string): Promise<ShotsVeoSubmitInput> {
  const { shot } = reader.shot(shotId);
  if (!shot.veoJsonPayload) throw new AppError(409, 'no_payload', 'This shot has no Veo payload yet: generate it (POST /shots/:id/generate-flow) or write one first');
  const eff = await deps.providers.settings.effective();
  if (!eff.config.gemini.apiKey) throw new AppError(409, 'no_gemini_key', NO_GEMINI_KEY);
  const parsed = VeoPayload.safeParse(shot.veoJsonPayload);
  if (!parsed.success) throw new AppError(422, 'invalid_veo_payload', `The stored Veo payload is not a valid Veo 3.1 request; edit or regenerate it: ${parsed.error.issues[0]?.message ?? ''}`);
  const inst = parsed.data.instances[0];
  const ids = [inst.image, inst.lastFrame, ...(inst.referenceImages ?? []).map((r) => r.image)].filter((i): i is NonNullable<typeof i> => !!i).map((i) => i.mediaId);
  const images: Record<string, string> = {};
  for (const id of ids) {
    const row = deps.media.get(id);
    if (!row) throw new AppError(409, 'missing_reference', `The payload refers to image ${id}, which is no longer in the media store; regenerate the payload`);
    images[id] = deps.media.absolutePath(row);
  }
  return { shotId, payload: parsed.data, images };
}

/** The clip from the worker's scratch folder into the media store with its provenance (provider veo, model, operation, shot). */
export function registerShotsVeoHooks(core: Pick<CoreContext, 'hooks' | 'media' | 'dataDir'>): void {
  core.hooks.register(shotsVeoSubmit.kind, {
    async onSucceeded(job, result) {
      const out = ShotsVeoSubmitOutput.parse(result);
      if (!out.path) return out;
      if (!insideIncoming(core.dataDir.mediaDir, out.path)) throw new Error(`${job.kind} returned a file outside its scratch folder: ${out.path}`);
      const row = await core.media.ingestFile(
        out.path,
        { mime: out.mime, originalName: basename(out.path), provider: out.provider, model: out.model, jobId: job.id, meta: { role: 'veo_clip', shotId: out.shotId, operation: out.operation } },
        { move: true },
      );
      const { path: _scratch, ...rest } = out;
      return { ...rest, mediaId: row.id, bytes: row.bytes } satisfies ShotsVeoSubmitOutput;
    },
  });
}

/**
 * The latest shots.veo_submit job of each shot: the shot's record of its Veo clip (the job keeps
 * progress, the clip's media id and the error; the media row keeps the provenance), so no column.
 */
export function latestVeoJobs(db: Db, shotIds: string[]): Map<string, ShotVeo> {
  const out = new Map<string, ShotVeo>();
  if (shotIds.length === 0) return out;
  const shotOf = sql<string>`json_extract(${jobs.input}, '$.shotId')`;
  const rows = db
    .select({ shotId: shotOf, id: jobs.id, status: jobs.status, progress: jobs.progress, progressMessage: jobs.progressMessage, result: jobs.result, error: jobs.error })
    .from(jobs)
    .where(and(eq(jobs.kind, shotsVeoSubmit.kind), inArray(shotOf, shotIds)))
    .orderBy(asc(jobs.createdAt))
    .all();
  for (const r of rows) {
    const res = ShotsVeoSubmitOutput.partial().safeParse(r.result);
    const done = res.success ? res.data : {};
    out.set(r.shotId, { jobId: r.id, status: r.status, progress: r.progress, progressMessage: r.progressMessage, mediaId: done.mediaId ?? null, model: done.model ?? null, error: r.error });
  }
  return out;
}
