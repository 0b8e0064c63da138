import { ShaderRenderInput, ShaderRenderOutput } from '../shaders/render-contract.js';
import { defineJobKind } from './define.js';

/**
 * Renders a shader headlessly: thumbnail, preview video, frame statistics and validity.
 * A render that did not pass (ok=false) is a failed job with the failure as its error; its
 * output (diagnostics, failure code) is still kept as the job's result. A thrown error (the
 * renderer itself could not run) fails the attempt and is retried once.
 */
export const shaderRender = defineJobKind({
  kind: 'shader.render',
  title: 'Render a shader',
  description: 'Static checks, compile, frames, preview encode and frame statistics of one shader in headless Chromium (WebGL2).',
  resource: 'gpu',
  input: ShaderRenderInput,
  output: ShaderRenderOutput,
  maxAttempts: 2,
  timeoutMs: 120_000,
  verdict: (out) =>
    out.ok ? { outcome: 'succeeded' } : { outcome: 'failed', message: out.failure?.message ?? 'The shader did not render', retryable: false },
});
