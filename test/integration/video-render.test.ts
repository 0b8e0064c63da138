import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoAddLanguageInput, VideoAddLanguageOutput } from '../../shared/jobs/video-add-language.js';
import { VideoRenderInput, VideoRenderOutput, parseVideoFailure } from '../../shared/jobs/video-render.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import type { VideoScript } from '../../shared/video/script.js';
import { resolveFfmpegPath } from '../../worker/media/ffmpeg/locate.js';
import { parsePlaylist } from '../../worker/media/ffmpeg/playlist.js';
import { probeMedia } from '../../worker/media/ffmpeg/probe.js';
import { ffmpegCommand, outputArgs, runFfmpeg } from '../../worker/media/ffmpeg/run.js';
import { parseVtt } from '../../worker/providers/asr/vtt.js';
import { sharedRenderBrowser } from '../../worker/render/browser.js';
import { CancelledError } from '../../worker/task-context.js';
import { addVideoLanguage } from '../../worker/video/render/add-language.js';
import { readMaster } from '../../worker/video/render/hls-master.js';
import { renderVideo, type VideoRenderEnv } from '../../worker/video/render/render.js';
import { renderSceneVisual } from '../../worker/video/visuals/index.js';
import { colourClipVisual } from '../helpers/video-colour-clip.js';

/**
 * video.render and video.add_language on the real embedded path: the offline shader scenes in
 * headless Chromium, espeak-ng, script-timed captions and the bundled ffmpeg. Sizes are small
 * (640x360, 24 fps, 7 s) to suit a 2-core machine.
 */

const root = mkdtempSync(join(tmpdir(), 'auteur-video-render-'));
const dataDir = join(root, 'data');
const config = WorkerProviderConfig.parse({ choice: { tts: 'espeak' } });
const ff = resolveFfmpegPath(config);
let jobs = 0;

afterAll(async () => {
  await sharedRenderBrowser().close();
  rmSync(root, { recursive: true, force: true });
});

function env(o: Partial<VideoRenderEnv> = {}, messages: string[] = []): VideoRenderEnv {
  const workDir = join(dataDir, 'media', 'incoming', `job${++jobs}-1`);
  mkdirSync(workDir, { recursive: true });
  return { config, dataDir, workDir, signal: new AbortController().signal, progress: (_f, m) => m && messages.push(m), log: () => undefined, renderVisual: renderSceneVisual, ...o };
}

const script: VideoScript = {
  title: 'The Lighthouse',
  scenes: [
    { id: 's1', description: 'A storm at sea, emerald and gold.', camera: 'wide, slow pan', durationSec: 2.5, actions: ['waves break'], dialog: [{ text: 'The sea was angry that night.' }] },
    { id: 's2', description: 'A lighthouse keeper climbs the spiral stairs.', camera: 'close', durationSec: 2, actions: [], dialog: [{ speaker: 'Keeper', text: 'Light the lamp.' }] },
    { id: 's3', description: 'The beam sweeps across the dark waves.', camera: 'aerial', durationSec: 2.5, actions: [], dialog: [] },
  ],
};

/** Frames and seconds as a player decodes them (the null muxer's last status line). */
async function decodeCount(file: string, stream: 'v' | 'a'): Promise<{ frames: number | null; timeSec: number | null }> {
  const cmd = ffmpegCommand(ff).input(file);
  outputArgs(cmd, [stream === 'v' ? '-an' : '-vn', '-f', 'null']).output('-');
  const r = await runFfmpeg(cmd, { label: 'decoding' });
  return { frames: r.last?.frame ?? null, timeSec: r.last?.timeSec ?? null };
}

describe('video.render on the embedded path: 7 s script → preview MP4, final HLS, re-render one scene, add a language', () => {
  let preview: VideoRenderOutput;
  let final: VideoRenderOutput;
  const previewMessages: string[] = [];

  beforeAll(async () => {
    preview = VideoRenderOutput.parse(await renderVideo(VideoRenderInput.parse({ videoId: 'vid1', pass: 'preview', script, providers: { visuals: 'embedded', tts: 'espeak' } }), env({}, previewMessages)));
  }, 300_000);

  it('the preview is a 640x360 H.264 + AAC MP4 of the script length, every frame there', async () => {
    expect(preview).toMatchObject({ pass: 'preview', width: 640, height: 360, fps: 24, hls: null });
    // s1's line (speech + padding) may stretch it a little past its 2.5 s plan.
    expect(preview.durationSec).toBeGreaterThanOrEqual(7 - 0.01);
    expect(preview.durationSec).toBeLessThan(8);
    const mp4 = preview.mp4.path!;
    const info = await probeMedia(ff, mp4);
    expect(info.video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(info.audio).toMatchObject({ codec: 'aac', sampleRate: 44100 });
    expect(Math.abs(info.durationSec! - preview.durationSec)).toBeLessThan(0.08);
    const v = await decodeCount(mp4, 'v');
    expect(Math.abs(v.frames! - Math.round(preview.durationSec * 24))).toBeLessThanOrEqual(1);
    const a = await decodeCount(mp4, 'a');
    expect(Math.abs(a.timeSec! - preview.durationSec)).toBeLessThan(0.1);
    expect(existsSync(preview.thumbnail.path!) && existsSync(preview.poster.path!)).toBe(true);
  });

  it('captions: one cue per spoken sentence inside its scene, none in the silent scene', () => {
    expect(preview.captions).toMatchObject({ source: 'script-timing', cues: 2, language: 'en' });
    const cues = parseVtt(readFileSync(preview.captions!.vtt.path!, 'utf8'));
    expect(cues.map((c) => c.text)).toEqual(['The sea was angry that night.', 'Light the lamp.']);
    const [s1, s2, s3] = preview.scenes;
    expect(cues[0]!.startSec).toBeGreaterThanOrEqual(s1!.startSec);
    expect(cues[0]!.endSec).toBeLessThanOrEqual(s2!.startSec);
    expect(cues[1]!.startSec).toBeGreaterThanOrEqual(s2!.startSec);
    expect(cues[1]!.endSec).toBeLessThanOrEqual(s3!.startSec);
    expect(cues[1]!.endSec - cues[1]!.startSec).toBeCloseTo(s2!.speechSec, 2);
  });

  it('records every scene: provider, model, voice, cache; chapters; the synthesized bed; stage-named progress', () => {
    expect(preview.scenes.map((s) => [s.sceneId, s.visualProvider, s.voiceProvider, s.cacheHit])).toEqual([
      ['s1', 'embedded', 'espeak', false],
      ['s2', 'embedded', 'espeak', false],
      ['s3', 'embedded', null, false],
    ]);
    expect(preview.scenes[0]!.visualModel).toMatch(/shader/);
    expect(preview.chapters.map((c) => c.sceneId)).toEqual(['s1', 's2', 's3']);
    expect(preview.chapters.map((c) => c.startSec)).toEqual(preview.scenes.map((s) => s.startSec));
    expect(preview.musicBed).toMatchObject({ provider: 'embedded synth', note: expect.stringMatching(/minor/) });
    expect(previewMessages.length).toBeGreaterThan(5);
    expect(previewMessages.every((m) => m.startsWith('rendering_preview: '))).toBe(true);
  });

  it('the final pass draws at full scale and packages HLS with audio and subtitles groups', async () => {
    const messages: string[] = [];
    final = VideoRenderOutput.parse(
      await renderVideo(
        VideoRenderInput.parse({ videoId: 'vid1', pass: 'final', script, width: 320, height: 180, hls: { segmentSec: 2, renditions: [{ height: 180, videoBitrateK: 300 }] }, providers: { visuals: 'embedded', tts: 'espeak' } }),
        env({}, messages),
      ),
    );
    // A preview piece (drawn at half scale) is never reused for the final.
    expect(final.scenes.some((s) => s.cacheHit)).toBe(false);
    expect(final).toMatchObject({ width: 320, height: 180 });
    expect(Math.abs(final.durationSec - preview.durationSec)).toBeLessThan(0.01);
    expect(messages.some((m) => m.startsWith('composing: '))).toBe(true);
    expect(messages.every((m) => /^(rendering_final|composing): /.test(m))).toBe(true);
    const hls = final.hls!;
    expect(hls.audioTracks).toEqual([{ language: 'en', name: 'English', default: true, uri: 'audio_en.m3u8' }]);
    expect(hls.subtitleTracks.map((t) => t.uri)).toEqual(['captions_en.m3u8']);
    const master = readFileSync(hls.master.path!, 'utf8');
    const p = parsePlaylist(master);
    expect(p.variants).toHaveLength(1);
    expect(p.variants[0]!.attrs).toMatchObject({ AUDIO: 'aud', SUBTITLES: 'subs', RESOLUTION: '320x180' });
    const dir = join(hls.master.path!, '..');
    const video = parsePlaylist(readFileSync(join(dir, 'index0.m3u8'), 'utf8'));
    const audio = parsePlaylist(readFileSync(join(dir, 'audio_en.m3u8'), 'utf8'));
    const sum = (s: { durationSec: number }[]) => s.reduce((a, x) => a + x.durationSec, 0);
    expect(Math.abs(sum(video.segments) - final.durationSec)).toBeLessThan(0.1);
    expect(Math.abs(sum(audio.segments) - final.durationSec)).toBeLessThan(0.1);
    const vSeg = await probeMedia(ff, join(dir, video.segments[0]!.uri));
    const aSeg = await probeMedia(ff, join(dir, audio.segments[0]!.uri));
    expect(vSeg.video?.codec).toBe('h264');
    expect(vSeg.audio).toBeNull();
    expect(aSeg.audio?.codec).toBe('aac');
    expect(aSeg.video).toBeNull();
    // Picture and sound start on the same clock (less one AAC priming frame).
    expect(Math.abs(vSeg.startSec! - aSeg.startSec! - 1024 / 44100)).toBeLessThan(0.03);
    expect(hls.files.map((f) => f.name)).toEqual(expect.arrayContaining(['index0.m3u8', 'audio_en.m3u8', 'captions_en.m3u8', 'captions_en.vtt']));
  }, 300_000);

  it('re-rendering after one scene changed renders only that scene; the others come from the cache', async () => {
    const edited: VideoScript = { ...script, scenes: script.scenes.map((s) => (s.id === 's2' ? { ...s, dialog: [{ speaker: 'Keeper', text: 'Light the lamp, quickly now.' }] } : s)) };
    const out = await renderVideo(VideoRenderInput.parse({ videoId: 'vid1', pass: 'preview', script: edited, providers: { visuals: 'embedded', tts: 'espeak' } }), env());
    expect(out.scenes.map((s) => [s.sceneId, s.cacheHit])).toEqual([
      ['s1', true],
      ['s2', false],
      ['s3', true],
    ]);
    expect(parseVtt(readFileSync(out.captions!.vtt.path!, 'utf8')).map((c) => c.text)).toContain('Light the lamp, quickly now.');
  }, 300_000);

  it('add_language: a French dub and captions; the new master lists two audio and two subtitle renditions', async () => {
    const fr: VideoScript = {
      title: 'Le phare',
      scenes: [
        { id: 's1', description: 'Une tempête en mer.', camera: 'wide', durationSec: 2.5, actions: [], dialog: [{ text: 'La mer était en colère cette nuit-là.' }] },
        { id: 's2', description: 'Le gardien monte.', camera: 'close', durationSec: 2, actions: [], dialog: [{ text: 'Allume la lampe.' }] },
        { id: 's3', description: 'Le faisceau.', camera: 'aerial', durationSec: 2.5, actions: [], dialog: [] },
      ],
    };
    const e = env();
    const out = VideoAddLanguageOutput.parse(
      await addVideoLanguage(
        VideoAddLanguageInput.parse({
          videoId: 'vid1',
          language: 'fr',
          script: fr,
          tts: 'espeak',
          timeline: final.scenes.map((s) => ({ sceneId: s.sceneId, startSec: s.startSec, durationSec: s.durationSec })),
          durationSec: final.durationSec,
          masterPath: final.hls!.master.path!,
          segmentSec: 2,
        }),
        e,
      ),
    );
    expect(out).toMatchObject({ language: 'fr', name: 'French', audio: { provider: 'espeak', voice: 'fr' } });
    const master = readFileSync(out.master.path!, 'utf8');
    const info = readMaster(master);
    expect(info.audio.map((a) => [a.language, a.default])).toEqual([
      ['en', true],
      ['fr', false],
    ]);
    expect(info.subtitles.map((s) => s.language)).toEqual(['en', 'fr']);
    expect(parsePlaylist(master).variants.every((v) => v.attrs.AUDIO === 'aud' && v.attrs.SUBTITLES === 'subs')).toBe(true);
    const dir = join(out.master.path!, '..');
    const audio = parsePlaylist(readFileSync(join(dir, 'audio_fr.m3u8'), 'utf8'));
    expect(Math.abs(audio.segments.reduce((a, s) => a + s.durationSec, 0) - final.durationSec)).toBeLessThan(0.1);
    expect((await probeMedia(ff, join(dir, audio.segments[0]!.uri))).audio?.codec).toBe('aac');
    const cues = parseVtt(readFileSync(join(dir, 'captions_fr.vtt'), 'utf8'));
    expect(cues.map((c) => c.text.replace(/\n/g, ' '))).toEqual(['La mer était en colère cette nuit-là.', 'Allume la lampe.']);
    expect(readFileSync(join(dir, 'captions_fr.vtt'), 'utf8')).toMatch(/X-TIMESTAMP-MAP=MPEGTS:\d+,LOCAL:00:00:00.000/);
    expect(out.files.map((f) => f.name).sort()).toEqual(expect.arrayContaining(['audio_fr.m3u8', 'captions_fr.m3u8', 'captions_fr.vtt']));
    // A second French dub is refused, naming the stage.
    await expect(
      addVideoLanguage(VideoAddLanguageInput.parse({ videoId: 'vid1', language: 'fr', script: fr, timeline: [{ sceneId: 's1', startSec: 0, durationSec: 7 }], durationSec: 7, masterPath: out.master.path!, tts: 'espeak' }), env()),
    ).rejects.toThrow(/^adding_language \[ffmpeg\]: the video already has French/);
  }, 300_000);
});

describe('video.render captions through Whisper (the fake whisper-cli)', () => {
  const bin = resolve('test/fixtures/fake-whisper-cli.mjs');
  const model = join(root, 'ggml-base.en.bin');
  const saved = process.env.WHISPER_CPP_BIN;
  beforeAll(() => {
    chmodSync(bin, 0o755);
    writeFileSync(model, 'not real weights');
    process.env.WHISPER_CPP_BIN = bin;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.WHISPER_CPP_BIN;
    else process.env.WHISPER_CPP_BIN = saved;
  });

  it('auto uses Whisper when it is the configured ASR, on the joined voice track', async () => {
    const withWhisper = WorkerProviderConfig.parse({ choice: { tts: 'espeak', asr: 'whisper' }, whisper: { model } });
    const out = await renderVideo(VideoRenderInput.parse({ videoId: 'w1', pass: 'preview', script, music: false, providers: { tts: 'espeak' } }), env({ config: withWhisper, renderVisual: colourClipVisual().render }));
    expect(out.captions).toMatchObject({ source: 'whisper', cues: 1, vtt: { provider: 'whisper', model: `whisper.cpp ${model}` } });
    expect(out.musicBed).toBeNull();
    expect(parseVtt(readFileSync(out.captions!.vtt.path!, 'utf8')).map((c) => c.text)).toEqual(['Hello world.']);
  });

  it('an explicit Whisper choice that cannot run fails naming Whisper; auto falls back to script timing', async () => {
    const broken = WorkerProviderConfig.parse({ choice: { tts: 'espeak', asr: 'whisper' }, whisper: { model: join(root, 'missing.bin') } });
    const err = await renderVideo(VideoRenderInput.parse({ videoId: 'w2', pass: 'preview', script, providers: { tts: 'espeak', captions: 'whisper' } }), env({ config: broken, renderVisual: colourClipVisual().render })).catch((e: Error) => e);
    expect(parseVideoFailure((err as Error).message)).toMatchObject({ stage: 'rendering_preview', provider: 'whisper' });
    const out = await renderVideo(VideoRenderInput.parse({ videoId: 'w2', pass: 'preview', script, providers: { tts: 'espeak' } }), env({ config: broken, renderVisual: colourClipVisual().render }));
    expect(out.captions?.source).toBe('script-timing');
  });
});

describe('video.render failures and cancellation', () => {
  it('an explicit TTS provider that is not configured fails naming the stage and the provider', async () => {
    const err = await renderVideo(VideoRenderInput.parse({ videoId: 'v2', pass: 'preview', script, providers: { tts: 'elevenlabs' } }), env({ renderVisual: colourClipVisual().render })).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(parseVideoFailure((err as Error).message)).toMatchObject({ stage: 'rendering_preview', provider: 'elevenlabs', message: expect.stringMatching(/no API key/) });
  });

  it('an auto fallback of the visuals is reported once, naming the scenes', async () => {
    const visual = colourClipVisual();
    const why = 'ComfyUI at http://127.0.0.1:8188 is not reachable';
    const own: VideoScript = { ...script, scenes: script.scenes.map((s) => ({ ...s, description: `${s.description} (fallback)` })) };
    const out = await renderVideo(
      VideoRenderInput.parse({ videoId: 'v5', pass: 'preview', script: own, music: false, providers: { tts: 'espeak' } }),
      env({ renderVisual: async (req, ve) => ({ ...(await visual.render(req, ve)), fallbackReason: why }) }),
    );
    expect(out.scenes.every((s) => s.visualFallback === why)).toBe(true);
    expect(out.warnings).toEqual([`Scenes s1, s2, s3 drawn by the embedded shader composer: ${why}`]);
  });

  it('cancelling while ffmpeg joins the scenes kills it and reports nothing', async () => {
    const controller = new AbortController();
    const e = env({
      signal: controller.signal,
      renderVisual: colourClipVisual().render,
      progress: (_f, m) => {
        // This message comes from ffmpeg's own status lines: it is running.
        if (m === 'rendering_preview: joining the scenes') controller.abort();
      },
    });
    const moved: VideoScript = { ...script, scenes: script.scenes.map((s) => ({ ...s, description: `${s.description} (cancelled while joining)` })) };
    const err = await renderVideo(VideoRenderInput.parse({ videoId: 'v4', pass: 'preview', script: moved, providers: { tts: 'espeak' } }), e).catch((x: Error) => x);
    expect(err).toBeInstanceOf(CancelledError);
    expect(readdirSync(e.workDir).filter((f) => /^(preview|video)\.mp4$/.test(f))).toEqual([]);
  });

  it('cancelling while a scene renders stops before the next step and reports nothing', async () => {
    const controller = new AbortController();
    const visual = colourClipVisual();
    const e = env({
      signal: controller.signal,
      renderVisual: async (req, ve) => {
        if (req.index === 1) controller.abort(); // cancelled while the second scene draws
        return visual.render(req, ve);
      },
    });
    // Scenes no other test rendered, so none comes from the piece cache.
    const moved: VideoScript = { ...script, scenes: script.scenes.map((s) => ({ ...s, description: `${s.description} (cancelled)` })) };
    const t0 = performance.now();
    const err = await renderVideo(VideoRenderInput.parse({ videoId: 'v3', pass: 'preview', script: moved, providers: { tts: 'espeak' } }), e).catch((x: Error) => x);
    expect(err).toBeInstanceOf(CancelledError);
    expect(performance.now() - t0).toBeLessThan(30_000);
    expect(readdirSync(e.workDir).filter((f) => /^(preview|video)\.mp4$/.test(f))).toEqual([]);
  });
});
