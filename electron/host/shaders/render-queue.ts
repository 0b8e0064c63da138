import { eq } from 'drizzle-orm';
import type { Job } from '../../../shared/schemas/jobs.js';
import type { ShaderRenderInput } from '../../../shared/shaders/render-contract.js';
import type { ShaderSource } from '../../../shared/shaders/source.js';
import { shaders } from '../db/schema.js';
import type { ShaderDeps } from './deps.js';

export const RENDER_KIND = 'shader.render';

export type PreviewFormat = 'webm' | 'mp4';

/**
 * Queues `shader.render` jobs for saved shaders. The shader's last_render_job_id names the job
 * whose result counts, so a slow render of an older version can never overwrite a newer one.
 */
export class RenderQueue {
  constructor(private readonly deps: ShaderDeps) {}

  /**
   * Queues a render of the saved source. If the job cannot be queued (no renderer in this build,
   * bad input) the shader is kept, marked failed with the reason, and the error is returned.
   */
  queue(shaderId: string, source: ShaderSource, opts: { preview?: PreviewFormat; keepStatus?: boolean; priority?: number } = {}): { job: Job | null; error: string | null } {
    const input: Partial<ShaderRenderInput> & { source: ShaderSource; shaderId: string } = { source, shaderId, preview: opts.preview ?? 'webm' };
    try {
      const { job } = this.deps.jobs.submit({ kind: RENDER_KIND, input, userId: this.deps.ownerUserId, priority: opts.priority ?? 0 });
      // A re-render of unchanged code (e.g. for an MP4) keeps a ready shader in the feed meanwhile.
      const status = opts.keepStatus ? {} : { renderStatus: 'pending' as const, renderError: null };
      this.deps.database.db
        .update(shaders)
        .set({ lastRenderJobId: job.id, ...status, updatedAt: Date.now() })
        .where(eq(shaders.id, shaderId))
        .run();
      return { job, error: null };
    } catch (err) {
      const error = `Could not queue the render: ${(err as Error).message}`;
      this.deps.logger.error(`shader ${shaderId}: ${error}`);
      this.deps.database.db.update(shaders).set({ renderStatus: 'failed', renderError: error, updatedAt: Date.now() }).where(eq(shaders.id, shaderId)).run();
      return { job: null, error };
    }
  }

  /**
   * An ad-hoc render (POST /render). With a shaderId (the caller checked it is that shader's saved
   * source) its result becomes the shader's latest; a ready shader stays in the feed meanwhile.
   */
  submitAdHoc(input: ShaderRenderInput): Job {
    // Someone is waiting for an ad-hoc render (editor preview, an agent's render_shader): run it first.
    const { job } = this.deps.jobs.submit({ kind: RENDER_KIND, input, userId: this.deps.ownerUserId, priority: 10 });
    if (input.shaderId) {
      const row = this.deps.database.db.select({ renderStatus: shaders.renderStatus }).from(shaders).where(eq(shaders.id, input.shaderId)).get();
      const status = row?.renderStatus === 'ready' ? {} : { renderStatus: 'pending' as const, renderError: null };
      this.deps.database.db
        .update(shaders)
        .set({ lastRenderJobId: job.id, ...status, updatedAt: Date.now() })
        .where(eq(shaders.id, input.shaderId))
        .run();
    }
    return job;
  }
}
