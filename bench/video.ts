// Video studio benchmarks on the embedded providers (offline script writer, espeak-ng, shader
// scenes in headless Chromium, bundled ffmpeg), each in a fresh data dir so nothing is cached
// unless the row says so:
//  - prompt → playable 7 s preview MP4 (640x360) vs the raw ffmpeg encode of the same frames
//    (the preview's own picture re-encoded with the same x264 settings) in the same run;
//  - final 60 s video (1280x720 MP4 + HLS) wall time against 60 s of real time: the ratio is
//    the real-time factor;
//  - re-render after one scene changed (the others from the scene cache) vs the full render.
// Standalone: `npx tsx bench/video.ts` (BENCH_VIDEO_FINAL=0 skips the 60 s row, BENCH_VIDEO_RUNS=0 the 7 s rows).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { VideoRenderInput } from '../shared/jobs/video-render.js';
import { WorkerProviderConfig } from '../shared/schemas/providers.js';
import type { VideoScript } from '../shared/video/script.js';
import { resolveFfmpegPath } from '../worker/media/ffmpeg/locate.js';
import { ffmpegCommand, outputArgs, runFfmpeg } from '../worker/media/ffmpeg/run.js';
import { sharedRenderBrowser } from '../worker/render/browser.js';
import { renderVideo } from '../worker/video/render/render.js';
import { writeOfflineScript } from '../worker/video/script/offline-writer.js';
import { renderSceneVisual } from '../worker/video/visuals/index.js';
import { printTable, row, type BenchRow } from './table.js';

const RUNS = Number(process.env.BENCH_VIDEO_RUNS ?? 3);
const PROMPT = 'A storm at sea, emerald and gold. A lighthouse keeper climbs the stairs and says "Light the lamp." The beam sweeps the dark waves.';
const LONG_PROMPT =
  'Dawn over a quiet harbour. Fishing boats leave one by one. Gulls circle the masts. A storm gathers on the horizon. Rain hammers the deck. The crew hauls the nets in the wind. Lightning over black water. The storm breaks at noon. Sunlight on the calm sea. The boats return at dusk, heavy with fish. Lanterns glow along the quay. Night falls over the sleeping town.';
const config = WorkerProviderConfig.parse({ choice: { tts: 'espeak', video: 'procedural' } });

async function render(dataDir: string, script: VideoScript, pass: 'preview' | 'final', job: string) {
  const workDir = join(dataDir, 'media', 'incoming', job);
  mkdirSync(workDir, { recursive: true });
  const input = VideoRenderInput.parse({ videoId: 'bench', pass, script, music: true, providers: { visuals: 'embedded', tts: 'espeak' } });
  return renderVideo(input, { config, dataDir, workDir, signal: new AbortController().signal, progress: () => undefined, log: () => undefined, renderVisual: renderSceneVisual });
}

export async function benchVideo(): Promise<BenchRow[]> {
  const ff = resolveFfmpegPath(config);
  const root = mkdtempSync(join(tmpdir(), 'auteur-bench-video-'));
  try {
    const fresh = (name: string) => join(root, name);
    // Warm-up: Chromium start and espeak's first run are not part of a render.
    await render(fresh('warm'), writeOfflineScript({ prompt: 'A quiet lake.', language: 'en', durationTarget: 2 }).script, 'preview', 'w');

    const preview: number[] = [];
    const encode: number[] = [];
    const full: number[] = [];
    const oneScene: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const dir = fresh(`p${i}`);
      const t0 = performance.now();
      const script = writeOfflineScript({ prompt: PROMPT, language: 'en', durationTarget: 7 }).script;
      const out = await render(dir, script, 'preview', 'a');
      const ms = performance.now() - t0;
      preview.push(ms);
      full.push(ms);
      // Baseline: the same frames through ffmpeg alone (decode + x264 at the preview's settings).
      const t1 = performance.now();
      const cmd = ffmpegCommand(ff).input(out.mp4.path!);
      outputArgs(cmd, ['-an', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '32', '-pix_fmt', 'yuv420p', '-y']).output(join(dir, 'raw.mp4'));
      await runFfmpeg(cmd, { label: 'baseline encode' });
      encode.push(performance.now() - t1);
      // One scene changed: only it is drawn and spoken again.
      const edited: VideoScript = { ...script, scenes: script.scenes.map((s, n) => (n === script.scenes.length - 1 ? { ...s, description: `${s.description} Fog rolls in.` } : s)) };
      const t2 = performance.now();
      await render(dir, edited, 'preview', 'b');
      oneScene.push(performance.now() - t2);
      process.stderr.write(`bench video: run ${i + 1}: preview ${Math.round(ms)} ms, raw encode ${Math.round(encode.at(-1)!)} ms, one-scene re-render ${Math.round(oneScene.at(-1)!)} ms\n`);
    }
    const rows = RUNS > 0 ? [
      row('video: prompt → playable 7 s preview MP4 (embedded) vs raw ffmpeg encode of its frames', preview, encode),
      row('video: re-render after one scene changed vs full 7 s render', oneScene, full),
    ] : [];
    if (process.env.BENCH_VIDEO_FINAL !== '0') {
      const script = writeOfflineScript({ prompt: LONG_PROMPT, language: 'en', durationTarget: 60 }).script;
      const t = performance.now();
      const out = await render(fresh('final60'), script, 'final', 'f');
      const ms = performance.now() - t;
      process.stderr.write(`bench video: final ${out.durationSec.toFixed(1)} s (${script.scenes.length} scenes) in ${Math.round(ms)} ms\n`);
      rows.push(row(`video: final ${Math.round(out.durationSec)} s video (1280x720 MP4 + HLS) vs real time (ratio = RTF)`, [ms], [out.durationSec * 1000]));
    }
    return rows;
  } finally {
    await sharedRenderBrowser().close();
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printTable(await benchVideo());
