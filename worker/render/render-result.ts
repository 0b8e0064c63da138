/**
 * Builders for ShaderRenderOutput: the shapes of a refused, failed or finished render, and the
 * specific failure messages, kept apart from the render loop.
 */
import { formatDiagnostic } from '../../shared/shaders/glsl-wrap.js';
import type { RenderFailure, RenderValidity, ShaderRenderOutput } from '../../shared/shaders/render-contract.js';
import type { CompileDiagnostic } from '../../shared/shaders/source.js';

export const PROVIDER = 'chromium';

export interface Timing {
  startedAt: number;
  gl: string | null;
}

const VALID: RenderValidity = { compiled: true, allBlack: false, hasNaN: false, isStatic: false, withinBudget: true };

/** A render that stopped before producing pictures (refused, did not compile, timed out, context lost). */
export function stopped(
  failure: RenderFailure,
  diagnostics: CompileDiagnostic[],
  timing: Timing,
  extra: { compiled: boolean; frames?: number; frameTimes?: number[] },
): ShaderRenderOutput {
  return {
    ok: false,
    failure,
    diagnostics,
    validity: { ...VALID, compiled: extra.compiled, withinBudget: failure.code !== 'timeout' },
    thumbnail: null,
    preview: null,
    frames: extra.frames ?? 0,
    frameTimeMs: extra.frameTimes?.length ? frameTimeSummary(extra.frameTimes) : null,
    stats: null,
    renderer: { provider: PROVIDER, gl: timing.gl, ms: Math.round(performance.now() - timing.startedAt) },
  };
}

export function frameTimeSummary(times: number[]): { mean: number; p95: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (v: number): number => Math.round(v * 100) / 100;
  return {
    mean: round(times.reduce((a, b) => a + b, 0) / times.length),
    p95: round(sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!),
    max: round(sorted.at(-1)!),
  };
}

export function compileFailure(diagnostics: CompileDiagnostic[]): RenderFailure {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const shown = errors.slice(0, 3).map(formatDiagnostic).join('; ');
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  return { code: 'compile_error', message: `The shader does not compile: ${shown || 'the compiler gave no message'}${more}` };
}

const RECOVERY_NOTE = { 'gpu-process': 'the GPU process was killed and restarted', browser: 'the browser was killed and restarted' } as const;

export function frameTimeout(frame: number, time: number, budgetMs: number, recovery: keyof typeof RECOVERY_NOTE): RenderFailure {
  return {
    code: 'timeout',
    message: `Frame ${frame + 1} (iTime ${time.toFixed(2)} s) did not finish within ${(budgetMs / 1000).toFixed(1)} s: the shader probably loops forever or is far too heavy for software rendering; ${RECOVERY_NOTE[recovery]}`,
  };
}

export function compileTimeout(budgetMs: number, recovery: keyof typeof RECOVERY_NOTE): RenderFailure {
  return { code: 'timeout', message: `Compiling the shader took longer than ${(budgetMs / 1000).toFixed(1)} s; ${RECOVERY_NOTE[recovery]}` };
}

export function projectedTimeout(frames: number, meanMs: number, budgetMs: number): RenderFailure {
  return {
    code: 'timeout',
    message: `Rendering ${frames} frames would take about ${Math.round((frames * meanMs) / 1000)} s (${(meanMs / 1000).toFixed(2)} s per frame), over the ${Math.round(budgetMs / 1000)} s budget: the shader is too heavy for this renderer at this size`,
  };
}

export function nanFailure(fraction: number, time: number): RenderFailure {
  return {
    code: 'nan',
    message: `${(fraction * 100).toFixed(1)}% of the pixels are NaN (first seen at iTime ${time.toFixed(2)} s): look for division by zero, sqrt/log/pow of negative numbers or normalize() of a zero vector`,
  };
}

export function blackFailure(fromTime: number, toTime: number, samples: number): RenderFailure {
  return {
    code: 'all_black',
    message: `All ${samples} sampled frames between iTime ${fromTime.toFixed(2)} s and ${toTime.toFixed(2)} s are black (fewer than 0.05% of the pixels lit)`,
  };
}

export function contextLostFailure(frame: number): RenderFailure {
  return { code: 'context_lost', message: `The WebGL context was lost at frame ${frame + 1} (the GPU reset while drawing this shader)` };
}
