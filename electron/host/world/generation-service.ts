import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { jobKindSpec } from '../../../shared/jobs/registry.js';
import type { WorldGenerateInput } from '../../../shared/jobs/world-generate.js';
import { PRIORITY_INTERACTIVE, type Job } from '../../../shared/schemas/jobs.js';
import type { CreateWorldJobBody, Entity, GenerationStatus, WorldJobCreated, WorldJobStatus } from '../../../shared/schemas/world.js';
import { WORLD_GENERATOR_VERSION } from '../../../shared/world/asset-id.js';
import { composeRecipe } from '../../../shared/world/compose-recipe.js';
import { placeholderFields } from '../../../shared/world/placeholder-entity.js';
import { canonicalJson } from '../../../shared/canonical-json.js';
import { normalizeRecipe, type FallbackPolicy, type Recipe } from '../../../shared/world/recipe.js';
import { worldGenerations, worldJobRequests } from '../db/world-schema.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import type { AssetStore } from './asset-store.js';
import { WORLD_KINDS, type WorldDeps } from './deps.js';
import type { EntityService } from './entity-service.js';
import { freeTransform } from './placement.js';
import type { TerrainService } from './terrain-service.js';
import type { WorldService } from './world-service.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** What the composer (or a given recipe) says the placeholder looks like. */
interface Placeholder {
  recipe: Recipe;
  scaleMeters: [number, number, number];
  color: string;
  roughness: number;
  massKg: number;
  note: string | null;
  warnings: string[];
}

/** Stored creation answer of a job (world_job_requests.response); fallback jobs also note what they replace. */
type StoredAnswer = WorldJobCreated & { fallbackOf?: string };

export function generationStatus(job: Job): GenerationStatus {
  switch (job.status) {
    case 'queued':
      return 'queued';
    case 'running':
      // The worker reports post-processing (LODs, collider, validation) past the geometry.
      return job.progress >= 0.6 ? 'postprocess' : 'generating';
    case 'succeeded':
    case 'completed_with_problems':
      return 'ready';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'failed';
  }
}

/**
 * POST /world/jobs and its lifecycle (seed §16). The answer comes at once: the pure composer
 * (shared/world/compose-recipe.ts) sizes and colours a placeholder entity, and a world.generate
 * job is queued for the real asset. The same Idempotency-Key gets the first answer again; the
 * same request under a new key (prompt or recipe + seed + plan + world style + generator
 * version) reuses the stored asset, or joins the job still making it.
 */
export class GenerationService {
  constructor(
    private readonly deps: WorldDeps,
    private readonly worlds: WorldService,
    private readonly entities: EntityService,
    private readonly assets: AssetStore,
    private readonly terrain: TerrainService,
  ) {}

  private get db() {
    return this.deps.database.db;
  }

  create(body: CreateWorldJobBody, idempotencyKey: string | undefined): { answer: WorldJobCreated; replayed: boolean } {
    const key = idempotencyKey?.trim();
    if (!key) throw new AppError(400, 'idempotency_key_required', 'POST /world/jobs needs an Idempotency-Key header (1–200 characters, e.g. a UUID per spawn): a retried request with the same key gets the same answer instead of a second job');
    if (key.length > 200) throw badRequest('Idempotency-Key must be at most 200 characters');
    const bodyHash = sha(canonicalJson(body));
    const prior = this.db.select().from(worldJobRequests).where(eq(worldJobRequests.idempotencyKey, key)).get();
    if (prior) {
      if (prior.bodyHash !== bodyHash) throw conflict(`Idempotency-Key "${key}" was already used for a different request; use a new key for a new spawn`);
      return { answer: prior.response as WorldJobCreated, replayed: true };
    }
    if (!jobKindSpec(WORLD_KINDS.generate)) throw new AppError(503, 'not_available', 'The world.generate job is not available in this build, so nothing was spawned');

    const world = this.worlds.get(body.worldId);
    const target = body.entityId ? this.entities.get(body.entityId) : null;
    if (target && target.worldId !== world.id) throw badRequest(`Entity ${target.id} is not in world ${world.id}`);
    if (!target) this.entities.assertBudget(world.id, 1);

    const ph = this.placeholder(body, world.settings);
    const plan = ph.recipe.generationPlan;
    const requestKey = sha(
      canonicalJson({
        generator: WORLD_GENERATOR_VERSION,
        prompt: body.recipe ? null : body.prompt.toLowerCase().replace(/\s+/g, ' ').trim(),
        negativePrompt: body.negativePrompt,
        recipe: body.recipe ? ph.recipe : null,
        seed: body.seed ?? null,
        plan,
        assetType: body.assetType ?? null,
        style: world.settings.style,
        allowedKinds: world.settings.allowedKinds,
        maxTriangles: world.settings.budget.maxTriangles,
      }),
    );

    // Reuse: a finished asset for this very request, or the job still making it.
    const gen = this.db.select().from(worldGenerations).where(eq(worldGenerations.requestKey, requestKey)).get();
    const reusedAsset = gen?.assetId && !target ? this.assets.find(gen.assetId) : null;
    let job: Job | null = null;
    if (!reusedAsset && gen) {
      let running: Job | null = null;
      try {
        running = this.deps.jobs.get(gen.jobId);
      } catch {
        // The job row is gone (purged): generate again.
      }
      if (running && (running.status === 'queued' || running.status === 'running')) job = running;
    }
    // One transaction for the job, the entity and the stored answer: one commit instead of four
    // (the answer's latency), and a failure leaves none of them. Everything that can refuse ran above.
    const answer = this.deps.database.sqlite.transaction((): WorldJobCreated => {
      if (!reusedAsset && !job) job = this.queue(body, world.settings, ph.recipe);
      const jobId = reusedAsset ? gen!.jobId : job!.id;
      let entity: Entity;
      if (target) {
        this.entities.setGeneration(target.id, { status: 'draft', jobId, lastError: null });
        entity = this.entities.get(target.id);
      } else {
        const fields = placeholderFields(ph.recipe, ph.massKg);
        entity = this.entities.create(
          world.id,
          [
            {
              ...fields,
              assetId: reusedAsset?.id ?? null,
              status: reusedAsset ? 'ready' : 'draft',
              jobId,
              transform: body.transform ?? freeTransform(this.entities.list(world.id), this.terrain.get(world.id), ph.recipe.scaleMeters),
              physics: reusedAsset?.defaultParams.physics ?? fields.physics,
              behaviour: reusedAsset?.defaultParams.behaviour ?? fields.behaviour,
            },
          ],
          { checkBudget: false },
        )[0]!;
      }
      const out: WorldJobCreated = {
        jobId,
        status: reusedAsset ? 'ready' : generationStatus(job!),
        assetId: reusedAsset?.id ?? null,
        reused: !!reusedAsset,
        placeholder: { entityId: entity.id, scaleMeters: ph.scaleMeters, color: ph.color, collider: 'box', recipe: ph.recipe, note: ph.note },
        entity,
        fallbackPolicy: plan.fallbackPolicy,
        maxAttempts: plan.maxAttempts,
      };
      this.db.insert(worldJobRequests).values({ idempotencyKey: key, bodyHash, response: out }).run();
      if (!gen || (!reusedAsset && gen.jobId !== jobId)) {
        this.db
          .insert(worldGenerations)
          .values({ requestKey, jobId, assetId: null })
          .onConflictDoUpdate({ target: worldGenerations.requestKey, set: { jobId, assetId: null } })
          .run();
      }
      return out;
    })();
    return { answer, replayed: false };
  }

  /** The composer's recipe for the prompt, or the client's recipe normalised (clamped, or refused naming the field). */
  placeholder(body: CreateWorldJobBody, settings: { style: string; allowedKinds: Recipe['kind'][] }): Placeholder {
    let recipe: Recipe;
    let note: string | null = null;
    let warnings: string[] = [];
    let massKg: number;
    if (body.recipe) {
      const r = normalizeRecipe(body.recipe);
      if (!r.ok) throw badRequest(`Invalid ${r.error}`, { field: r.field });
      recipe = r.recipe;
      warnings = r.warnings;
      massKg = recipe.physics.massKg ?? 1;
    } else {
      const c = composeRecipe(body.prompt, { style: settings.style, allowedKinds: settings.allowedKinds });
      recipe = c.recipe;
      note = c.fallback ? (c.reason ?? 'no known object kind: a generic shape stands in') : null;
      massKg = c.placeholder.massKg;
    }
    if (body.seed !== undefined) recipe = { ...recipe, seed: body.seed };
    if (body.generationPlan) recipe = { ...recipe, generationPlan: { ...recipe.generationPlan, ...body.generationPlan } };
    const m = recipe.materials[0]!;
    return { recipe, scaleMeters: [...recipe.scaleMeters], color: m.color ?? '#9a9a9a', roughness: m.roughness, massKg: Math.max(0.01, massKg), note, warnings };
  }

  /** Queues world.generate; a mesh strategy other than procedural asks the LLM-backed recipe path ('auto'). */
  private queue(body: CreateWorldJobBody, settings: { style: string; allowedKinds: Recipe['kind'][]; budget: { maxTriangles: number } }, recipe: Recipe, provider: WorldGenerateInput['provider'] = 'auto'): Job {
    const input: WorldGenerateInput = {
      prompt: body.prompt,
      negativePrompt: body.negativePrompt,
      ...(body.recipe ? { recipe } : {}),
      ...(body.seed !== undefined ? { seed: body.seed } : {}),
      provider,
      world: { style: settings.style, scaleUnit: 'm', allowedKinds: settings.allowedKinds, maxTriangles: settings.budget.maxTriangles },
      ...(body.assetType ? { assetType: body.assetType } : {}),
    };
    return this.deps.jobs.submit({ kind: WORLD_KINDS.generate, input, maxAttempts: recipe.generationPlan.maxAttempts, userId: this.deps.ownerUserId, priority: PRIORITY_INTERACTIVE }).job;
  }

  /**
   * Queues the fallback of a failed job (fallbackPolicy): its entities follow the new job, and
   * the new job's answer is stored so its own failure is known to be a fallback's (no loop).
   */
  queueFallback(failed: Job, recipe: Recipe, provider: WorldGenerateInput['provider']): Job {
    const input = failed.input as WorldGenerateInput;
    const job = this.deps.jobs.submit({
      kind: WORLD_KINDS.generate,
      input: { ...input, recipe, provider },
      maxAttempts: 1,
      userId: this.deps.ownerUserId,
      priority: PRIORITY_INTERACTIVE,
    }).job;
    const prior = this.answerOf(failed.id);
    if (prior) {
      const answer: StoredAnswer = { ...prior, jobId: job.id, status: 'queued', fallbackOf: failed.id };
      this.db.insert(worldJobRequests).values({ idempotencyKey: `fallback:${job.id}`, bodyHash: 'fallback', response: answer }).run();
    }
    this.db.update(worldGenerations).set({ jobId: job.id }).where(eq(worldGenerations.jobId, failed.id)).run();
    return job;
  }

  /** The creation answer of a job (fallback jobs included). */
  answerOf(jobId: string): StoredAnswer | null {
    const row = this.db
      .select({ response: worldJobRequests.response })
      .from(worldJobRequests)
      .where(sql`json_extract(${worldJobRequests.response}, '$.jobId') = ${jobId}`)
      .orderBy(worldJobRequests.createdAt)
      .get();
    return (row?.response as StoredAnswer | undefined) ?? null;
  }

  policyOf(jobId: string): { fallbackPolicy: FallbackPolicy; isFallback: boolean } {
    const a = this.answerOf(jobId);
    return { fallbackPolicy: a?.fallbackPolicy ?? 'procedural_only', isFallback: !!a?.fallbackOf };
  }

  recordAsset(jobId: string, assetId: string): void {
    this.db.update(worldGenerations).set({ assetId }).where(eq(worldGenerations.jobId, jobId)).run();
  }

  private worldJob(id: string): Job {
    const job = this.deps.jobs.get(id);
    if (job.kind !== WORLD_KINDS.generate) throw notFound(`World generation job ${id}`);
    return job;
  }

  status(id: string): WorldJobStatus {
    const job = this.worldJob(id);
    const ents = this.entities.byJob(id);
    const result = job.result as { assetId?: unknown } | null;
    return {
      jobId: job.id,
      status: generationStatus(job),
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      progress: job.progress,
      detail: job.progressMessage,
      resultAssetId: typeof result?.assetId === 'string' && generationStatus(job) === 'ready' ? result.assetId : null,
      lastError: job.error,
      entityId: ents[0]?.id ?? null,
      worldId: ents[0]?.worldId ?? null,
      fallbackPolicy: this.policyOf(id).fallbackPolicy,
    };
  }

  cancel(id: string): WorldJobStatus {
    this.worldJob(id);
    this.deps.jobs.cancel(id);
    return this.status(id);
  }

  /** A failed or cancelled job again; its entities go back to draft. */
  retry(id: string): WorldJobStatus {
    this.worldJob(id);
    this.deps.jobs.retry(id);
    for (const e of this.entities.byJob(id)) this.entities.setGeneration(e.id, { status: 'draft', lastError: null });
    return this.status(id);
  }
}
