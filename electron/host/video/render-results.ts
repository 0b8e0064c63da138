import type { VideoAddLanguageOutput } from '../../../shared/jobs/video-add-language.js';
import type { VideoRenderOutput } from '../../../shared/jobs/video-render.js';
import type { MediaFileRef } from '../../../shared/schemas/media-file.js';
import type { Video, VideoCaptionTrack, VideoChapter, VideoRendition, VideoSceneProvenance } from '../../../shared/schemas/video.js';
import { probeMedia } from '../../../worker/media/ffmpeg/probe.js';
import { resolveFfmpegPath } from '../../../worker/media/ffmpeg/locate.js';
import type { JobRow } from '../jobs/job-row.js';
import { ingestRef } from '../media/media-hooks.js';
import type { VideoDeps } from './deps.js';
import { ingestHlsFiles } from './hls-ingest.js';
import type { VideoPatch } from './pipeline.js';

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });
export const languageLabel = (tag: string): string => {
  try {
    return LANGUAGE_NAMES.of(tag) ?? tag;
  } catch {
    return tag;
  }
};

/** What a render pass stored: the row patch, the ingested result for the job, the new media ids. */
export interface StoredRender {
  patch: VideoPatch;
  result: VideoRenderOutput;
  mediaIds: string[];
}

async function ingest(deps: VideoDeps, job: JobRow, ref: MediaFileRef, meta: Record<string, unknown>, ids: string[]): Promise<MediaFileRef> {
  const out = await ingestRef(deps, job, ref, meta);
  if (!out.mediaId) throw new Error(`${job.kind}: ${meta.role as string} was not stored`);
  ids.push(out.mediaId);
  return out;
}

/**
 * A final MP4 counts only if ffmpeg reads it back with a video stream and a duration: a video is
 * never marked completed (nor listed in the library) when it would not play.
 */
export async function probePlayable(deps: VideoDeps, mediaId: string): Promise<void> {
  const row = deps.media.get(mediaId);
  if (!row) throw new Error('composing [ffmpeg]: the final MP4 is missing from the media store');
  const ffmpeg = resolveFfmpegPath(await deps.providers.settings.effectiveConfig());
  const info = await probeMedia(ffmpeg, deps.media.absolutePath(row));
  if (!info.video || !info.durationSec || info.durationSec <= 0) {
    throw new Error(`composing [ffmpeg]: the final MP4 does not play (video stream: ${info.video?.codec ?? 'none'}, duration: ${info.durationSec ?? 'unknown'})`);
  }
}

function provenance(out: VideoRenderOutput): VideoSceneProvenance[] {
  return out.scenes.map((s) => ({
    sceneId: s.sceneId,
    provider: s.visualProvider,
    model: s.visualModel,
    voiceProvider: s.voiceProvider,
    voiceModel: s.voiceModel,
    cacheHit: s.cacheHit,
    startSec: s.startSec,
    durationSec: s.durationSec,
    fallbackReason: s.visualFallback,
  }));
}

function chapters(out: VideoRenderOutput): VideoChapter[] {
  return out.chapters.map((c, i) => ({ sceneId: c.sceneId, title: c.title, startSec: c.startSec, endSec: out.chapters[i + 1]?.startSec ?? out.durationSec }));
}

function notesOf(out: VideoRenderOutput): string[] {
  const notes = [...out.warnings];
  if (out.musicBed) notes.push(`Music bed: ${out.musicBed.note}`);
  for (const s of out.scenes) if (s.visualFallback) notes.push(`Scene ${s.sceneId}: ${s.visualFallback}`);
  return notes;
}

/** Moves a render pass's files into the media store and says how the row changes. */
export async function storeRender(deps: VideoDeps, job: JobRow, out: VideoRenderOutput, video: Video): Promise<StoredRender> {
  const ids: string[] = [];
  const common = { videoId: out.videoId, pass: out.pass, durationSec: out.durationSec, width: out.width, height: out.height };
  const mp4 = await ingest(deps, job, out.mp4, { role: 'video', ...common }, ids);
  const poster = await ingest(deps, job, out.poster, { role: 'poster', ...common }, ids);
  const thumbnail = await ingest(deps, job, out.thumbnail, { role: 'thumbnail', ...common }, ids);
  const captions = out.captions
    ? {
        ...out.captions,
        vtt: await ingest(deps, job, out.captions.vtt, { role: 'captions', language: out.captions.language }, ids),
        srt: await ingest(deps, job, out.captions.srt, { role: 'captions', language: out.captions.language }, ids),
      }
    : null;
  const rendition: VideoRendition = {
    mediaId: mp4.mediaId!,
    width: out.width,
    height: out.height,
    durationSec: out.durationSec,
    bytes: mp4.bytes,
    jobId: job.id,
    renderedAt: new Date().toISOString(),
  };
  const patch: VideoPatch = { scenes: provenance(out), notes: mergeNotes(video.notes, notesOf(out)) };
  let hls: VideoRenderOutput['hls'] = out.hls;
  if (out.pass === 'preview') {
    Object.assign(patch, { preview: rendition, thumbnailMediaId: video.thumbnailMediaId ?? thumbnail.mediaId, posterMediaId: video.posterMediaId ?? poster.mediaId });
  } else {
    await probePlayable(deps, rendition.mediaId);
    const track: VideoCaptionTrack[] = captions
      ? [{ language: captions.language, label: languageLabel(captions.language), mediaId: captions.vtt.mediaId!, source: captions.source }]
      : [];
    let masterId: string | null = null;
    if (out.hls) {
      const pkg = await ingestHlsFiles(deps, job, out.hls.master, out.hls.files);
      ids.push(...pkg.all);
      masterId = pkg.masterId;
      hls = { ...out.hls, master: { ...out.hls.master, path: null, mediaId: pkg.masterId }, files: out.hls.files.map((f) => ({ ...f, ref: { ...f.ref, path: null, mediaId: pkg.ids.get(f.name) ?? null } })) };
    }
    const audioTracks = out.hls?.audioTracks.length
      ? out.hls.audioTracks.map((t) => ({ language: t.language, label: t.name, voiceProvider: out.scenes.find((s) => s.voiceProvider)?.voiceProvider ?? null, isDefault: t.default }))
      : [{ language: video.language, label: languageLabel(video.language), voiceProvider: out.scenes.find((s) => s.voiceProvider)?.voiceProvider ?? null, isDefault: true }];
    Object.assign(patch, {
      final: rendition,
      hlsMasterMediaId: masterId,
      posterMediaId: poster.mediaId,
      thumbnailMediaId: thumbnail.mediaId,
      captions: track,
      audioTracks,
      chapters: chapters(out),
      // A new final replaces every dub: their audio was placed on the old timeline.
      languages: [video.language],
      durationSec: out.durationSec,
      status: 'completed',
      progress: 1,
      progressMessage: 'completed',
      inLibrary: true,
      completedAt: Date.now(),
      error: null,
    } satisfies VideoPatch);
  }
  return { patch, result: { ...out, mp4, poster, thumbnail, captions, hls }, mediaIds: ids };
}

/** A dub's new files into the store and the row's audio, caption and language lists. */
export async function storeLanguage(deps: VideoDeps, job: JobRow, out: VideoAddLanguageOutput, video: Video): Promise<{ patch: VideoPatch; mediaIds: string[] }> {
  const ids: string[] = [];
  const pkg = await ingestHlsFiles(deps, job, out.master, out.files);
  ids.push(...pkg.all);
  const vtt = await ingest(deps, job, out.captions.vtt, { role: 'captions', language: out.language }, ids);
  await ingest(deps, job, out.captions.srt, { role: 'captions', language: out.language }, ids);
  const audioTracks = out.audioTracks.map((t) => ({
    language: t.language,
    label: t.name,
    voiceProvider: t.language === out.language ? out.audio.provider : (video.audioTracks.find((a) => a.language === t.language)?.voiceProvider ?? null),
    isDefault: t.default,
  }));
  return {
    patch: {
      hlsMasterMediaId: pkg.masterId,
      audioTracks,
      captions: [...video.captions.filter((c) => c.language !== out.language), { language: out.language, label: out.name, mediaId: vtt.mediaId!, source: out.captions.source }],
      languages: [...new Set([...video.languages, out.language])],
      notes: mergeNotes(video.notes.filter((n) => !n.startsWith(`add_language ${out.language}:`)), [`add_language ${out.language}: ${out.name} voiced by ${out.audio.provider} (${out.audio.model}), ${out.audio.lines} lines`, ...out.warnings]),
    },
    mediaIds: ids,
  };
}

export function mergeNotes(old: readonly string[], add: readonly string[]): string[] {
  return [...new Set([...old, ...add])].slice(-50);
}
