// Procedural generation benchmark: the composer (prompt analysis, family and palette choice,
// GLSL assembly, naming) over 60 varied prompts, against a baseline that produces the same
// bytes the cheapest possible way: fill a precomputed template of each result (three
// constants replaced) and JSON.stringify it. The ratio is what the composer's reasoning costs
// over merely emitting its output. Compose only: rendering is the renderer's benchmark.
import { performance } from 'node:perf_hooks';
import { compose, type Composition } from '../worker/generate/procedural/index.js';
import { row, type BenchRow } from './table.js';

const RUNS = 15;
const WARMUPS = 2;

const SUBJECTS = ['tunnel', 'mandelbrot zoom', 'raymarched chrome spheres', 'stained glass', 'ocean waves', 'warp speed stars', 'plasma', 'mandala', 'clouds', 'synthwave grid', 'lava', 'northern lights', 'truchet maze', 'moire rings', 'jelly blobs'];
const COLOURS = ['', 'neon', 'sunset', 'ice', 'gold'];
const MOODS = ['', 'calm', 'chaotic glitch', 'hypnotic retro'];

/** 60 prompts: every subject, with rotating colour and mood words, and varied sliders. */
export const BENCH_PROMPTS = Array.from({ length: 60 }, (_, i) => ({
  prompt: [MOODS[i % MOODS.length], COLOURS[i % COLOURS.length], SUBJECTS[i % SUBJECTS.length]].filter(Boolean).join(' '),
  style: { chaos: (i % 7) / 6, colorTemperature: ((i % 5) - 2) / 2, motion: (i % 4) / 3 },
  seed: 1000 + i,
}));

function composeAll(): number {
  let bytes = 0;
  for (const p of BENCH_PROMPTS) bytes += compose(p).source.image.code.length;
  return bytes;
}

/** Templates of the real outputs with their slider constants as placeholders. */
function templates(): Array<{ template: string; result: Composition }> {
  return BENCH_PROMPTS.map((p) => {
    const result = compose(p);
    const template = result.source.image.code
      .replace(/const float CHAOS = [\d.]+;/, 'const float CHAOS = {{CHAOS}};')
      .replace(/const float SPEED = [\d.]+;/, 'const float SPEED = {{SPEED}};')
      .replace(/const float SEED = [\d.]+;/, 'const float SEED = {{SEED}};');
    return { template, result };
  });
}

function fillAll(tpls: ReturnType<typeof templates>): number {
  let bytes = 0;
  for (const [i, { template, result }] of tpls.entries()) {
    const p = BENCH_PROMPTS[i]!;
    const code = template.replace('{{CHAOS}}', p.style.chaos.toFixed(3)).replace('{{SPEED}}', (0.05 + 1.45 * p.style.motion).toFixed(3)).replace('{{SEED}}', String(p.seed % 97));
    bytes += JSON.stringify({ ...result, source: { ...result.source, image: { code, channels: [] } } }).length;
  }
  return bytes;
}

function time(fn: () => number): number {
  const t0 = performance.now();
  const sink = fn();
  const ms = performance.now() - t0;
  if (sink <= 0) throw new Error('benchmark produced no output');
  return ms;
}

export interface GenerateMeasured {
  row: BenchRow;
  samplesMs: number[];
  baselineMs: number[];
  baselineDescription: string;
}

export async function benchGenerateMeasured(): Promise<GenerateMeasured[]> {
  process.stderr.write(`bench: procedural compose of ${BENCH_PROMPTS.length} prompts (${RUNS} runs + ${WARMUPS} warm-up)…\n`);
  const tpls = templates();
  for (let i = 0; i < WARMUPS; i++) {
    time(() => fillAll(tpls));
    time(composeAll);
  }
  const samples: number[] = [];
  const baseline: number[] = [];
  // Interleaved, so drift on a shared machine hits both.
  for (let i = 0; i < RUNS; i++) {
    baseline.push(time(() => fillAll(tpls)));
    samples.push(time(composeAll));
  }
  return [
    {
      row: row(`procedural compose × ${BENCH_PROMPTS.length} prompts`, samples, baseline),
      samplesMs: samples,
      baselineMs: baseline,
      baselineDescription: `fill a precomputed template of each of the ${BENCH_PROMPTS.length} results (3 constants) and JSON.stringify it: the same bytes with no composing`,
    },
  ];
}

export async function benchGenerate(): Promise<BenchRow[]> {
  return (await benchGenerateMeasured()).map((m) => m.row);
}
