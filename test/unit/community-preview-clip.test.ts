import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePreviewClip } from '../../worker/community/preview-clip.js';
import { resolveFfmpegPath } from '../../worker/media/ffmpeg/locate.js';
import { probeMedia } from '../../worker/media/ffmpeg/probe.js';

/**
 * The preview a video publish sends when its final MP4 is over the relay's limit: the first 30 s
 * at ≤480p with its audio, and a refusal (not an upload the relay would turn away) when even the
 * clip is over the limit. Real ffmpeg on a synthetic 40 s 720p video.
 */
const FFMPEG = resolveFfmpegPath();
const dir = mkdtempSync(join(tmpdir(), 'community-clip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('community preview clip', () => {
  const src = join(dir, 'final.mp4');
  execFileSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=6:duration=40', '-f', 'lavfi', '-i', 'sine=duration=40', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', src]);

  it('cuts the first 30 s at 480p with audio, within the byte limit', async () => {
    const out = join(dir, 'clip.mp4');
    const { bytes } = await makePreviewClip(FFMPEG, { input: src, out, maxBytes: 50 * 1024 * 1024, durationSec: 40 });
    const info = await probeMedia(FFMPEG, out);
    expect(info.durationSec).toBeGreaterThan(29);
    expect(info.durationSec).toBeLessThanOrEqual(30.2);
    expect(info.video).toMatchObject({ codec: expect.stringMatching(/h264/), height: 480, width: 854 });
    expect(info.audio?.codec).toMatch(/aac/);
    expect(bytes).toBeGreaterThan(10_000);
  }, 120_000);

  it('refuses a clip still over the limit, naming both sizes', async () => {
    await expect(makePreviewClip(FFMPEG, { input: src, out: join(dir, 'tiny.mp4'), maxBytes: 1000, durationSec: 40 })).rejects.toThrow(/still \d+ bytes, over the relay's 1000-byte limit/);
  }, 120_000);
});
