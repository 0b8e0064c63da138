import { ShaderRenderInput, ShaderRenderOutput } from '../shaders/render-contract.js';
import { defineJobKind } from './define.js';

/**
 * Renders a shader headlessly: thumbnail, preview video, frame statistics and validity.
 * A shader at fault is a successful job with ok=false (see ShaderRenderOutput); the job fails
 * (and is retried once) only when the renderer itself cannot run.
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
});
