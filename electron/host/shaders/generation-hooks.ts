import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { ShaderGenerateInput, ShaderGenerateOutput } from '../../../shared/jobs/shader-generate.js';
import { generationLog } from '../db/schema.js';
import type { CoreContext } from '../host-context.js';
import type { JobRow } from '../jobs/job-row.js';
import type { ShaderDeps } from './deps.js';
import { generationStreams } from './generation-stream.js';
import { renderResults } from './render-hook.js';
import { shaderServices, type ShaderServices } from './services.js';

export const GENERATE_KIND = 'shader.generate';

/**
 * Host side of `shader.generate`: the worker's passing render becomes a draft shader
 * (is_ai_generated, with the provider and model that wrote it), its thumbnail and preview go into
 * the media store with that provenance, and every generation — good or failed — is written to
 * generation_log. The passing check render is adopted as the draft's render (no second render),
 * so the draft is ready at once; for a desire it becomes the fulfilment candidate, which the
 * poster accepts or rejects (process-desire.ts). A failed generation opens the desire again.
 */
export class GenerationResults {
  constructor(
    private readonly deps: ShaderDeps,
    private readonly svc: ShaderServices,
  ) {}

  async onSucceeded(job: JobRow, result: unknown): Promise<unknown> {
    const parsed = ShaderGenerateOutput.safeParse(result);
    if (!parsed.success) throw new Error(`shader.generate returned an output that does not match its contract: ${parsed.error.message}`);
    const out = parsed.data;
    const prov = { provider: out.provider, model: out.model, jobId: job.id };
    const meta = { kind: GENERATE_KIND, title: out.title, seed: out.seed };
    const render = out.render;
    if (render.thumbnail?.path && existsSync(render.thumbnail.path)) {
      const m = await this.deps.media.ingestFile(render.thumbnail.path, { mime: 'image/png', ...prov, meta: { ...meta, width: render.thumbnail.width, height: render.thumbnail.height } }, { move: true });
      render.thumbnail = { ...render.thumbnail, path: null, mediaId: m.id };
    }
    if (render.preview?.path && existsSync(render.preview.path)) {
      const m = await this.deps.media.ingestFile(render.preview.path, { mime: render.preview.mime, ...prov, meta }, { move: true });
      render.preview = { ...render.preview, path: null, mediaId: m.id };
    }
    const shader = this.svc.shaders.create(
      { title: out.title, description: out.description, tags: out.tags, source: out.source, style: out.style, shaderType: out.shaderType },
      { status: 'draft', origin: 'generate', isAiGenerated: true, aiProvider: out.provider, aiModel: out.model, render: 'none' },
    );
    // The generation's passing render is the draft's render: stats, style, thumbnail and preview at once.
    await renderResults(this.deps).adopt(shader.id, job.id, render);
    const desireId = out.desireId ?? ShaderGenerateInput.safeParse(job.input).data?.desireId;
    if (desireId) this.svc.desires.fulfiller.onGenerated(desireId, job.id, { shaderId: shader.id, title: out.title, provider: out.provider, model: out.model });
    this.log(job, { shaderId: shader.id, provider: out.provider, model: out.model, tokens: out.tokens ? out.tokens.prompt + out.tokens.completion : null, success: true, error: null });
    this.deps.logger.info(`shader.generate ${job.id}: draft ${shader.id} "${out.title}" by ${out.provider} (${out.model}) after ${out.attempts.length} attempt(s)`);
    return { ...out, render, shaderId: shader.id };
  }

  /** The generation failed for good (three bad attempts, provider down, cancelled). */
  onFailed(job: JobRow, error: string): void {
    const input = ShaderGenerateInput.safeParse(job.input);
    const requested = input.success ? input.data.provider : 'unknown';
    this.log(job, { shaderId: null, provider: requested, model: null, tokens: null, success: false, error: error.slice(0, 4000) });
    const desireId = input.success ? input.data.desireId : undefined;
    if (desireId) this.svc.desires.fulfiller.onGenerationFailed(desireId, job.id, error);
  }

  private log(job: JobRow, row: { shaderId: string | null; provider: string; model: string | null; tokens: number | null; success: boolean; error: string | null }): void {
    const input = ShaderGenerateInput.safeParse(job.input);
    this.deps.database.db
      .insert(generationLog)
      .values({
        id: randomUUID(),
        userId: job.userId ?? this.deps.ownerUserId,
        shaderId: row.shaderId,
        jobId: job.id,
        provider: row.provider,
        model: row.model,
        promptText: input.success ? input.data.prompt : null,
        tokensUsed: row.tokens,
        costCents: null,
        success: row.success,
        error: row.error,
      })
      .run();
  }
}

/** Registers the shader.generate hooks on a core (host or `auteur mcp`); call once from core.ts. */
export function registerGenerationHooks(core: CoreContext): GenerationResults {
  const results = new GenerationResults(core, shaderServices(core));
  // Starts keeping streamed LLM text from now on, for views that join a generation late.
  generationStreams(core.bus);
  core.hooks.register(GENERATE_KIND, {
    onSucceeded: (job, result) => results.onSucceeded(job, result),
    onFailed: (job, error) => results.onFailed(job, error),
  });
  return results;
}
