// Shared result shape and text table for every benchmark; later benchmarks add rows, not formats.

export interface BenchRow {
  benchmark: string;
  /** Timed runs (warm-up runs excluded). */
  runs: number;
  /** Milliseconds. */
  median: number;
  /** Milliseconds, nearest-rank 90th percentile. */
  p90: number;
  /** Median of the baseline measurement in milliseconds; null when the row has none. */
  baseline: number | null;
  /** median / baseline; null when there is no baseline. */
  ratio: number | null;
}

export interface Summary {
  runs: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of already-collected samples (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    runs: samples.length,
    median: median(samples),
    p90: percentile(samples, 90),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}

/** One row from measured samples and, optionally, baseline samples taken in the same run. */
export function row(benchmark: string, samples: readonly number[], baselineSamples?: readonly number[]): BenchRow {
  const s = summarize(samples);
  const baseline = baselineSamples && baselineSamples.length ? median(baselineSamples) : null;
  return { benchmark, runs: s.runs, median: s.median, p90: s.p90, baseline, ratio: baseline ? s.median / baseline : null };
}

const ms = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : `${v < 100 ? v.toFixed(1) : Math.round(v)} ms`);
const times = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : `${v.toFixed(2)}×`);

const COLUMNS = ['benchmark', 'runs', 'median', 'p90', 'baseline', 'ratio'] as const;

/** Aligned plain-text table: benchmark | runs | median | p90 | baseline | ratio. */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((r) => [r.benchmark, String(r.runs), ms(r.median), ms(r.p90), ms(r.baseline), times(r.ratio)]);
  const widths = COLUMNS.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]): string =>
    c.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [line(COLUMNS), rule, ...cells.map(line)].join('\n') + '\n';
}

/** Writes the table to stdout and returns it. */
export function printTable(rows: readonly BenchRow[]): string {
  const text = formatTable(rows);
  process.stdout.write(text);
  return text;
}
