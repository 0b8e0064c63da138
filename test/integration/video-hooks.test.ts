import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCore, createCore } from '../../electron/host/core.js';
import { ensureDataDir, resolveDataDir } from '../../electron/host/data-dir.js';
import type { CoreContext } from '../../electron/host/host-context.js';
import type { JobRow } from '../../electron/host/jobs/job-row.js';
import { createLogger } from '../../electron/host/logger.js';
import { videoServices, type VideoServices } from '../../electron/host/video/services.js';
import { formatVideoFailure, type VideoRenderOutput } from '../../shared/jobs/video-render.js';
import type { VideoScriptOutput } from '../../shared/jobs/video-script.js';
import type { Job } from '../../shared/schemas/jobs.js';
import type { MediaFileRef } from '../../shared/schemas/media-file.js';
import type { VideoScript } from '../../shared/video/script.js';
import { resolveFfmpegPath } from '../../worker/media/ffmpeg/locate.js';
import { tempHome } from '../helpers/host-process.js';

// The pipeline's host half with a real core and SQLite, the runner stopped: the test plays the
// worker's part with real files made by the bundled ffmpeg.
const FFMPEG = resolveFfmpegPath();
const SCRIPT: VideoScript = {
  title: 'The Lamp Keeper',
  scenes: [
    { id: 's1', description: 'A lighthouse in a storm at sea, emerald and gold.', camera: 'wide, slow_pan', durationSec: 3.5, actions: ['Waves hit the rocks'], dialog: [{ text: 'The storm came at dusk.' }] },
    { id: 's2', description: 'The keeper lights the lamp.', camera: 'close, static', durationSec: 3.5, actions: ['He strikes a match'], dialog: [{ speaker: 'Keeper', text: 'Not tonight.' }] },
  ],
};

let core: CoreContext;
let svc: VideoServices;
beforeAll(async () => {
  const dataDir = resolveDataDir(tempHome('auteur-video-hooks-'));
  ensureDataDir(dataDir);
  core = createCore({ dataDir, mode: 'headless', logger: createLogger(dataDir.logsDir, { echo: () => undefined }) });
  await core.runner.stop();
  svc = videoServices(core);
});
afterAll(() => closeCore(core));

const hook = (kind: string) => core.hooks.get(kind)!;
const row = (job: Job) => ({ ...job, idempotencyKey: job.idempotencyKey }) as unknown as JobRow;
const ff = (...args: string[]) => execFileSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
let n = 0;
function scratch(): string {
  const dir = join(core.dataDir.mediaDir, 'incoming', `job-${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}
const ref = (path: string, mime: string): MediaFileRef => ({ path, mediaId: null, mime, bytes: readFileSync(path).length, provider: 'ffmpeg', model: 'test' });

/** A render pass's files as the worker leaves them: MP4 (h264+aac), poster, thumbnail, VTT/SRT and for the final an HLS package. */
function renderOutput(videoId: string, pass: 'preview' | 'final', opts: { color?: string; brokenMp4?: boolean } = {}): VideoRenderOutput {
  const dir = scratch();
  const [w, h] = pass === 'preview' ? [320, 180] : [640, 360];
  const mp4 = join(dir, 'video.mp4');
  if (opts.brokenMp4) writeFileSync(mp4, Buffer.from('not an mp4 at all'));
  else ff('-f', 'lavfi', '-i', `color=c=${opts.color ?? 'teal'}:size=${w}x${h}:rate=24:duration=2`, '-f', 'lavfi', '-i', 'sine=duration=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', mp4);
  ff('-f', 'lavfi', '-i', `color=c=${opts.color ?? 'teal'}:size=${w}x${h}`, '-frames:v', '1', join(dir, 'poster.jpg'));
  ff('-f', 'lavfi', '-i', `color=c=${opts.color ?? 'teal'}:size=160x90`, '-frames:v', '1', join(dir, 'thumb.jpg'));
  writeFileSync(join(dir, 'en.vtt'), 'WEBVTT\n\n00:00.000 --> 00:01.000\nThe storm came at dusk.\n');
  writeFileSync(join(dir, 'en.srt'), '1\n00:00:00,000 --> 00:00:01,000\nThe storm came at dusk.\n');
  let hls: VideoRenderOutput['hls'] = null;
  if (pass === 'final' && !opts.brokenMp4) {
    ff('-i', mp4, '-c', 'copy', '-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'vod', '-hls_segment_filename', join(dir, 'seg_%03d.ts'), join(dir, 'v0.m3u8'));
    writeFileSync(join(dir, 'subs_en.m3u8'), '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nsubs_en.vtt\n#EXT-X-ENDLIST\n');
    writeFileSync(join(dir, 'subs_en.vtt'), 'WEBVTT\n\n00:00.000 --> 00:01.000\nThe storm came at dusk.\n');
    writeFileSync(
      join(dir, 'master.m3u8'),
      '#EXTM3U\n#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=YES,URI="subs_en.m3u8"\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,SUBTITLES="subs"\nv0.m3u8\n',
    );
    const names = ['seg_000.ts', 'seg_001.ts', 'v0.m3u8', 'subs_en.m3u8', 'subs_en.vtt'].filter((f) => existsSync(join(dir, f)));
    hls = {
      master: ref(join(dir, 'master.m3u8'), 'application/vnd.apple.mpegurl'),
      files: names.map((name) => ({ name, ref: ref(join(dir, name), name.endsWith('.ts') ? 'video/mp2t' : name.endsWith('.vtt') ? 'text/vtt' : 'application/vnd.apple.mpegurl') })),
      variants: [{ width: 640, height: 360, bandwidth: 800000, segments: 2 }],
      segmentSec: 1,
      durationSec: 2,
      audioTracks: [],
      subtitleTracks: [{ language: 'en', name: 'English', default: true, uri: 'subs_en.m3u8' }],
    };
  }
  return {
    videoId,
    pass,
    mp4: ref(mp4, 'video/mp4'),
    hls,
    poster: ref(join(dir, 'poster.jpg'), 'image/jpeg'),
    thumbnail: ref(join(dir, 'thumb.jpg'), 'image/jpeg'),
    captions: { vtt: ref(join(dir, 'en.vtt'), 'text/vtt'), srt: ref(join(dir, 'en.srt'), 'text/plain'), cues: 1, source: 'script-timing', language: 'en' },
    chapters: [
      { sceneId: 's1', title: 'A lighthouse in a storm', startSec: 0 },
      { sceneId: 's2', title: 'The keeper lights the lamp', startSec: 1 },
    ],
    durationSec: 2,
    width: w,
    height: h,
    fps: 24,
    scenes: SCRIPT.scenes.map((s, i) => ({
      sceneId: s.id,
      startSec: i,
      durationSec: 1,
      visualProvider: 'embedded' as const,
      visualModel: 'shader-composer-v1',
      visualFallback: null,
      voiceProvider: 'espeak' as const,
      voiceModel: 'espeak-ng',
      voice: 'en',
      lines: 1,
      speechSec: 0.8,
      cacheHit: i === 0,
    })),
    musicBed: { provider: 'embedded synth', model: 'pads-v1', note: 'synthesized offline pads, ducked under the voice' },
    warnings: [],
  };
}

const scriptOut = (): VideoScriptOutput => ({ script: SCRIPT, provider: 'embedded', model: 'offline-script-writer-v1', offline: true, attempts: 0, fallbackReason: 'no LLM', language: 'en', durationTarget: 7, warnings: [] });
const current = (id: string) => svc.reader.get(id);
const currentJob = (id: string) => row(core.jobs.get(current(id).jobId!));

/** A video through script → preview → final, as the worker would report them. */
async function finished(prompt: string, color = 'teal'): Promise<string> {
  const { video } = svc.videos.create({ prompt, style: 'cinematic', language: 'en', duration_target: 7, produce_preview: true });
  await hook('video.script').onSucceeded!(currentJob(video.id), scriptOut());
  const pre = currentJob(video.id);
  pre.result = await hook('video.render').onSucceeded!(pre, renderOutput(video.id, 'preview', { color }));
  const fin = currentJob(video.id);
  await hook('video.render').onSucceeded!(fin, renderOutput(video.id, 'final', { color }));
  return video.id;
}

describe('video pipeline hooks', () => {
  it('chains script → preview → final → entities; only the final makes a library item; HLS plays from the media store', async () => {
    const { video, jobId } = svc.videos.create({ prompt: 'A lighthouse in a storm at sea, emerald and gold.', style: 'cinematic', language: 'en', duration_target: 7, produce_preview: true });
    expect(video).toMatchObject({ status: 'queued', jobId, title: 'A lighthouse in a storm at sea, emerald', inLibrary: false, languages: ['en'] });
    expect(core.jobs.get(jobId)).toMatchObject({ kind: 'video.script', status: 'queued', input: { prompt: video.prompt, durationTarget: 7, provider: 'auto' } });

    await hook('video.script').onSucceeded!(currentJob(video.id), scriptOut());
    let v = current(video.id);
    expect(v).toMatchObject({ status: 'rendering_preview', title: 'The Lamp Keeper', script: SCRIPT, scriptSource: { writer: 'offline', provider: 'embedded' } });
    expect(v.notes[0]).toMatch(/^Written by the offline script writer, not an LLM\. no LLM/);
    const preJob = currentJob(video.id);
    expect(preJob).toMatchObject({ kind: 'video.render', input: { videoId: video.id, pass: 'preview', script: SCRIPT } });

    await hook('video.render').onSucceeded!(preJob, renderOutput(video.id, 'preview'));
    v = current(video.id);
    expect(v.status).toBe('rendering_final');
    expect(v.preview).toMatchObject({ width: 320, height: 180, durationSec: 2, jobId: preJob.id });
    expect(v.thumbnailMediaId).toBeTruthy();
    expect(v.inLibrary).toBe(false);
    expect(svc.reader.list({ sort: 'created', order: 'desc', scope: 'library', limit: 10, offset: 0 }).videos.map((x) => x.id)).not.toContain(video.id);
    const finJob = currentJob(video.id);
    expect(finJob.input).toMatchObject({ pass: 'final' });

    // The running final reports "composing: …": the video says composing.
    core.bus.publish({ type: 'job.updated', job: { ...core.jobs.get(finJob.id), status: 'running', progress: 0.9, progressMessage: 'composing: muxing the HLS package' } });
    expect(current(video.id)).toMatchObject({ status: 'composing', progress: 0.9, progressMessage: 'composing: muxing the HLS package' });

    const result = (await hook('video.render').onSucceeded!(finJob, renderOutput(video.id, 'final'))) as VideoRenderOutput;
    v = current(video.id);
    expect(v).toMatchObject({ status: 'completed', inLibrary: true, durationSec: 2, languages: ['en'], error: null });
    expect(v.final).toMatchObject({ width: 640, height: 360, jobId: finJob.id });
    expect(result.mp4).toMatchObject({ path: null, mediaId: v.final!.mediaId });
    // A progress event arriving after the hook finished does not reopen the video.
    core.bus.publish({ type: 'job.updated', job: { ...core.jobs.get(finJob.id), status: 'running', progress: 0.95, progressMessage: 'composing: packaging HLS' } });
    expect(current(video.id).status).toBe('completed');
    expect(v.chapters).toEqual([
      { sceneId: 's1', title: 'A lighthouse in a storm', startSec: 0, endSec: 1 },
      { sceneId: 's2', title: 'The keeper lights the lamp', startSec: 1, endSec: 2 },
    ]);
    expect(v.scenes.map((s) => [s.sceneId, s.provider, s.voiceProvider, s.cacheHit])).toEqual([
      ['s1', 'embedded', 'espeak', true],
      ['s2', 'embedded', 'espeak', false],
    ]);
    expect(v.captions).toEqual([{ language: 'en', label: 'English', mediaId: expect.any(String), source: 'script-timing' }]);
    expect(v.notes).toContain('Music bed: synthesized offline pads, ducked under the voice');
    // The master's URIs point at sibling media objects, so it plays from /api/v1/media/<id>/file.
    const master = readFileSync(core.media.absolutePath(core.media.get(v.hlsMasterMediaId!)!), 'utf8');
    expect(master).toMatch(/URI="\.\.\/[0-9a-f-]{36}\/file"/);
    const variant = /\n(\.\.\/([0-9a-f-]{36})\/file)\n/.exec(master)!;
    const playlist = readFileSync(core.media.absolutePath(core.media.get(variant[2]!)!), 'utf8');
    expect(playlist).toMatch(/^\.\.\/[0-9a-f-]{36}\/file$/m);
    expect(svc.reader.list({ sort: 'created', order: 'desc', scope: 'library', limit: 10, offset: 0 }).videos.map((x) => x.id)).toContain(video.id);

    // NER follows the final.
    const ner = core.jobs.list({ kind: 'video.entities', limit: 10 } as never).find((j) => j.idempotencyKey?.startsWith(`video/${video.id}/`));
    expect(ner).toBeTruthy();
    expect(current(video.id).entitiesSource).toBe(`pending: job ${ner!.id}`);
    await hook('video.entities').onSucceeded!(row(ner!), { entities: [{ name: 'Eddystone Lighthouse', type: 'place', wikiTitle: 'Eddystone Lighthouse', sceneIds: ['s1'] }], provider: 'ollama', model: 'llama3.2', offline: false, attempts: 1, reason: null, warnings: [] });
    expect(current(video.id)).toMatchObject({ entities: [{ name: 'Eddystone Lighthouse', type: 'place', wikiTitle: 'Eddystone Lighthouse', sceneIds: ['s1'] }], entitiesSource: 'ollama llama3.2' });
  });

  it('a final MP4 that does not play fails composing [ffmpeg]: no library item, the preview kept; auto resume redoes the final only', async () => {
    const { video } = svc.videos.create({ prompt: 'Fog over a harbour.', style: 'noir', language: 'en', duration_target: 7, produce_preview: true });
    await hook('video.script').onSucceeded!(currentJob(video.id), scriptOut());
    await hook('video.render').onSucceeded!(currentJob(video.id), renderOutput(video.id, 'preview'));
    const fin = currentJob(video.id);
    await expect(hook('video.render').onSucceeded!(fin, renderOutput(video.id, 'final', { brokenMp4: true }))).rejects.toThrow(/^composing \[ffmpeg\]: |FFmpeg cannot read/);
    // The runner then reports the attempt failed for good.
    await hook('video.render').onFailed!({ ...fin, status: 'failed' }, 'composing [ffmpeg]: the final MP4 does not play');
    const v = current(video.id);
    expect(v).toMatchObject({ status: 'failed', inLibrary: false, final: null, error: { stage: 'composing', provider: 'ffmpeg', message: 'the final MP4 does not play', jobId: fin.id } });
    expect(v.preview).not.toBeNull();

    const again = svc.pipeline.render(video.id, 'auto');
    expect(core.jobs.get(again.jobId)).toMatchObject({ kind: 'video.render', input: { pass: 'final' } });
    expect(again.video).toMatchObject({ status: 'rendering_final', error: null });
    expect(() => svc.pipeline.render(video.id, 'auto')).toThrow(/is rendering final/);
  });

  it('a failure names stage and provider from the job message; a superseded job changes nothing; a cancelled script says so', async () => {
    const { video } = svc.videos.create({ prompt: 'Snow on a mountain pass.', style: 'cinematic', language: 'en', duration_target: 7, produce_preview: false });
    const scriptJob = currentJob(video.id);
    await hook('video.script').onFailed!({ ...scriptJob, status: 'cancelled' }, 'Cancelled');
    expect(current(video.id).error).toMatchObject({ stage: 'generating_script', provider: 'auto', message: 'cancelled' });

    const retry = svc.pipeline.render(video.id, 'auto');
    expect(core.jobs.get(retry.jobId).kind).toBe('video.script');
    await hook('video.script').onSucceeded!(currentJob(video.id), scriptOut());
    // produce_preview=false: straight to the final.
    const fin = currentJob(video.id);
    expect(fin.input).toMatchObject({ pass: 'final' });
    await hook('video.render').onFailed!({ ...fin, status: 'failed' }, formatVideoFailure('rendering_final', 'comfyui', 'ComfyUI at http://127.0.0.1:8188 refused the workflow'));
    expect(current(video.id)).toMatchObject({ status: 'failed', error: { stage: 'rendering_final', provider: 'comfyui', message: 'ComfyUI at http://127.0.0.1:8188 refused the workflow' } });

    // An older job finishing late does not overwrite the newer state.
    svc.pipeline.render(video.id, 'final');
    await hook('video.render').onFailed!({ ...fin, status: 'failed' }, 'late');
    expect(current(video.id).status).toBe('rendering_final');
  });

  it('add language: translate → add_language on the final timeline; the new master, caption and audio track are stored', async () => {
    const id = await finished('Two friends talk on a bridge at night.', 'navy');
    const { jobId } = svc.pipeline.queueTranslate(svc.reader.row(id), 'fr', undefined);
    const tr = row(core.jobs.get(jobId));
    expect(tr).toMatchObject({ kind: 'video.translate', input: { from: 'en', to: 'fr' } });
    expect(() => svc.pipeline.queueTranslate(svc.reader.row(id), 'en', undefined)).toThrow(/already has en/);

    const fr: VideoScript = { ...SCRIPT, title: 'Le gardien', scenes: SCRIPT.scenes.map((s) => ({ ...s, dialog: s.dialog.map((d) => ({ ...d, text: `FR ${d.text}` })) })) };
    await hook('video.translate').onSucceeded!(tr, { script: fr, from: 'en', language: 'fr', provider: 'ollama', model: 'llama3.2', attempts: 1, warnings: [] });
    const add = core.jobs.list({ kind: 'video.add_language', limit: 10 } as never).find((j) => j.idempotencyKey?.startsWith(`video/${id}/`))!;
    const v = current(id);
    expect(add.input).toMatchObject({ videoId: id, language: 'fr', script: fr, durationSec: 2, timeline: [{ sceneId: 's1', startSec: 0, durationSec: 1 }, { sceneId: 's2', startSec: 1, durationSec: 1 }] });
    expect((add.input as { masterPath: string }).masterPath).toBe(core.media.absolutePath(core.media.get(v.hlsMasterMediaId!)!));

    const dir = scratch();
    const oldMaster = readFileSync((add.input as { masterPath: string }).masterPath, 'utf8');
    writeFileSync(join(dir, 'aud_fr.m3u8'), '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\naud_fr_000.ts\n#EXT-X-ENDLIST\n');
    writeFileSync(join(dir, 'aud_fr_000.ts'), Buffer.from('fr audio segment'));
    writeFileSync(join(dir, 'fr.vtt'), 'WEBVTT\n\n00:00.000 --> 00:01.000\nFR The storm came at dusk.\n');
    writeFileSync(join(dir, 'fr.srt'), '1\n00:00:00,000 --> 00:00:01,000\nFR The storm came at dusk.\n');
    writeFileSync(join(dir, 'master.m3u8'), `${oldMaster.trimEnd()}\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="Français",LANGUAGE="fr",URI="aud_fr.m3u8"\n`);
    const fileRef = (name: string, mime: string) => ({ name, ref: ref(join(dir, name), mime) });
    await hook('video.add_language').onSucceeded!(row(add), {
      videoId: id,
      language: 'fr',
      name: 'Français',
      master: ref(join(dir, 'master.m3u8'), 'application/vnd.apple.mpegurl'),
      files: [fileRef('aud_fr.m3u8', 'application/vnd.apple.mpegurl'), fileRef('aud_fr_000.ts', 'video/mp2t')],
      audio: { provider: 'espeak', model: 'espeak-ng', voice: 'fr', lines: 2, cachedLines: 0 },
      captions: { vtt: ref(join(dir, 'fr.vtt'), 'text/vtt'), srt: ref(join(dir, 'fr.srt'), 'text/plain'), cues: 1, source: 'script-timing', language: 'fr' },
      audioTracks: [
        { language: 'en', name: 'English', default: true, uri: 'aud_en.m3u8' },
        { language: 'fr', name: 'Français', default: false, uri: 'aud_fr.m3u8' },
      ],
      subtitleTracks: [],
      durationSec: 2,
      warnings: [],
    });
    const after = current(id);
    expect(after.languages).toEqual(['en', 'fr']);
    expect(after.captions.map((c) => c.language)).toEqual(['en', 'fr']);
    expect(after.audioTracks.map((a) => [a.language, a.voiceProvider, a.isDefault])).toEqual([
      ['en', 'espeak', true],
      ['fr', 'espeak', false],
    ]);
    expect(after.hlsMasterMediaId).not.toBe(v.hlsMasterMediaId);
    const newMaster = readFileSync(core.media.absolutePath(core.media.get(after.hlsMasterMediaId!)!), 'utf8');
    expect(newMaster).toContain(oldMaster.trimEnd());
    expect(newMaster).toMatch(/LANGUAGE="fr",URI="\.\.\/[0-9a-f-]{36}\/file"/);

    // A failed dub is recorded without touching the finished video.
    const { jobId: de } = svc.pipeline.queueTranslate(svc.reader.row(id), 'de', undefined);
    await hook('video.translate').onFailed!({ ...row(core.jobs.get(de)), status: 'failed' }, 'Translating a script needs an LLM: none is configured');
    expect(current(id)).toMatchObject({ status: 'completed', inLibrary: true, error: { stage: 'add_language', message: 'de: Translating a script needs an LLM: none is configured' } });
  });

  it('library: search, sort, paging; delete removes unshared media files and keeps ones another video uses', async () => {
    const a = await finished('Alpha: a red balloon over the city.', 'red');
    const b = await finished('Beta: a green forest at dawn.', 'green');
    svc.pipeline.patch(a, { title: 'Alpha balloon 100%' });
    svc.pipeline.patch(b, { title: 'beta forest' });
    const list = (q: Parameters<VideoServices['reader']['list']>[0]) => svc.reader.list(q).videos.map((v) => v.title);
    const base = { sort: 'title', order: 'asc', scope: 'library', limit: 48, offset: 0 } as const;
    expect(list({ ...base, q: '100%' })).toEqual(['Alpha balloon 100%']);
    expect(list({ ...base, q: 'forest' })).toEqual(['beta forest']);
    const titles = list(base);
    expect(titles.indexOf('Alpha balloon 100%')).toBeLessThan(titles.indexOf('beta forest'));
    const page = svc.reader.list({ ...base, limit: 1, offset: 1 });
    expect(page.videos).toHaveLength(1);
    expect(page.total).toBe(titles.length);

    expect(() => svc.videos.update(svc.videos.create({ prompt: 'Unfinished.', style: 'x', language: 'en', duration_target: 7, produce_preview: true }).video.id, { published: true })).toThrow(/only a finished video/);
    expect(svc.videos.publish(a, true).published).toBe(true);

    // Share a's poster with b (same bytes, same content-addressed object), then delete a.
    const va = current(a);
    svc.pipeline.patch(b, { mediaIds: [...(svc.reader.row(b).mediaIds as string[]), va.posterMediaId!] });
    const finalPath = core.media.absolutePath(core.media.get(va.final!.mediaId)!);
    const posterPath = core.media.absolutePath(core.media.get(va.posterMediaId!)!);
    const r = svc.videos.delete(a);
    expect(r).toMatchObject({ ok: true, id: a });
    // The caption files have the same bytes in both videos: one object, kept too.
    expect(r.keptShared).toBeGreaterThanOrEqual(1);
    expect(r.removedMedia).toBeGreaterThan(5);
    expect(existsSync(finalPath)).toBe(false);
    expect(core.media.get(va.final!.mediaId)).toBeUndefined();
    expect(existsSync(posterPath)).toBe(true);
    expect(() => svc.reader.get(a)).toThrow(/not found/);
  });
});
