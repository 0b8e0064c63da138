import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { CreateShaderBody, DeclaredStyle, Shader, ShaderStatus, UpdateShaderBody } from '../../../shared/schemas/shaders.js';
import { asDiagnostics, staticCheck } from '../../../shared/shaders/static-checks.js';
import { singlePass, type ShaderSource } from '../../../shared/shaders/source.js';
import { desires, engagementEvents, shaders } from '../db/schema.js';
import { AppError, conflict, notFound } from '../errors.js';
import { ownerActor, type Actor, type ShaderDeps } from './deps.js';
import type { RenderQueue } from './render-queue.js';
import { sourceKey, sourceOf, type ShaderReader, type ShaderRow } from './shader-rows.js';
import { glslFeatures } from './glsl-features.js';
import { indexStyle, storedStats } from './style-index.js';
import { deriveStyle } from './style-metadata.js';
import { deleteVector } from './vectors.js';
import type { VoteService } from './vote-service.js';

export type ShaderOrigin = ShaderRow['origin'];

/** Internal options of a create: who submits it and how (MCP, seeds, generation, import). */
export interface CreateOptions {
  actor?: Actor;
  origin?: ShaderOrigin;
  status?: ShaderStatus;
  id?: string;
  isAiGenerated?: boolean;
  aiProvider?: string | null;
  aiModel?: string | null;
  submittedByApiKey?: string | null;
  reviewNote?: string | null;
  forkedFrom?: string | null;
  /** `shadertoy`: what the import held beyond the studio's model (ShadertoyOrigin), for a lossless export. */
  importedFrom?: { shadertoyId: string | null; author: string | null; shadertoy?: unknown } | null;
  /** 'none': the caller supplies the render (renderResults(core).adopt), e.g. shader.generate's passing one. */
  render?: 'queue' | 'none';
  /** Job priority of that render: seeds render in the background (negative), agents waiting on one above 0. */
  renderPriority?: number;
}

/** 422 with the findings in the user's own pass and line numbers. */
export function compileFailed(message: string, diagnostics: unknown[]): AppError {
  return new AppError(422, 'compile_failed', message, { diagnostics });
}

/** Static checks before anything is stored or rendered: errors refuse the save, warnings are kept. */
export function checkSource(source: ShaderSource) {
  const issues = staticCheck(source);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length) {
    const shown = errors.slice(0, 3).map((e) => `${e.pass}${e.line ? ` line ${e.line}` : ''}: ${e.message}`).join('; ');
    throw compileFailed(`The shader cannot be saved: ${shown}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`, asDiagnostics(errors));
  }
  return asDiagnostics(issues);
}

/** Create, edit, fork, publish and delete shaders; each save re-checks, re-indexes and re-renders. */
export class ShaderService {
  constructor(
    private readonly deps: ShaderDeps,
    private readonly reader: ShaderReader,
    private readonly renders: RenderQueue,
    private readonly votes: VoteService,
  ) {}

  private get db() {
    return this.deps.database.db;
  }

  row(id: string): ShaderRow {
    const row = this.db.select().from(shaders).where(eq(shaders.id, id)).get();
    if (!row) throw notFound(`Shader ${id}`);
    return row;
  }

  get(id: string): Shader {
    return this.reader.full(this.row(id));
  }

  private assertCanEdit(row: ShaderRow, actor: Actor): void {
    if (!actor.isAdmin && row.authorId !== actor.userId) throw new AppError(403, 'forbidden', `Only the author of "${row.title}" can change it`);
  }

  private assertDesireOpen(desireId: string): void {
    const d = this.db.select({ status: desires.status }).from(desires).where(eq(desires.id, desireId)).get();
    if (!d) throw notFound(`Desire ${desireId}`);
    if (d.status !== 'open' && d.status !== 'in_progress') throw conflict(`Desire ${desireId} is ${d.status}; only open desires can be answered`);
  }

  create(body: CreateShaderBody, opts: CreateOptions = {}): Shader {
    const actor = opts.actor ?? ownerActor(this.deps);
    const source = body.source ?? singlePass(body.glslCode!);
    const warnings = checkSource(source);
    if (body.fulfillsDesireId) this.assertDesireOpen(body.fulfillsDesireId);
    const now = Date.now();
    const status = opts.status ?? 'draft';
    const id = opts.id ?? randomUUID();
    const row = this.deps.database.sqlite.transaction(() => {
      const inserted = this.db
        .insert(shaders)
        .values({
          id,
          authorId: actor.userId,
          title: body.title,
          description: body.description ?? null,
          glslCode: source.image.code,
          source,
          tags: body.tags ?? [],
          shaderType: body.shaderType ?? '2d',
          declaredStyle: body.style ?? null,
          isPublic: body.isPublic ?? true,
          status,
          publishedAt: status === 'published' ? now : null,
          origin: opts.origin ?? 'app',
          isAiGenerated: opts.isAiGenerated ?? false,
          aiProvider: opts.aiProvider ?? null,
          aiModel: opts.aiModel ?? null,
          submittedByApiKey: opts.submittedByApiKey ?? null,
          reviewNote: opts.reviewNote ?? null,
          forkedFrom: opts.forkedFrom ?? null,
          importedFrom: opts.importedFrom ?? null,
          fulfillsDesireId: body.fulfillsDesireId ?? null,
          renderDiagnostics: warnings,
          renderStatus: 'pending',
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
      if (body.fulfillsDesireId) {
        this.db.update(desires).set({ status: 'in_progress', updatedAt: now }).where(and(eq(desires.id, body.fulfillsDesireId), eq(desires.status, 'open'))).run();
      }
      indexStyle(this.deps, inserted);
      return inserted;
    })();
    if (opts.render !== 'none') this.renders.queue(row.id, source, { priority: opts.renderPriority ?? 0 });
    const shader = this.get(row.id);
    this.deps.bus.publish({ type: 'domain', topic: 'shader.created', id: row.id, data: shader });
    return shader;
  }

  update(id: string, body: UpdateShaderBody, actor: Actor = ownerActor(this.deps)): Shader {
    const row = this.row(id);
    this.assertCanEdit(row, actor);
    const next = body.source ?? (body.glslCode !== undefined ? singlePass(body.glslCode) : undefined);
    const codeChanged = next !== undefined && sourceKey(next) !== sourceKey(sourceOf(row));
    const warnings = codeChanged ? checkSource(next) : undefined;
    const patch: Partial<typeof shaders.$inferInsert> = { updatedAt: Date.now() };
    if (body.title !== undefined) patch.title = body.title;
    if (body.description !== undefined) patch.description = body.description;
    if (body.tags !== undefined) patch.tags = body.tags;
    if (body.shaderType !== undefined) patch.shaderType = body.shaderType;
    if (body.style !== undefined) patch.declaredStyle = { ...((row.declaredStyle as DeclaredStyle | null) ?? {}), ...body.style };
    if (body.isPublic !== undefined) patch.isPublic = body.isPublic;
    if (codeChanged) {
      // New code: the old render's stats no longer describe it; the thumbnail stays until the new one lands.
      Object.assign(patch, { source: next, glslCode: next.image.code, renderStats: null, renderDiagnostics: warnings, renderStatus: 'pending', renderError: null });
    }
    if (body.style !== undefined && !codeChanged) {
      // Declared categories show at once on a rendered shader; measured values stay measured.
      const stats = storedStats(row);
      if (stats) patch.styleMetadata = deriveStyle({ ...stats, features: glslFeatures(sourceOf(row)), declared: patch.declaredStyle as DeclaredStyle });
    }
    const updated = this.deps.database.sqlite.transaction(() => {
      const u = this.db.update(shaders).set(patch).where(eq(shaders.id, id)).returning().get()!;
      if (codeChanged || body.title !== undefined || body.description !== undefined || body.tags !== undefined) indexStyle(this.deps, u);
      return u;
    })();
    if (codeChanged) this.renders.queue(id, next);
    const shader = this.get(updated.id);
    this.deps.bus.publish({ type: 'domain', topic: 'shader.updated', id, data: shader });
    return shader;
  }

  /** Deletes a shader with its votes, engagement and comments; a desire it fulfilled opens again. */
  delete(id: string, actor: Actor = ownerActor(this.deps)): void {
    const row = this.row(id);
    this.assertCanEdit(row, actor);
    const now = Date.now();
    try {
      this.deps.database.sqlite.transaction(() => {
        this.db
          .update(desires)
          .set({ status: 'open', fulfilledByShader: null, fulfilledAt: null, updatedAt: now })
          .where(and(eq(desires.fulfilledByShader, id), inArray(desires.status, ['fulfilled', 'in_progress'])))
          .run();
        this.db.update(desires).set({ fulfilledByShader: null }).where(eq(desires.fulfilledByShader, id)).run();
        this.db.delete(shaders).where(eq(shaders.id, id)).run();
        deleteVector(this.deps.database.sqlite, 'vec_shader_style', id);
      })();
    } catch (err) {
      if (/FOREIGN KEY/i.test((err as Error).message)) throw conflict(`Shader ${id} is still referenced (source unlocks or licences) and cannot be deleted`);
      throw err;
    }
    this.deps.bus.publish({ type: 'domain', topic: 'shader.deleted', id, data: { id } });
  }

  /** A copy you own, linked to its parent (lineage); the parent's fork counts as engagement. */
  fork(id: string, title?: string, actor: Actor = ownerActor(this.deps)): Shader {
    const parent = this.row(id);
    if (parent.accessTier !== 'open' && parent.authorId !== actor.userId) {
      throw new AppError(403, 'forbidden', `"${parent.title}" is ${parent.accessTier}: its source cannot be forked`);
    }
    const shader = this.create(
      {
        title: title ?? `${parent.title} (fork)`.slice(0, 120),
        description: parent.description,
        tags: parent.tags ?? [],
        shaderType: parent.shaderType,
        source: sourceOf(parent),
        style: (parent.declaredStyle as DeclaredStyle | null) ?? undefined,
      },
      { actor, forkedFrom: parent.id },
    );
    this.db.insert(engagementEvents).values({ id: randomUUID(), userId: actor.userId, shaderId: parent.id, eventType: 'fork', metadata: { forkId: shader.id } }).run();
    return shader;
  }

  /**
   * Moderation states of an agent's submission: held for the owner's review, or rejected with
   * the reason the agent will read. Both keep it out of the feed.
   */
  setReviewState(id: string, status: 'pending_review' | 'rejected', note: string): Shader {
    this.row(id);
    this.db
      .update(shaders)
      .set({ status, reviewNote: note, updatedAt: Date.now(), ...(status === 'rejected' ? { isPublic: false } : {}) })
      .where(eq(shaders.id, id))
      .run();
    const shader = this.get(id);
    this.deps.bus.publish({ type: 'domain', topic: 'shader.updated', id, data: shader });
    return shader;
  }

  /**
   * Publishing needs a good latest render: a compile error answers 422 with the diagnostics,
   * another render failure 422 with its reason, a render still running 409.
   */
  publish(id: string, actor: Actor = ownerActor(this.deps)): Shader {
    const row = this.row(id);
    this.assertCanEdit(row, actor);
    if (row.renderStatus === 'failed') {
      const diagnostics = ((row.renderDiagnostics as unknown[] | null) ?? []).filter((d) => (d as { severity?: string }).severity === 'error');
      throw diagnostics.length
        ? compileFailed(`"${row.title}" does not compile, so it cannot be published: ${row.renderError ?? 'see diagnostics'}`, diagnostics)
        : new AppError(422, 'render_failed', `"${row.title}" cannot be published: its render failed (${row.renderError ?? 'unknown reason'})`);
    }
    if (row.renderStatus !== 'ready') {
      throw conflict(`"${row.title}" is still rendering (${row.renderStatus}); publish it once the render is ready`);
    }
    const now = Date.now();
    this.db
      .update(shaders)
      .set({ status: 'published', isPublic: true, publishedAt: row.publishedAt ?? now, reviewNote: null, updatedAt: now })
      .where(eq(shaders.id, id))
      .run();
    this.votes.recompute(id);
    const shader = this.get(id);
    this.deps.bus.publish({ type: 'domain', topic: 'shader.updated', id, data: shader });
    return shader;
  }

  /** Re-renders the saved source, e.g. to make an MP4 preview. */
  rerender(id: string, preview: 'webm' | 'mp4', actor: Actor = ownerActor(this.deps)) {
    const row = this.row(id);
    this.assertCanEdit(row, actor);
    const { job, error } = this.renders.queue(id, sourceOf(row), { preview, keepStatus: row.renderStatus === 'ready' });
    if (!job) throw new AppError(503, 'render_unavailable', error ?? 'The render could not be queued');
    return job;
  }
}
