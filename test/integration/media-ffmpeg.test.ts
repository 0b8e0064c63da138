import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaComposeInput } from '../../shared/jobs/media-compose.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { composeMedia } from '../../worker/media/compose.js';
import { concatClips } from '../../worker/media/ffmpeg/concat.js';
import { resolveFfmpegPath } from '../../worker/media/ffmpeg/locate.js';
import { parsePlaylist } from '../../worker/media/ffmpeg/playlist.js';
import { decodedDuration, probeMedia } from '../../worker/media/ffmpeg/probe.js';
import { ffmpegCommand, inputArgs, outputArgs, runFfmpeg } from '../../worker/media/ffmpeg/run.js';
import { burnSubtitles } from '../../worker/media/ffmpeg/subtitles.js';
import { mp3Info } from '../../worker/media/mp3.js';
import { parseVtt } from '../../worker/providers/asr/vtt.js';
import { ffmpegProvider } from '../../worker/providers/encode/ffmpeg.js';
import { ProviderError } from '../../worker/providers/types.js';
import { CancelledError } from '../../worker/task-context.js';

const root = mkdtempSync(join(tmpdir(), 'auteur-media-'));
const config = WorkerProviderConfig.parse({});
const ff = resolveFfmpegPath(config);
const framesDir = join(root, 'frames');

function env(workDir: string, progress: number[] = []) {
  mkdirSync(workDir, { recursive: true });
  return { config, dataDir: root, workDir, signal: new AbortController().signal, progress: (f: number) => progress.push(f), log: () => undefined };
}

/** A short test clip from ffmpeg's own lavfi sources (video + optional tone). */
async function clip(out: string, seconds: number, audio = true): Promise<string> {
  const cmd = ffmpegCommand(ff).input(`testsrc2=size=320x180:rate=24:duration=${seconds}`);
  inputArgs(cmd, ['-f', 'lavfi']);
  if (audio) inputArgs(cmd.input(`sine=frequency=330:duration=${seconds}`), ['-f', 'lavfi']);
  outputArgs(cmd, ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', ...(audio ? ['-c:a', 'aac'] : []), '-y']).output(out);
  await runFfmpeg(cmd, { label: 'making a test clip' });
  return out;
}

beforeAll(async () => {
  mkdirSync(framesDir, { recursive: true });
  for (let i = 1; i <= 24; i++) {
    await sharp({ create: { width: 320, height: 180, channels: 3, background: { r: i * 10, g: 90, b: 240 - i * 8 } } })
      .png()
      .toFile(join(framesDir, `frame_${String(i).padStart(5, '0')}.png`));
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('media.compose: frames + espeak narration → MP4 + HLS + captions', () => {
  let out: Awaited<ReturnType<typeof composeMedia>>;
  const progress: number[] = [];

  beforeAll(async () => {
    const input = MediaComposeInput.parse({
      visuals: { kind: 'frames', dir: framesDir, fps: 12 },
      narration: { text: 'Welcome to the studio. Every frame here was made on this machine.', pauseSec: 0.3 },
      outputs: { mp4: true, hls: true },
      hls: { renditions: [{ height: 180, videoBitrateK: 300 }], segmentSec: 1 },
    });
    out = await composeMedia(input, env(join(root, 'media', 'incoming', 'job1-1'), progress));
  }, 120_000);

  it('the MP4 plays for the narration plus a tail, with an AAC audio stream', async () => {
    expect(out.narration).toMatchObject({ provider: 'espeak', sentences: 2 });
    expect(out.durationSec).toBeCloseTo(out.narration!.durationSec + 0.6, 1);
    const mp4 = out.mp4!.path!;
    const decoded = await decodedDuration(ff, mp4);
    expect(Math.abs(decoded - out.durationSec)).toBeLessThan(0.15);
    const info = await probeMedia(ff, mp4);
    expect(info.video).toMatchObject({ codec: 'h264', width: 320, height: 180 });
    expect(info.audio).toMatchObject({ codec: 'aac', sampleRate: 44100 });
    expect(Math.abs((await decodedDuration(ff, mp4, { stream: 'a' })) - out.durationSec)).toBeLessThan(0.15);
    expect(out.mp4).toMatchObject({ provider: 'ffmpeg', model: expect.stringMatching(/^ffmpeg .* libx264$/), mime: 'video/mp4', mediaId: null });
    expect(existsSync(out.thumbnail!.path!)).toBe(true);
  });

  it('HLS: master + media playlist whose EXTINF durations sum to the video length', () => {
    const hls = out.hls!;
    const master = parsePlaylist(readFileSync(hls.master.path!, 'utf8'));
    expect(master.variants).toHaveLength(1);
    expect(master.variants[0]!.attrs).toMatchObject({ RESOLUTION: '320x180', SUBTITLES: 'subs' });
    expect(Number(master.variants[0]!.attrs.BANDWIDTH)).toBeGreaterThan(0);
    expect(master.media[0]).toMatchObject({ TYPE: 'SUBTITLES', URI: 'captions.m3u8' });
    const dir = join(hls.master.path!, '..');
    const media = parsePlaylist(readFileSync(join(dir, master.variants[0]!.uri), 'utf8'));
    expect(media.ended).toBe(true);
    expect(media.segments.length).toBeGreaterThanOrEqual(3);
    for (const s of media.segments) expect(existsSync(join(dir, s.uri))).toBe(true);
    const total = media.segments.reduce((a, s) => a + s.durationSec, 0);
    expect(Math.abs(total - out.durationSec)).toBeLessThan(0.15);
    expect(hls.durationSec).toBeCloseTo(total, 6);
    expect(readFileSync(join(dir, 'captions.vtt'), 'utf8')).toMatch(/^WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:\d+,LOCAL:00:00:00.000\n/);
  });

  it('captions: VTT cues span exactly each sentence of the narration', () => {
    expect(out.captions).toMatchObject({ source: 'script-timing', burned: false });
    expect(out.captions!.vtt.provider).toBe('script-timing');
    const cues = parseVtt(readFileSync(out.captions!.vtt.path!, 'utf8'));
    expect(cues.length).toBe(out.captions!.cues);
    expect(cues[0]!.startSec).toBe(0);
    expect(cues.at(-1)!.endSec).toBeCloseTo(out.narration!.durationSec, 2);
    const pauses = cues.slice(1).map((c, i) => c.startSec - cues[i]!.endSec);
    expect(pauses.some((p) => Math.abs(p - 0.3) < 0.002)).toBe(true);
  });

  it('progress only grows and ends at 1', () => {
    expect(progress.length).toBeGreaterThan(5);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]! - 1e-9);
    expect(progress.at(-1)).toBe(1);
  });
});

describe('ffmpeg toolkit', () => {
  it('reports progress from stderr while encoding', async () => {
    const seen: number[] = [];
    const cmd = ffmpegCommand(ff).input('testsrc2=size=160x90:rate=24:duration=2');
    inputArgs(cmd, ['-re', '-f', 'lavfi']); // real-time input: status lines arrive every 0.5 s
    outputArgs(cmd, ['-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'null']).output('-');
    const r = await runFfmpeg(cmd, { label: 'progress test', durationSec: 2, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    expect(seen.at(-1)).toBe(1);
    expect(r.last?.timeSec).toBeCloseTo(2, 1);
  });

  it('cancellation kills ffmpeg at once', async () => {
    const ac = new AbortController();
    const cmd = ffmpegCommand(ff).input('testsrc2=size=320x180:rate=24:duration=60');
    inputArgs(cmd, ['-re', '-f', 'lavfi']);
    outputArgs(cmd, ['-c:v', 'libx264', '-preset', 'ultrafast', '-y']).output(join(root, 'cancelled.mp4'));
    let pid = 0;
    cmd.on('start', () => {
      pid = (cmd as unknown as { ffmpegProc: { pid: number } }).ffmpegProc.pid;
      setTimeout(() => ac.abort(), 300);
    });
    const t0 = performance.now();
    await expect(runFfmpeg(cmd, { label: 'cancel test', signal: ac.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('a missing ffmpeg path is a clear error, also from the composer', async () => {
    const bad = WorkerProviderConfig.parse({ ffmpegPath: '/nonexistent/bin/ffmpeg' });
    let err: unknown;
    try {
      resolveFfmpegPath(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ provider: 'ffmpeg', kind: 'not_configured', message: expect.stringMatching(/\/nonexistent\/bin\/ffmpeg .*does not exist.*bundled ffmpeg/) });
    const input = MediaComposeInput.parse({ visuals: { kind: 'frames', dir: framesDir } });
    await expect(composeMedia(input, { ...env(join(root, 'bad')), config: bad })).rejects.toMatchObject({ provider: 'ffmpeg', kind: 'not_configured' });
    const status = await ffmpegProvider.status(bad, new AbortController().signal);
    expect(status).toMatchObject({ reachable: false, detail: expect.stringMatching(/does not exist/) });
  });

  it('joins clips with a crossfade (overlay fallback on this 2018 build) and keeps audio', async () => {
    const a = await clip(join(root, 'a.mp4'), 1);
    const b = await clip(join(root, 'b.mp4'), 1.5, false);
    const r = await concatClips(ff, { clips: [a, b], out: join(root, 'joined.mp4'), transitionSec: 0.4 });
    expect(Math.abs(r.durationSec - 2.1)).toBeLessThan(0.05); // container durations include AAC priming
    expect(Math.abs((await decodedDuration(ff, r.path)) - 2.1)).toBeLessThan(0.1);
    expect((await probeMedia(ff, r.path)).audio).not.toBeNull();
  });

  it('burns captions in with libass and with the drawtext fallback', async () => {
    const v = await clip(join(root, 'plain.mp4'), 1);
    for (const method of ['libass', 'drawtext'] as const) {
      const r = await burnSubtitles(ff, { video: v, cues: [{ startSec: 0, endSec: 1, text: "It's 50% done:\nsecond line" }], out: join(root, `burned-${method}.mp4`), method });
      expect(r.method).toBe(method);
      expect(Math.abs((await decodedDuration(ff, r.path)) - 1)).toBeLessThan(0.1);
    }
  });

  it('measures MP3 length from its frames as ffmpeg decodes it', async () => {
    const out = join(root, 'tone.mp3');
    const cmd = ffmpegCommand(ff).input('sine=frequency=440:duration=1.7');
    inputArgs(cmd, ['-f', 'lavfi']);
    outputArgs(cmd, ['-c:a', 'libmp3lame', '-b:a', '64k', '-ar', '22050', '-y']).output(out);
    await runFfmpeg(cmd, { label: 'mp3 test' });
    const info = mp3Info(readFileSync(out));
    expect(info.sampleRate).toBe(22050);
    expect(Math.abs(info.durationSec - 1.7)).toBeLessThan(0.03);
    expect(Math.abs(info.durationSec - (await decodedDuration(ff, out)))).toBeLessThan(0.03);
  });

  it('provider module: status names the build, test encodes a real clip', async () => {
    const status = await ffmpegProvider.status(config, new AbortController().signal);
    expect(status).toMatchObject({ provider: 'ffmpeg', reachable: true, detail: expect.stringMatching(/H\.264 yes.*burned-in captions libass/) });
    const test = await ffmpegProvider.test(config, new AbortController().signal);
    expect(test.ok, test.detail).toBe(true);
  });
});
