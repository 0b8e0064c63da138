// Media benchmarks: espeak-ng (WebAssembly) speech synthesis against writing the same number of
// PCM samples of silence, and ffmpeg x264 (veryfast, the composer's preset) encodes at 640x360
// and 1280x720 against passing the same lavfi frames through `-c:v rawvideo -f null` (the cost
// of making and moving the frames, no encoding). Throughput is in each row's name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveFfmpegPath } from '../worker/media/ffmpeg/locate.js';
import { ffmpegCommand, inputArgs, outputArgs, runFfmpeg } from '../worker/media/ffmpeg/run.js';
import { buildWav } from '../worker/media/wav.js';
import { synthesizeEspeak } from '../worker/providers/tts/espeak.js';
import { row, type BenchRow } from './table.js';

const RUNS = 5;
const WARMUPS = 1;
const FRAMES = 90;

const TEXT =
  'The studio turns a prompt into a short film. First the script is written, then every sentence is spoken, ' +
  'and the pictures are rendered to match the voice. Captions follow the measured speech, so they never drift. ' +
  'Finally the pieces are encoded into a video that plays anywhere.';

export interface MediaMeasured {
  row: BenchRow;
  samplesMs: number[];
  baselineMs: number[];
  baselineDescription: string;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Warm-ups, then RUNS interleaved subject/baseline pairs (drift on a shared machine hits both). */
async function pair(subject: () => Promise<unknown>, baseline: () => Promise<unknown>): Promise<{ samples: number[]; baseline: number[] }> {
  for (let i = 0; i < WARMUPS; i++) {
    await baseline();
    await subject();
  }
  const samples: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(await timed(baseline));
    samples.push(await timed(subject));
  }
  return { samples, baseline: base };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function encode(ff: string, size: string, args: string[], out: string): Promise<void> {
  const cmd = ffmpegCommand(ff).input(`testsrc2=size=${size}:rate=30`);
  inputArgs(cmd, ['-f', 'lavfi']);
  outputArgs(cmd, ['-frames:v', String(FRAMES), ...args, '-y']).output(out);
  await runFfmpeg(cmd, { label: `bench ${size}` });
}

export async function benchMediaMeasured(): Promise<MediaMeasured[]> {
  const dir = mkdtempSync(join(tmpdir(), 'auteur-bench-media-'));
  const out: MediaMeasured[] = [];
  try {
    process.stderr.write(`bench: espeak-ng speech, ${TEXT.length} chars (${RUNS} runs + ${WARMUPS} warm-up)…\n`);
    const probe = await synthesizeEspeak(TEXT);
    const pcmBytes = Math.round(probe.durationSec * probe.sampleRate) * 2;
    const tts = await pair(
      () => synthesizeEspeak(TEXT),
      async () => writeFileSync(join(dir, 'silence.wav'), buildWav(Buffer.alloc(pcmBytes), probe.sampleRate)),
    );
    const speed = probe.durationSec / (median(tts.samples) / 1000);
    out.push({
      row: row(`espeak TTS ${probe.durationSec.toFixed(1)} s audio (${speed.toFixed(1)} s audio / s)`, tts.samples, tts.baseline),
      samplesMs: tts.samples,
      baselineMs: tts.baseline,
      baselineDescription: `write a WAV of ${pcmBytes / 2} samples of silence (the same audio length) to disk`,
    });

    const ff = resolveFfmpegPath(null);
    for (const size of ['640x360', '1280x720']) {
      process.stderr.write(`bench: ffmpeg x264 veryfast ${size}, ${FRAMES} frames (${RUNS} runs + ${WARMUPS} warm-up)…\n`);
      const enc = await pair(
        () => encode(ff, size, ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p'], join(dir, 'out.mp4')),
        () => encode(ff, size, ['-c:v', 'rawvideo', '-f', 'null'], '-'),
      );
      const fps = FRAMES / (median(enc.samples) / 1000);
      out.push({
        row: row(`ffmpeg x264 ${size} × ${FRAMES} frames (${fps.toFixed(0)} fps)`, enc.samples, enc.baseline),
        samplesMs: enc.samples,
        baselineMs: enc.baseline,
        baselineDescription: `the same ${FRAMES} lavfi testsrc2 frames through -c:v rawvideo -f null (frame generation and process start, no encoding)`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
