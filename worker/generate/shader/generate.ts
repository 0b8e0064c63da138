import type { GenerationAttempt, ShaderGenerateInput, ShaderGenerateOutput } from '../../../shared/jobs/shader-generate.js';
import type { ShaderRenderOutput } from '../../../shared/shaders/render-contract.js';
import type { ShaderSource } from '../../../shared/shaders/source.js';
import type { LlmClient } from '../../providers/llm/types.js';
import { throwIfCancelled } from '../../task-context.js';
import { compose, PROCEDURAL_MODEL, PROCEDURAL_PROVIDER, type Composition } from '../procedural/index.js';
import { extractGlsl } from './extract-glsl.js';
import { failureText, retryPrompt, styleGuidance, SYSTEM_PROMPT, userRequest } from './prompts.js';
import { TokenStream, type StreamSink } from './token-stream.js';

/** Seed §7: at most three write → check → render rounds. */
export const MAX_ATTEMPTS = 3;

/** Static checks + a real render of a candidate (the job passes the headless renderer). */
export type RenderCheck = (source: ShaderSource, attempt: number) => Promise<ShaderRenderOutput>;

export interface GenerateEnv {
  check: RenderCheck;
  signal: AbortSignal;
  progress(fraction: number, message: string): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  /** Where the LLM's reply goes token by token (channel "attempt-<n>"); absent: not streamed. */
  stream?: StreamSink;
}

/** What both paths return; the task adds desireId, shaderId and the fallback reason. */
export type Generated = Omit<ShaderGenerateOutput, 'desireId' | 'shaderId' | 'fallbackReason'>;

/** Progress-bar band of attempt n: most of the bar goes to the first, since most shaders pass on it. */
const BANDS: ReadonlyArray<readonly [number, number]> = [
  [0, 0.7],
  [0.7, 0.85],
  [0.85, 0.97],
];
/** Where `phase` (0 writing … 0.1 checking … 0.15–1 rendering) of attempt n sits on the job's bar. */
export function progressAt(n: number, phase: number): number {
  const [lo, hi] = BANDS[Math.min(n, MAX_ATTEMPTS) - 1]!;
  return lo + (hi - lo) * Math.min(1, Math.max(0, phase));
}
const at = (n: number, step: number): number => progressAt(n, [0, 0.1, 0.15][step] ?? 0);

function attemptOf(n: number, render: ShaderRenderOutput, started: number): GenerationAttempt {
  return { n, ok: render.ok, failure: render.failure, diagnostics: render.diagnostics, ms: Math.round(performance.now() - started) };
}

const lastError = (a: GenerationAttempt | undefined): string => (a?.failure ? `${a.failure.code}: ${a.failure.message}` : 'no attempt was made');

/** The built-in composer; a composition that fails its render check is recomposed with the next seed. */
export async function generateProcedural(input: ShaderGenerateInput, seed: number, env: GenerateEnv): Promise<Generated> {
  const attempts: GenerationAttempt[] = [];
  for (let n = 1; n <= MAX_ATTEMPTS; n++) {
    throwIfCancelled(env.signal);
    const started = performance.now();
    const s = (seed + n - 1) >>> 0;
    env.progress(at(n, 0), `Writing: composing "${input.prompt.slice(0, 60)}" procedurally (attempt ${n})`);
    const c = compose({ prompt: input.prompt, style: input.style, seed: s });
    env.log('info', `Procedural composer: family ${c.family} (${c.variant}), palette ${c.paletteName}, seed ${s}`);
    env.progress(at(n, 1), 'Checking the GLSL');
    const render = await env.check(c.source, n);
    attempts.push(attemptOf(n, render, started));
    if (render.ok) return fromComposition(c, input, s, attempts, render);
    env.log('warn', `Attempt ${n}: the composition did not render (${lastError(attempts.at(-1))}); recomposing with seed ${s + 1}`);
  }
  throw new Error(`The procedural composer produced no shader that renders after ${MAX_ATTEMPTS} attempts; last error: ${lastError(attempts.at(-1))}`);
}

function fromComposition(c: Composition, input: ShaderGenerateInput, seed: number, attempts: GenerationAttempt[], render: ShaderRenderOutput): Generated {
  return {
    source: c.source,
    title: input.title ?? c.title,
    description: c.description,
    tags: c.tags,
    style: c.style,
    shaderType: c.shaderType,
    family: c.family,
    provider: PROCEDURAL_PROVIDER,
    model: PROCEDURAL_MODEL,
    seed,
    attempts,
    tokens: null,
    render,
  };
}

/**
 * An LLM writes the shader (seed §7 prompt + style guidance + request); each failed check is
 * fed back with the retry template, at most three times, then the job fails with the last error.
 */
export async function generateWithLlm(client: LlmClient, input: ShaderGenerateInput, seed: number, env: GenerateEnv): Promise<Generated> {
  // The composer reads the same prompt for the guidance (palette, geometry) and the naming.
  const hint = compose({ prompt: input.prompt, style: input.style, seed });
  const request = userRequest(styleGuidance(input.style, hint), input.prompt);
  const attempts: GenerationAttempt[] = [];
  const tokens = { prompt: 0, completion: 0 };
  let content = request;
  for (let n = 1; n <= MAX_ATTEMPTS; n++) {
    throwIfCancelled(env.signal);
    const started = performance.now();
    env.progress(at(n, 0), `Writing: asking ${client.label} (${client.model}), attempt ${n} of ${MAX_ATTEMPTS}`);
    const live = env.stream ? new TokenStream(env.stream, `attempt-${n}`) : null;
    let reply;
    try {
      reply = await client.chat({ system: SYSTEM_PROMPT, messages: [{ role: 'user', content }], temperature: 0.7, maxTokens: 4096, signal: env.signal, ...(live ? { onToken: (t: string) => live.push(t) } : {}) });
    } finally {
      live?.flush();
    }
    tokens.prompt += reply.usage.promptTokens;
    tokens.completion += reply.usage.completionTokens;
    const code = extractGlsl(reply.text);
    env.log('info', `Attempt ${n}: ${client.label} answered in ${(reply.ms / 1000).toFixed(1)} s (${reply.usage.completionTokens} tokens, ${code.split('\n').length} lines of GLSL)`);
    env.progress(at(n, 1), `Checking attempt ${n}`);
    const render = await env.check({ common: '', buffers: [], image: { code: code || '// (the reply held no code)\n', channels: [] } }, n);
    attempts.push(attemptOf(n, render, started));
    if (render.ok) {
      return {
        source: { common: '', buffers: [], image: { code, channels: [] } },
        title: input.title ?? hint.title,
        description: `${input.prompt.replace(/\s+/g, ' ').trim().slice(0, 300)} (written by ${client.label}, ${client.model})`.slice(0, 1000),
        tags: [...hint.tags.filter((t) => t !== 'procedural'), 'ai'].slice(0, 10),
        style: hint.style,
        // What the prompt asked for (3D words give 3d); the render measures the rest of the style.
        shaderType: hint.shaderType,
        family: hint.family,
        provider: client.provider,
        model: client.model,
        seed,
        attempts,
        tokens,
        render,
      };
    }
    const error = failureText(render.failure, render.diagnostics);
    env.log('warn', `Attempt ${n} failed: ${error.split('\n')[0]}`);
    content = `${request}\n\n${retryPrompt(error, code || reply.text.slice(0, 4000))}`;
  }
  throw new Error(`${client.label} (${client.model}) wrote no shader that renders in ${MAX_ATTEMPTS} attempts; last error: ${lastError(attempts.at(-1))}`);
}
