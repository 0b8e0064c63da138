import { readFileSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { MediaComposeOutput, mediaCompose, type MediaComposeInput } from '../../../shared/jobs/media-compose.js';
import { TtsSynthesizeOutput, ttsSynthesize } from '../../../shared/jobs/tts-synthesize.js';
import type { MediaFileRef } from '../../../shared/schemas/media-file.js';
import { rewritePlaylistUris } from '../../../worker/media/ffmpeg/playlist.js';
import type { CoreContext } from '../host-context.js';
import type { JobRow } from '../jobs/job-row.js';
import type { MediaStore } from './media-store.js';

type Core = Pick<CoreContext, 'hooks' | 'media' | 'dataDir'>;

export function insideIncoming(mediaDir: string, path: string): boolean {
  const rel = relative(resolve(join(mediaDir, 'incoming')), resolve(path));
  return !!rel && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Moves one produced file into the media store with its provenance; returns the ref with its media id. */
export async function ingestRef(core: Core, job: JobRow, ref: MediaFileRef, meta: Record<string, unknown> = {}): Promise<MediaFileRef> {
  if (!ref.path) return ref;
  if (!insideIncoming(core.dataDir.mediaDir, ref.path)) throw new Error(`${job.kind} returned a file outside its scratch folder: ${ref.path}`);
  const row = await core.media.ingestFile(ref.path, { mime: ref.mime, originalName: basename(ref.path), provider: ref.provider, model: ref.model, jobId: job.id, meta }, { move: true });
  return { ...ref, path: null, mediaId: row.id, bytes: row.bytes };
}

/**
 * An HLS package into the content-addressed store: segments first, then each playlist with its
 * URIs rewritten to `../<mediaId>/file`, the master last. Served from /api/v1/media/<id>/file,
 * those relative URIs resolve to the sibling media objects, so the package plays as stored.
 */
async function ingestHls(core: Core, job: JobRow, hls: NonNullable<MediaComposeOutput['hls']>): Promise<NonNullable<MediaComposeOutput['hls']>> {
  const ids = new Map<string, string>();
  const files: typeof hls.files = [];
  const mapUri = (uri: string) => {
    const id = ids.get(uri);
    if (!id) throw new Error(`HLS playlist refers to ${uri}, which is not in the package`);
    return `../${id}/file`;
  };
  const ordered = [...hls.files.filter((f) => !f.name.endsWith('.m3u8')), ...hls.files.filter((f) => f.name.endsWith('.m3u8'))];
  for (const f of ordered) {
    if (f.name.endsWith('.m3u8') && f.ref.path) writeFileSync(f.ref.path, rewritePlaylistUris(readFileSync(f.ref.path, 'utf8'), mapUri));
    const ref = await ingestRef(core, job, f.ref, { role: 'hls', name: f.name });
    ids.set(f.name, ref.mediaId!);
    files.push({ name: f.name, ref });
  }
  if (hls.master.path) writeFileSync(hls.master.path, rewritePlaylistUris(readFileSync(hls.master.path, 'utf8'), mapUri));
  const master = await ingestRef(core, job, hls.master, { role: 'hls-master', durationSec: hls.durationSec, variants: hls.variants });
  return { ...hls, master, files };
}

/**
 * tts.synthesize and media.compose results: produced files move into the media store with
 * provider, model and job; the stored result carries media ids instead of scratch paths.
 */
export function registerMediaHooks(core: Core): void {
  core.hooks.register(ttsSynthesize.kind, {
    async onSucceeded(job, result) {
      const out = TtsSynthesizeOutput.parse(result);
      return { ...out, audio: await ingestRef(core, job, out.audio, { role: 'speech', voice: out.voice, durationSec: out.durationSec, cached: out.cached }) };
    },
  });
  core.hooks.register(mediaCompose.kind, {
    async onSucceeded(job, result) {
      const out = MediaComposeOutput.parse(result);
      const video = { durationSec: out.durationSec, width: out.width, height: out.height, fps: out.fps };
      const ingest = (ref: MediaFileRef | null, meta: Record<string, unknown>) => (ref ? ingestRef(core, job, ref, meta) : Promise.resolve(null));
      return {
        ...out,
        hls: out.hls ? await ingestHls(core, job, out.hls) : null,
        mp4: await ingest(out.mp4, { role: 'video', ...video }),
        webm: await ingest(out.webm, { role: 'video', ...video }),
        thumbnail: await ingest(out.thumbnail, { role: 'poster' }),
        narration: out.narration ? { ...out.narration, audio: (await ingest(out.narration.audio, { role: 'narration', voice: out.narration.voice, durationSec: out.narration.durationSec }))! } : null,
        captions: out.captions
          ? { ...out.captions, vtt: (await ingest(out.captions.vtt, { role: 'captions', cues: out.captions.cues }))!, srt: (await ingest(out.captions.srt, { role: 'captions', cues: out.captions.cues }))! }
          : null,
      } satisfies MediaComposeOutput;
    },
  });
}

/**
 * Workers cannot read the database, so a media.compose input naming images by media id gets
 * them resolved to files here, before the job is queued (video studio, MCP, CLI).
 */
export function resolveComposeMedia(media: MediaStore, input: MediaComposeInput): MediaComposeInput {
  if (input.visuals.kind !== 'images') return input;
  const images = input.visuals.images.map((img) => {
    if (!img.mediaId) return img;
    const row = media.get(img.mediaId);
    if (!row) throw new Error(`Media ${img.mediaId} does not exist`);
    if (!row.mime.startsWith('image/')) throw new Error(`Media ${img.mediaId} is ${row.mime}, not an image`);
    return { path: media.absolutePath(row), ...(img.durationSec ? { durationSec: img.durationSec } : {}) };
  });
  return { ...input, visuals: { ...input.visuals, images } };
}
