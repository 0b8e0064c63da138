import { failureFault, ShaderRenderInput, ShaderRenderOutput } from '../shaders/render-contract.js';
import { defineJobKind, type JobVerdict } from './define.js';

/** Why a render job whose shader is at fault cannot be retried (shown by the API's 409 and the jobs page). */
export const SHADER_AT_FAULT = 'the shader is at fault: fix the code and save again';

/**
 * The verdict of a render: a shader at fault (compile error, hang, black, NaN, too heavy) is a
 * failed job that is not retried (it would fail the same way); a renderer that could not do its
 * job (browser or WebGL start, a machine too busy even for the lowest tier, a probe timeout) is
 * a failed attempt that is retried, and the retry starts one tier lower (worker/tasks/shader-render.ts).
 * The output is kept as the job's result either way.
 */
export function shaderRenderVerdict(out: ShaderRenderOutput): JobVerdict {
  if (out.ok) return { outcome: 'succeeded' };
  if (!out.failure) return { outcome: 'failed', message: 'The shader did not render', retryable: false };
  // The message is the failure's own sentence: it already says whose fault it is.
  if (failureFault(out.failure.code) === 'renderer') return { outcome: 'failed', message: out.failure.message, retryable: true };
  return { outcome: 'failed', message: out.failure.message, retryable: false, retryRefusal: SHADER_AT_FAULT };
}

/** Renders a shader headlessly: thumbnail, preview video, frame statistics and validity. */
export const shaderRender = defineJobKind({
  kind: 'shader.render',
  title: 'Render a shader',
  description: 'Static checks, compile, frames, preview encode and frame statistics of one shader in headless Chromium (WebGL2), at the richest tier the machine can render in time.',
  resource: 'gpu',
  input: ShaderRenderInput,
  output: ShaderRenderOutput,
  // Renderer failures are retried at a lower tier each time.
  maxAttempts: 3,
  timeoutMs: 120_000,
  verdict: shaderRenderVerdict,
});
