import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateFfmpeg } from '../tools/binaries.js';
import { runProcess } from '../tools/run-process.js';
import type { Probe } from './probe.js';

export const ffmpegProbe: Probe = {
  id: 'ffmpeg',
  label: 'FFmpeg',
  async run({ env, signal, deep }) {
    const loc = locateFfmpeg(env);
    if (!loc.path) return { status: 'missing', detail: loc.hint, source: loc.source };
    const ver = await runProcess(loc.path, ['-hide_banner', '-version'], { timeoutMs: 10_000, signal });
    const version = /ffmpeg version (\S+)/.exec(ver.stdout)?.[1] ?? null;
    if (ver.code !== 0) return { status: 'error', version, detail: `${loc.path} -version exited ${ver.code}: ${ver.stderr.slice(0, 300)}`, source: loc.source };
    const encoders = ['libx264', 'libvpx'].filter((e) => ver.stdout.includes(`--enable-${e}`));
    if (!deep) return { status: 'ok', version, detail: `${loc.path} (${encoders.join(', ') || 'no x264/vpx'})`, source: loc.source };
    // Encode one real second of video to prove the encoder works end to end.
    const dir = mkdtempSync(join(tmpdir(), 'auteur-ffprobe-'));
    try {
      const out = join(dir, 'probe.mp4');
      const enc = await runProcess(
        loc.path,
        ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=24:duration=1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-y', out],
        { timeoutMs: 30_000, signal },
      );
      if (enc.code !== 0) return { status: 'error', version, detail: `Test encode failed: ${enc.stderr.slice(0, 300) || `exit ${enc.code}`}`, source: loc.source };
      const size = statSync(out).size;
      return { status: 'ok', version, detail: `${loc.path}: encoded a 1 s H.264 test clip (${size} bytes); encoders: ${encoders.join(', ')}`, source: loc.source };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
