import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaComposeOutput } from '../../shared/jobs/media-compose.js';
import type { TtsSynthesizeOutput } from '../../shared/jobs/tts-synthesize.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';
import { createJob, waitForJob } from '../helpers/jobs.js';

// The whole path through a real host: API → durable job → worker process → host hook → media store → API.
let host: HostProcess;
const home = tempHome('auteur-media-jobs-');
const frames = join(home, 'frames');

beforeAll(async () => {
  mkdirSync(frames, { recursive: true });
  for (let i = 1; i <= 12; i++) {
    await sharp({ create: { width: 320, height: 180, channels: 3, background: { r: 20 * i, g: 120, b: 90 } } }).png().toFile(join(frames, `f${String(i).padStart(3, '0')}.png`));
  }
  host = await startHostProcess(home, { ELEVENLABS_API_KEY: '' });
});
afterAll(async () => {
  await host?.stop();
});

async function run(kind: string, input: unknown) {
  const { status, job } = await createJob(host, { kind, input });
  expect(status).toBe(201);
  const done = await waitForJob(host, job.id, (j) => j.status === 'succeeded' || j.status === 'failed', `${kind} to finish`, 120_000);
  expect(done.error).toBeNull();
  expect(done.status).toBe('succeeded');
  return done;
}

describe('tts.synthesize and media.compose jobs', () => {
  it('tts.synthesize stores real speech with provenance and serves it', async () => {
    const job = await run('tts.synthesize', { text: 'Hello from a worker process.' });
    const out = job.result as TtsSynthesizeOutput;
    expect(out).toMatchObject({ provider: 'espeak', voice: 'en-us', mime: 'audio/wav', cached: false });
    expect(out.audio.path).toBeNull();
    const res = await host.api(`/media/${out.audio.mediaId}/file`);
    expect(res.headers.get('content-type')).toMatch(/audio\/wav/);
    const wav = Buffer.from(await res.arrayBuffer());
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    const media = (await (await host.api('/media')).json()) as { media: { id: string; provider: string; model: string; jobId: string }[] };
    expect(media.media.find((m) => m.id === out.audio.mediaId)).toMatchObject({ provider: 'espeak', model: out.model, jobId: job.id });
  });

  it('media.compose → MP4 + HLS + captions; the HLS master plays through the media API', async () => {
    const job = await run('media.compose', {
      visuals: { kind: 'frames', dir: frames, fps: 12 },
      narration: { text: 'A tiny film. It has a voice and captions.' },
      outputs: { mp4: true, hls: true },
      hls: { renditions: [{ height: 180, videoBitrateK: 300 }], segmentSec: 1 },
    });
    expect(job.progress).toBe(1);
    const out = job.result as MediaComposeOutput;
    expect(out.mp4!.mediaId).toBeTruthy();
    expect(out.captions).toMatchObject({ source: 'script-timing', burned: false });
    const vtt = await (await host.api(`/media/${out.captions!.vtt.mediaId}/file`)).text();
    expect(vtt.startsWith('WEBVTT')).toBe(true);
    const masterUrl = new URL(`${host.base}/api/v1/media/${out.hls!.master.mediaId}/file`);
    const master = await (await host.api(masterUrl.pathname.replace('/api/v1', ''))).text();
    const variant = master.split('\n').find((l) => l && !l.startsWith('#'))!;
    // Relative URIs resolve against the master's own URL, as in a player.
    const playlistUrl = new URL(variant, masterUrl);
    const playlist = await (await host.api(playlistUrl.pathname.replace('/api/v1', ''))).text();
    const segment = playlist.split('\n').find((l) => l && !l.startsWith('#'))!;
    const seg = await host.api(new URL(segment, playlistUrl).pathname.replace('/api/v1', ''));
    expect(seg.status).toBe(200);
    const bytes = Buffer.from(await seg.arrayBuffer());
    expect(bytes[0]).toBe(0x47); // MPEG-TS sync byte
  });
});
