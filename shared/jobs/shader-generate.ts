import { z } from 'zod';
import { Id } from '../schemas/common.js';
import { DeclaredStyle, ShaderType, Tag } from '../schemas/shaders.js';
import { RenderFailure, ShaderRenderOutput } from '../shaders/render-contract.js';
import { CompileDiagnostic, ShaderSource } from '../shaders/source.js';
import { defineJobKind } from './define.js';

/** The three style sliders of the generate panel (seed 000 §8 vocabulary). */
export const GenerateStyle = z.object({
  /** 0 calm … 1 chaotic: warp amounts, noise octaves, jitter. */
  chaos: z.number().min(0).max(1).default(0.5),
  /** -1 cool … +1 warm: shifts the palette. */
  colorTemperature: z.number().min(-1).max(1).default(0),
  /** 0 still … 1 restless: animation speeds. */
  motion: z.number().min(0).max(1).default(0.5),
});
export type GenerateStyle = z.infer<typeof GenerateStyle>;

/** Who writes the GLSL: an LLM provider, the built-in procedural composer, or "auto" (Settings, then the composer). */
export const GenerateProvider = z.enum(['auto', 'procedural', 'ollama', 'openai-compatible', 'anthropic', 'openai']);
export type GenerateProvider = z.infer<typeof GenerateProvider>;

export const ShaderGenerateInput = z.object({
  prompt: z.string().trim().min(1, 'Describe the shader you want').max(2000, 'A prompt is at most 2000 characters'),
  style: GenerateStyle.default({ chaos: 0.5, colorTemperature: 0, motion: 0.5 }),
  provider: GenerateProvider.default('auto'),
  /** Same prompt + style + seed → the same procedural composition (LLMs are not deterministic). */
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
  /** The desire this generation answers; the host marks it in progress and links the draft. */
  desireId: Id.optional(),
  /** Overrides the generated title. */
  title: z.string().trim().min(1).max(120).optional(),
});
export type ShaderGenerateInput = z.infer<typeof ShaderGenerateInput>;
export type ShaderGenerateInputRaw = z.input<typeof ShaderGenerateInput>;

/** One write → check → render round (seed §7: at most 3, each failure fed back to the model). */
export const GenerationAttempt = z.object({
  n: z.number().int().min(1),
  ok: z.boolean(),
  failure: RenderFailure.nullable(),
  diagnostics: z.array(CompileDiagnostic),
  ms: z.number().min(0),
});
export type GenerationAttempt = z.infer<typeof GenerationAttempt>;

export const ShaderGenerateOutput = z.object({
  source: ShaderSource,
  title: z.string().min(1).max(120),
  description: z.string().max(1000),
  tags: z.array(Tag).max(10),
  style: DeclaredStyle,
  shaderType: ShaderType,
  /** The composer's family (tunnel, fractal …); for an LLM, the family its style guidance came from. */
  family: z.string().nullable(),
  /** Provenance: 'procedural' for the composer, else the LLM provider id. */
  provider: z.string(),
  model: z.string(),
  seed: z.number().int(),
  attempts: z.array(GenerationAttempt).min(1),
  tokens: z.object({ prompt: z.number().int().min(0), completion: z.number().int().min(0) }).nullable(),
  /** Why "auto" used the composer instead of an LLM (null otherwise). */
  fallbackReason: z.string().nullable(),
  /** The passing render: scratch paths from the worker, replaced by media ids by the host hook. */
  render: ShaderRenderOutput,
  desireId: Id.nullable(),
  /** The draft the host hook stored (null until then). */
  shaderId: z.string().nullable(),
});
export type ShaderGenerateOutput = z.infer<typeof ShaderGenerateOutput>;

export const shaderGenerate = defineJobKind({
  kind: 'shader.generate',
  title: 'Generate a shader',
  description:
    'Writes a Shadertoy-format shader from a prompt and style sliders with an LLM (up to 3 attempts, each failure fed back) or the procedural composer, then static-checks and renders it.',
  resource: 'gpu',
  input: ShaderGenerateInput,
  output: ShaderGenerateOutput,
  // Retries are internal (attempts with error feedback); a second job attempt would only repeat them.
  maxAttempts: 1,
  // Three LLM calls (up to 2 min each on a cold local model) plus three renders.
  timeoutMs: 12 * 60_000,
  /**
   * A generation whose every attempt failed never gets here (the worker throws: a failed job).
   * One that asked for an LLM ("auto") and got the offline composer because no LLM was usable
   * is completed with problems: the draft is real, but not what was asked for, and the message
   * says why (choose the composer in Settings to make that the plan). Passing after failed
   * attempts is the designed feedback loop: a success. Compile warnings are shown, not judged.
   */
  verdict: (out) => {
    if (!out.render.ok) return { outcome: 'failed', message: `The generated shader did not render: ${out.render.failure?.message ?? 'unknown reason'}`, retryable: false };
    if (out.fallbackReason) return { outcome: 'problems', message: `No LLM was usable, so the offline procedural composer wrote "${out.title}". ${out.fallbackReason}` };
    return { outcome: 'succeeded' };
  },
});
