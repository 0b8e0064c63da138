import type { CompileDiagnostic } from '../../../shared/shaders/source.js';
import type { RenderFailure } from '../../../shared/shaders/render-contract.js';
import type { Composition } from '../procedural/index.js';

/**
 * The prompts of seed 000 §7, verbatim where the spec gives text: the system prompt, the style
 * guidance slot, and the retry-with-error-feedback template. One studio note is added: the
 * wrapper declares the uniforms itself, so the model must not (a redeclaration cannot compile).
 */

export const SYSTEM_PROMPT = `You are an expert GLSL shader developer specializing in WebGL fragment shaders.
Generate a single, complete GLSL fragment shader in Shadertoy-compatible format.
Rules:
- Entry point must be: void mainImage(out vec4 fragColor, in vec2 fragCoord)
- Available uniforms: iTime (float), iResolution (vec3), iMouse (vec4)
- Output must write to fragColor
- No external textures unless iChannel0 is specified in the request
- Shader must complete in under 16ms on mid-range GPU (avoid heavy loops)
- Do not use compute shaders or platform-specific extensions
- The studio adds #version 300 es, precision and the uniform declarations itself: do not write them
Respond with ONLY the GLSL code. No explanation, no markdown, no comments unless they
are GLSL // comments within the code itself.`;

/** Seed §8 style metadata as the model reads it: the sliders plus what the prompt's words suggest. */
export function styleGuidance(style: { chaos: number; colorTemperature: number; motion: number }, hint: Composition): string {
  const temp = style.colorTemperature > 0.2 ? 'warm' : style.colorTemperature < -0.2 ? 'cool' : hint.style.temperatureLabel === 'monochrome' ? 'monochrome' : 'neutral';
  return JSON.stringify({
    chaos_level: Math.round(style.chaos * 100) / 100,
    color_temperature: temp,
    motion_level: Math.round(style.motion * 100) / 100,
    motion_type: hint.style.motionType,
    geometry: hint.style.geometry,
    palette: hint.style.palette,
  });
}

export function userRequest(guidance: string, prompt: string): string {
  return `Style guidance: ${guidance}\nUser request: ${prompt}`;
}

/** Compiler messages as the model should read them: pass, the user's own line, message. */
export function failureText(failure: RenderFailure | null, diagnostics: readonly CompileDiagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length && (failure?.code === 'compile_error' || failure?.code === 'static_check')) {
    return errors
      .slice(0, 12)
      .map((d) => `ERROR: ${d.pass === 'image' ? '' : `${d.pass} `}line ${d.line || '?'}: ${d.message}`)
      .join('\n');
  }
  if (!failure) return 'The shader did not render.';
  const hints: Partial<Record<RenderFailure['code'], string>> = {
    all_black: ' Every sampled frame was black: make sure fragColor gets visible colour.',
    nan: ' Some pixels were NaN: guard divisions, sqrt, pow and log against invalid inputs.',
    timeout: ' Rendering took too long: use fewer loop iterations or raymarch steps.',
    context_lost: ' The GPU context was lost: the shader is far too heavy; simplify it.',
    too_large: ' The shader is too large; write a shorter one.',
  };
  const message = /[.!?]$/.test(failure.message.trim()) ? failure.message.trim() : `${failure.message.trim()}.`;
  return `${failure.code}: ${message}${hints[failure.code] ?? ''}`;
}

/** Seed §7 "Retry with Error Feedback", appended to the request for the next attempt. */
export function retryPrompt(errorOutput: string, previousGlsl: string): string {
  return `Previous attempt failed with this GLSL compiler error:
${errorOutput}
Please fix the shader. Here is the failing code:
${previousGlsl}
Corrected shader (GLSL only):`;
}
