import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { videoCodecArgs } from '../../media/ffmpeg/encode-args.js';
import { ffmpegCapabilities, resolveFfmpegPath } from '../../media/ffmpeg/locate.js';
import { decodedDuration } from '../../media/ffmpeg/probe.js';
import { ffmpegCommand, inputArgs, outputArgs, runFfmpeg } from '../../media/ffmpeg/run.js';
import type { ProviderModule } from '../types.js';

export const ffmpegProvider: ProviderModule = {
  id: 'ffmpeg',
  label: 'FFmpeg',
  capabilities: ['encode'],
  embedded: true,
  async status(config, signal) {
    try {
      const path = resolveFfmpegPath(config);
      const caps = await ffmpegCapabilities(path, signal);
      const has = (ok: boolean) => (ok ? 'yes' : 'no');
      const detail = [
        path,
        `H.264 ${has(caps.encoders.has('libx264'))}`,
        `VP9 ${has(caps.encoders.has('libvpx-vp9'))}`,
        `burned-in captions ${caps.libass ? 'libass' : caps.drawtext ? 'drawtext' : 'no'}`,
        `crossfades ${caps.xfade ? 'xfade' : 'overlay'}`,
      ].join('; ');
      return { provider: 'ffmpeg', reachable: true, version: caps.version, detail, models: [...caps.encoders].filter((e) => /^lib(x264|vpx|opus|mp3lame)|^aac$/.test(e)) };
    } catch (err) {
      return { provider: 'ffmpeg', reachable: false, version: null, detail: (err as Error).message };
    }
  },
  async test(config, signal) {
    const t0 = performance.now();
    const dir = mkdtempSync(join(tmpdir(), 'auteur-ffmpeg-test-'));
    try {
      const path = resolveFfmpegPath(config);
      const out = join(dir, 'test.mp4');
      const cmd = ffmpegCommand(path).input('testsrc2=size=320x180:rate=24:duration=1');
      inputArgs(cmd, ['-f', 'lavfi']);
      outputArgs(cmd, [...videoCodecArgs({ container: 'mp4' }), '-y']).output(out);
      await runFfmpeg(cmd, { label: 'encoding a test clip', signal, timeoutMs: 30_000 });
      const seconds = await decodedDuration(path, out, { signal });
      const ok = Math.abs(seconds - 1) < 0.1;
      return { ok, detail: `encoded a ${seconds.toFixed(2)} s H.264 clip (${statSync(out).size} bytes)`, ms: performance.now() - t0 };
    } catch (err) {
      return { ok: false, detail: (err as Error).message, ms: performance.now() - t0 };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
