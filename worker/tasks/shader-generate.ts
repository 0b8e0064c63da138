import { randomInt } from 'node:crypto';
import type { ShaderGenerateInput, ShaderGenerateOutput } from '../../shared/jobs/shader-generate.js';
import { generateProcedural, generateWithLlm, progressAt, type GenerateEnv, type RenderCheck } from '../generate/shader/generate.js';
import { selectLlm } from '../providers/llm/select.js';
import { renderShader } from '../render/shader-renderer.js';
import type { TaskContext, TaskHandler } from '../task-context.js';

/** The check render: what the feed shows (640x360, 4 s at 30 fps, WebM preview), so a pass needs no re-render. */
function renderCheck(ctx: TaskContext): RenderCheck {
  return (source, n) =>
    renderShader(
      { source, width: 640, height: 360, fps: 30, seconds: 4, thumbnailTime: 2, preview: 'webm' },
      {
        workDir: ctx.workDir,
        signal: ctx.signal,
        chromePath: ctx.providers.chromePath,
        ffmpegPath: ctx.providers.ffmpegPath,
        log: ctx.log,
        // Renderer progress fills this attempt's "rendering" third of the bar.
        progress: (fraction, message) => ctx.progress(progressAt(n, 0.15 + 0.85 * fraction), `Rendering attempt ${n}: ${message}`),
      },
    );
}

/**
 * shader.generate: an LLM (chosen here or in Settings) writes the GLSL with up to three
 * error-fed attempts, or the procedural composer does when asked to, or when "auto" finds no
 * usable LLM (the reason is logged and returned). Every candidate is static-checked and rendered.
 */
export const shaderGenerateTask: TaskHandler<ShaderGenerateInput, ShaderGenerateOutput> = (input, ctx) => runShaderGenerate(input, ctx, renderCheck(ctx));

/** The job without its render settings (tests pass a smaller check render). */
export async function runShaderGenerate(input: ShaderGenerateInput, ctx: TaskContext, check: RenderCheck): Promise<ShaderGenerateOutput> {
  const seed = input.seed ?? randomInt(0, 2_147_483_647);
  const env: GenerateEnv = {
    check,
    signal: ctx.signal,
    progress: (f, m) => ctx.progress(f, m),
    log: (l, m) => ctx.log(l, m),
    ...(ctx.stream ? { stream: ctx.stream.bind(ctx) } : {}),
  };
  let fallbackReason: string | null = null;
  let generated;
  if (input.provider === 'procedural') {
    ctx.log('info', 'Provider: the procedural composer, as requested');
    generated = await generateProcedural(input, seed, env);
  } else if (input.provider === 'auto' && ctx.providers.choice.llm === 'procedural') {
    // Settings chose the composer for text: that is the configured generator, not a fallback.
    ctx.log('info', 'Provider: the procedural composer, as chosen in Settings → Providers');
    generated = await generateProcedural(input, seed, env);
  } else {
    const skipped: string[] = [];
    const client = await selectLlm(ctx.providers, {
      capability: 'llm',
      // "auto" defers to Settings → Providers (which may itself be auto or procedural).
      choice: input.provider === 'auto' ? undefined : input.provider,
      signal: ctx.signal,
      log: (level, message) => {
        ctx.log(level, message);
        skipped.push(message);
      },
    });
    if (client) {
      generated = await generateWithLlm(client, input, seed, env);
    } else {
      fallbackReason = skipped.at(-1) ?? 'No LLM provider is configured';
      ctx.log('info', `No LLM is usable, so the procedural composer writes this shader. ${fallbackReason}`);
      generated = await generateProcedural(input, seed, env);
    }
  }
  const failed = generated.attempts.length - 1;
  ctx.progress(1, `Done: "${generated.title}" by ${generated.provider} (${generated.model})${failed ? ` after ${failed} failed attempt${failed > 1 ? 's' : ''}` : ''}`);
  return { ...generated, fallbackReason, desireId: input.desireId ?? null, shaderId: null };
}
