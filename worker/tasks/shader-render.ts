import type { ShaderRenderInput, ShaderRenderOutput } from '../../shared/shaders/render-contract.js';
import { runDirOf } from '../render/browser-registry.js';
import { renderShader } from '../render/shader-renderer.js';
import type { TaskHandler } from '../task-context.js';

/**
 * shader.render: progress runs static checks → compile → frames n/N → encode → stats. Output
 * paths point into ctx.workDir; the host hook moves them into the media store.
 */
export const shaderRenderTask: TaskHandler<ShaderRenderInput, ShaderRenderOutput> = async (input, ctx) => {
  const out = await renderShader(input, {
    workDir: ctx.workDir,
    signal: ctx.signal,
    chromePath: ctx.providers.chromePath,
    ffmpegPath: ctx.providers.ffmpegPath,
    progress: (fraction, message) => ctx.progress(fraction, message),
    log: ctx.log,
    runDir: runDirOf(ctx.dataDir),
    // A retry (after a budget or infrastructure failure) starts one tier lower.
    minTier: Math.max(0, ctx.attempt - 1),
  });
  if (out.failure) ctx.log('warn', `${out.failure.code}: ${out.failure.message}`);
  else ctx.log('info', `Rendered ${out.frames} frames${out.tier?.level ? ` at tier ${out.tier.level} (${out.tier.name}, ${out.tier.width}x${out.tier.height})` : ''} in ${(out.renderer.ms / 1000).toFixed(1)} s (mean ${out.frameTimeMs?.mean ?? 0} ms/frame) on ${out.renderer.gl ?? 'unknown GL'}`);
  return out;
};
