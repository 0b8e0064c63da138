/**
 * Builders for ShaderRenderOutput: the shapes of a refused, failed or finished render, and the
 * specific failure messages, kept apart from the render loop.
 */
import { formatDiagnostic } from '../../shared/shaders/glsl-wrap.js';
import type { RenderFailure, RenderTier, RenderValidity, ShaderRenderOutput } from '../../shared/shaders/render-contract.js';
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
  extra: { compiled: boolean; frames?: number; frameTimes?: number[]; tier?: RenderTier | null },
): ShaderRenderOutput {
  return {
    ok: false,
    failure,
    diagnostics,
    validity: { ...VALID, compiled: extra.compiled, withinBudget: !['timeout', 'too_heavy', 'budget', 'hang'].includes(failure.code) },
    thumbnail: null,
    preview: null,
    frames: extra.frames ?? 0,
    frameTimeMs: extra.frameTimes?.length ? frameTimeSummary(extra.frameTimes) : null,
    stats: null,
    renderer: { provider: PROVIDER, gl: timing.gl, ms: Math.round(performance.now() - timing.startedAt) },
    tier: extra.tier ?? null,
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

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** A frame (or a batch of them) never finished: the watchdog killed it. The shader's fault. */
export function hangFailure(frame: number, lastFrame: number, time: number, budgetMs: number, recovery: keyof typeof RECOVERY_NOTE): RenderFailure {
  const which = lastFrame > frame ? `One of frames ${frame + 1}–${lastFrame + 1} (from iTime ${time.toFixed(2)} s)` : `Frame ${frame + 1} (iTime ${time.toFixed(2)} s)`;
  return {
    code: 'hang',
    frame,
    message: `${which} was killed after ${secs(budgetMs)} without finishing: the shader probably loops forever (a loop whose end depends on a value that never gets there); ${RECOVERY_NOTE[recovery]}`,
  };
}

/**
 * A frame was killed, but the reference draw is so slow right now that even a shader within the
 * allowed heaviness could not have finished: the machine, not the shader, is the suspect.
 */
export function busyTimeout(hang: RenderFailure, referenceMs: number | null, calWidth: number, calHeight: number): RenderFailure {
  const what = hang.message.slice(0, hang.message.indexOf(' was killed'));
  const ref = referenceMs === null ? 'the reference draw (a trivial shader) did not finish either' : `the reference draw (a trivial shader) takes ${referenceMs.toFixed(1)} ms at ${calWidth}x${calHeight} now`;
  return { code: 'budget', frame: hang.frame ?? null, message: `${what} did not finish in time, but this machine is too busy right now to tell an endless loop from heavy work (${ref}); it will be retried later` };
}

export function compileTimeout(budgetMs: number, recovery: keyof typeof RECOVERY_NOTE): RenderFailure {
  return { code: 'timeout', message: `Compiling the shader took longer than ${secs(budgetMs)} (the renderer will retry it later); ${RECOVERY_NOTE[recovery]}` };
}

export interface HeavyFacts {
  ratio: number;
  frameMs: number;
  referenceMs: number;
  calWidth: number;
  calHeight: number;
  /** The lowest tier and what it would cost. */
  frames: number;
  width: number;
  height: number;
  estimateMs: number;
  budgetMs: number;
}

const fmtRatio = (r: number): string => (r >= 10 ? Math.round(r).toLocaleString('en-US') : r.toFixed(1));

/** Heavy for its own sake: beyond the ratio limit against the reference draw, even at the lowest tier. */
export function tooHeavyFailure(f: HeavyFacts): RenderFailure {
  return {
    code: 'too_heavy',
    message: `One frame costs ${fmtRatio(f.ratio)}x the reference draw at ${f.calWidth}x${f.calHeight} (${f.frameMs.toFixed(1)} ms against ${f.referenceMs.toFixed(2)} ms for a trivial shader, in the same browser just before): even the lowest tier (${f.frames} frames at ${f.width}x${f.height}) would take about ${secs(f.estimateMs)}, over the ${secs(f.budgetMs)} budget`,
  };
}

/** A reasonable shader on a machine too busy for even the lowest tier: the renderer's fault, retried later. */
export function budgetFailure(f: HeavyFacts): RenderFailure {
  return {
    code: 'budget',
    message: `This machine is too busy to render now: even the lowest tier (${f.frames} frames at ${f.width}x${f.height}) would take about ${secs(f.estimateMs)}, over the ${secs(f.budgetMs)} budget, although the shader itself is light (${fmtRatio(f.ratio)}x the reference draw, which takes ${f.referenceMs.toFixed(1)} ms now at ${f.calWidth}x${f.calHeight}); it will be retried later`,
  };
}

export function infraFailure(code: 'browser_start' | 'webgl_start', detail: string): RenderFailure {
  const what = code === 'browser_start' ? 'Chromium could not be started' : 'WebGL could not be started in Chromium';
  return { code, message: `The renderer could not run (${what}): ${detail}` };
}

export function probeTimeout(frame: number, budgetMs: number): RenderFailure {
  return { code: 'probe_timeout', message: `The NaN check of frame ${frame + 1} did not finish within ${secs(budgetMs)} (the renderer was too slow; it will retry later)` };
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
