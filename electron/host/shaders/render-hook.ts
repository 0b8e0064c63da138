import { existsSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { DeclaredStyle } from '../../../shared/schemas/shaders.js';
import { failureFault, ShaderRenderOutput } from '../../../shared/shaders/render-contract.js';
import { shaders } from '../db/schema.js';
import type { CoreContext } from '../host-context.js';
import type { JobRow } from '../jobs/job-row.js';
import type { ShaderDeps } from './deps.js';
import { glslFeatures } from './glsl-features.js';
import { admitRender } from './render-admission.js';
import { RENDER_KIND } from './render-queue.js';
import { sourceOf } from './shader-rows.js';
import { shaderServices, type ShaderServices } from './services.js';
import { indexStyle, type StoredRenderStats } from './style-index.js';
import { deriveStyle } from './style-metadata.js';

const shaderIdOf = (job: Pick<JobRow, 'input'>): string | null => {
  const id = (job.input as { shaderId?: unknown } | null)?.shaderId;
  return typeof id === 'string' && id ? id : null;
};

/**
 * Host side of `shader.render`: takes the worker's files into the media store (paths → media
 * ids, with the renderer as provenance) and, for a saved shader whose latest render this is,
 * stores status, diagnostics, thumbnail/preview, style metadata and the style vector.
 */
export class RenderResults {
  constructor(
    private readonly deps: ShaderDeps,
    private readonly svc: ShaderServices,
  ) {}

  async onSucceeded(job: JobRow, result: unknown): Promise<unknown> {
    const parsed = ShaderRenderOutput.safeParse(result);
    if (!parsed.success) throw new Error(`shader.render returned an output that does not match its contract: ${parsed.error.message}`);
    const shaderId = shaderIdOf(job);
    const out = await this.ingest(job.id, parsed.data, shaderId);
    // Another attempt follows a renderer failure (see shared/jobs/shader-render.ts): it is not the result yet.
    const retrying = !out.ok && !!out.failure && failureFault(out.failure.code) === 'renderer' && job.attempts < job.maxAttempts;
    if (shaderId) this.applyToShader(job.id, shaderId, out, retrying);
    return out;
  }

  /** Moves the worker's thumbnail and preview into the media store (renderer as provenance): paths → media ids. */
  async ingest(jobId: string, result: ShaderRenderOutput, shaderId: string | null): Promise<ShaderRenderOutput> {
    const out = { ...result };
    const provider = out.renderer.provider;
    if (out.thumbnail?.path && existsSync(out.thumbnail.path)) {
      const m = await this.deps.media.ingestFile(out.thumbnail.path, { mime: 'image/png', provider, jobId, meta: { shaderId, width: out.thumbnail.width, height: out.thumbnail.height } }, { move: true });
      out.thumbnail = { ...out.thumbnail, path: null, mediaId: m.id };
    }
    if (out.preview?.path && existsSync(out.preview.path)) {
      const m = await this.deps.media.ingestFile(out.preview.path, { mime: out.preview.mime, provider, jobId, meta: { shaderId } }, { move: true });
      out.preview = { ...out.preview, path: null, mediaId: m.id };
    }
    return out;
  }

  /**
   * Stores a render made by another job (e.g. shader.generate's passing render) as the shader's
   * latest: for a shader created with `render: 'none'`. Files are ingested when still paths.
   */
  async adopt(shaderId: string, jobId: string, result: ShaderRenderOutput): Promise<ShaderRenderOutput> {
    const out = await this.ingest(jobId, result, shaderId);
    this.deps.database.db.update(shaders).set({ lastRenderJobId: jobId }).where(eq(shaders.id, shaderId)).run();
    this.applyToShader(jobId, shaderId, out, false);
    return out;
  }

  private applyToShader(jobId: string, shaderId: string, out: ShaderRenderOutput, retrying: boolean): void {
    const db = this.deps.database.db;
    const row = db.select().from(shaders).where(eq(shaders.id, shaderId)).get();
    if (!row) return; // deleted while rendering
    if (row.lastRenderJobId !== jobId) {
      this.deps.logger.info(`shader ${shaderId}: ignoring render ${jobId}, a newer render (${row.lastRenderJobId}) counts`);
      return;
    }
    const now = Date.now();
    if (out.ok) {
      const source = sourceOf(row);
      const features = glslFeatures(source);
      const stored: StoredRenderStats | null = out.stats ? { stats: out.stats, isStatic: out.validity.isStatic, frameMs: out.frameTimeMs?.mean ?? null } : null;
      const style = stored ? deriveStyle({ ...stored, features, declared: (row.declaredStyle as DeclaredStyle | null) ?? null }) : row.styleMetadata;
      const isMp4 = out.preview?.mime === 'video/mp4';
      const updated = db
        .update(shaders)
        .set({
          renderStatus: 'ready',
          renderError: null,
          renderDiagnostics: out.diagnostics,
          renderedAt: now,
          renderStats: stored ?? row.renderStats,
          styleMetadata: style,
          thumbnailMediaId: out.thumbnail?.mediaId ?? row.thumbnailMediaId,
          previewMediaId: !isMp4 && out.preview?.mediaId ? out.preview.mediaId : row.previewMediaId,
          previewMp4MediaId: isMp4 && out.preview?.mediaId ? out.preview.mediaId : row.previewMp4MediaId,
          updatedAt: now,
        })
        .where(eq(shaders.id, shaderId))
        .returning()
        .get()!;
      indexStyle(this.deps, updated);
    } else if ((out.failure && failureFault(out.failure.code) === 'renderer') || (row.origin === 'seed' && row.renderStatus === 'ready')) {
      // The renderer could not do its job (browser/WebGL start, a machine too busy even for the
      // lowest tier): nothing is known against the shader. It keeps its status (a published or
      // shipped shader stays in the feed), a ready one keeps its media, and a retry is coming
      // at a lower tier while attempts remain. A shipped seed that is ready (its precomputed
      // media) is never taken out by a render on this machine either.
      const code = out.failure?.code ?? 'failed';
      const message = out.failure && failureFault(out.failure.code) === 'renderer' ? `The renderer could not run (${code}): ${out.failure.message}` : `${code}: ${out.failure?.message ?? 'The render failed'}`;
      db.update(shaders)
        .set(
          row.renderStatus === 'ready'
            ? { renderError: message, updatedAt: now }
            : { renderStatus: retrying ? 'pending' : 'failed', renderError: retrying ? `${message} (retrying at a lower tier)` : message, renderedAt: now, updatedAt: now },
        )
        .where(eq(shaders.id, shaderId))
        .run();
      if (retrying) {
        this.publish(shaderId);
        return;
      }
    } else {
      // Broken code is never left published (seed §9: only renders that pass go out) — except a
      // shipped seed: it renders on the machines it was made on, so a render here does not unship it.
      db.update(shaders)
        .set({
          renderStatus: 'failed',
          renderError: out.failure ? `${out.failure.code}: ${out.failure.message}` : 'The render failed',
          renderDiagnostics: out.diagnostics,
          renderedAt: now,
          status: row.status === 'published' && row.origin !== 'seed' ? 'draft' : row.status,
          updatedAt: now,
        })
        .where(eq(shaders.id, shaderId))
        .run();
    }
    if (row.fulfillsDesireId) this.svc.desires.onShaderRendered(row.fulfillsDesireId, shaderId, out.ok, now);
    this.publish(shaderId);
  }

  /** The renderer itself could not run (no browser, crash) after all attempts. */
  onFailed(job: JobRow, error: string): void {
    const shaderId = shaderIdOf(job);
    if (!shaderId) return;
    const db = this.deps.database.db;
    const row = db.select().from(shaders).where(eq(shaders.id, shaderId)).get();
    if (!row || row.lastRenderJobId !== job.id) return;
    const message = `The renderer could not run: ${error}`;
    // A re-render (e.g. for an MP4) of a shader that is already ready keeps it ready.
    db.update(shaders)
      .set(row.renderStatus === 'ready' ? { renderError: message, updatedAt: Date.now() } : { renderStatus: 'failed', renderError: message, updatedAt: Date.now() })
      .where(eq(shaders.id, shaderId))
      .run();
    if (row.fulfillsDesireId && row.renderStatus !== 'ready') this.svc.desires.onShaderRendered(row.fulfillsDesireId, shaderId, false);
    this.publish(shaderId);
  }

  /** A job of ours started: the shader shows "rendering". */
  onStarted(jobId: string, shaderId: string): void {
    const n = this.deps.database.sqlite
      .prepare(`UPDATE shaders SET render_status = 'rendering' WHERE id = ? AND last_render_job_id = ? AND render_status = 'pending'`)
      .run(shaderId, jobId).changes;
    if (n) this.publish(shaderId);
  }

  /**
   * A job of ours went back to the queue while the shader showed "rendering" (a background render
   * preempted for foreground work, an orphan taken over): the shader is pending again until it runs.
   */
  onRequeued(jobId: string, shaderId: string): void {
    const n = this.deps.database.sqlite
      .prepare(`UPDATE shaders SET render_status = 'pending' WHERE id = ? AND last_render_job_id = ? AND render_status = 'rendering'`)
      .run(shaderId, jobId).changes;
    if (n) this.publish(shaderId);
  }

  private publish(shaderId: string): void {
    try {
      this.deps.bus.publish({ type: 'domain', topic: 'shader.updated', id: shaderId, data: this.svc.shaders.get(shaderId) });
    } catch (err) {
      this.deps.logger.warn(`shader ${shaderId}: could not publish its update: ${(err as Error).message}`);
    }
  }
}

const byCore = new WeakMap<object, RenderResults>();

/** The render-result handler of a core (what the hooks use; shader.generate's hook can `adopt` with it). */
export function renderResults(core: ShaderDeps): RenderResults {
  let r = byCore.get(core.database);
  if (!r) byCore.set(core.database, (r = new RenderResults(core, shaderServices(core))));
  return r;
}

/** Registers the shader.render hooks on a core (host or `auteur mcp`); call once from core.ts. */
export function registerShaderHooks(core: CoreContext): RenderResults {
  const results = renderResults(core);
  core.hooks.register(RENDER_KIND, {
    admit: admitRender,
    onSucceeded: (job, result) => results.onSucceeded(job, result),
    onFailed: (job, error) => results.onFailed(job, error),
  });
  core.bus.subscribe((ev) => {
    if (ev.type !== 'job.updated' || ev.job.kind !== RENDER_KIND) return;
    if (ev.job.status !== 'running' && ev.job.status !== 'queued') return;
    const shaderId = shaderIdOf(ev.job);
    if (!shaderId) return;
    if (ev.job.status === 'running') results.onStarted(ev.job.id, shaderId);
    else results.onRequeued(ev.job.id, shaderId);
  });
  return results;
}
