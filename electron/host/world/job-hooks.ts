import { WorldGenerateOutput, worldGenerate, type WorldGenerateInput } from '../../../shared/jobs/world-generate.js';
import type { MediaFileRef } from '../../../shared/schemas/media-file.js';
import type { AssetDefinition, ColliderShape } from '../../../shared/schemas/world.js';
import { composeRecipe } from '../../../shared/world/compose-recipe.js';
import { normalizeRecipe, type Recipe } from '../../../shared/world/recipe.js';
import type { CoreContext } from '../host-context.js';
import type { JobRow } from '../jobs/job-row.js';
import { toJob } from '../jobs/job-row.js';
import { ingestRef } from '../media/media-hooks.js';
import { jobKindSpec } from '../../../shared/jobs/registry.js';
import { WORLD_KINDS } from './deps.js';
import { generationStatus } from './generation-service.js';
import { worldServices } from './services.js';

type Core = Pick<CoreContext, 'hooks' | 'media' | 'dataDir' | 'database' | 'jobs' | 'bus' | 'logger' | 'ownerUserId'>;

const sizeOf = (b: { min: number[]; max: number[] }) => b.max.map((v, i) => Math.max(0.01, v - b.min[i]!)) as [number, number, number];

/**
 * world.generate results into the library and the world:
 * - success: the GLB, LODs, thumbnail and collider move into the media store; the asset is
 *   registered under its content hash (an existing one is reused, not copied); every entity that
 *   waited on the job takes the asset (ready), and asset_ready goes out per entity.
 * - failure for good (after maxAttempts): the recipe's fallbackPolicy applies once —
 *   downgrade: an LLM / mesh-provider path is retried as the procedural path; procedural_only:
 *   the composer's parametric proxy with flat textures; keep_placeholder (or a fallback that
 *   failed too): the entities keep their placeholder, marked failed with the error.
 * job.updated events of the kind also go out as the seed's job_progress.
 */
export function registerWorldJobHooks(core: Core): void {
  const svc = () => worldServices(core);

  core.hooks.register(worldGenerate.kind, {
    async onSucceeded(job, result) {
      const out = WorldGenerateOutput.parse(result);
      const s = svc();
      const input = job.input as WorldGenerateInput;
      const waiting = s.entities.byJob(job.id);
      let asset = s.assets.find(out.assetId);
      const ingest = async (ref: MediaFileRef | null, role: string) => (ref?.path ? await ingestRef(core, job, ref, { role, assetId: out.assetId }) : ref);
      const glb = (await ingest(out.glb, 'world-asset-glb'))!;
      const lods = (await Promise.all(out.lods.map((l, i) => ingest(l, `world-asset-lod${i + 1}`)))).filter((l): l is MediaFileRef => !!l);
      const thumbnail = await ingest(out.thumbnail, 'world-asset-thumbnail');
      const colliderFile = (await ingest(out.colliderFile, 'world-asset-collider'))!;
      if (!asset) {
        const norm = normalizeRecipe(out.recipe);
        const recipe: Recipe | null = norm.ok ? norm.recipe : null;
        // A regenerated entity's new asset is the next version of the one it showed.
        const parent = waiting.map((e) => (e.assetId ? s.assets.find(e.assetId) : null)).find((a): a is AssetDefinition => !!a) ?? null;
        const procedural = out.providerTrace.some((t) => t.step === 'mesh' && t.provider === 'procedural') || !out.providerTrace.some((t) => t.step === 'mesh');
        asset = s.assets.register({
          id: out.assetId,
          displayName: recipe?.name ?? (input.prompt || 'Generated asset'),
          kind: recipe?.kind ?? input.assetType ?? 'prop',
          source: procedural ? 'procedural' : 'generated',
          prompt: input.prompt ?? '',
          negativePrompt: input.negativePrompt ?? '',
          generationRecipe: recipe,
          seed: recipe?.seed ?? null,
          providerTrace: out.providerTrace,
          files: { glbMediaId: glb.mediaId, lodMediaIds: lods.flatMap((l) => (l.mediaId ? [l.mediaId] : [])), thumbnailMediaId: thumbnail?.mediaId ?? null, colliderMediaId: colliderFile.mediaId },
          defaultParams: {
            physics: {
              bodyType: recipe?.physics.body ?? 'dynamic',
              massKg: out.massKg,
              gravityScale: 1,
              friction: recipe?.physics.friction ?? 0.6,
              restitution: recipe?.physics.restitution ?? 0.1,
              collider: out.collider.type as ColliderShape,
            },
            behaviour: { pickupable: recipe?.interaction.pickup ?? false, throwable: recipe?.interaction.throwable ?? false, breakable: recipe?.interaction.breakable ?? false },
            scaleMeters: sizeOf(out.boundsMeters),
          },
          tags: [...new Set<string>([recipe?.kind ?? 'prop', ...(recipe ? [recipe.shape, ...recipe.materials.map((m) => m.type)] : [])])],
          license: { name: procedural ? 'generated (procedural, embedded)' : 'generated', terms: procedural ? null : 'See the provider trace for the model and its terms' },
          version: parent ? parent.version + 1 : 1,
          parentAssetId: parent?.id ?? null,
          triangles: out.triangles[0] ?? null,
          bounds: out.boundsMeters,
          draft: out.fallbackUsed,
          warnings: [...out.warnings, ...(out.fallbackReason ? [out.fallbackReason] : []), ...(norm.ok ? norm.warnings : [norm.error])],
        }).asset;
      }
      s.generation.recordAsset(job.id, asset.id);
      for (const e of waiting) {
        s.entities.setGeneration(e.id, { assetId: asset.id, status: 'ready', lastError: null, physics: { massKg: asset.defaultParams.physics.massKg, collider: asset.defaultParams.physics.collider } });
        core.bus.publish({ type: 'asset_ready', jobId: job.id, worldId: e.worldId, assetId: asset.id, entityId: e.id, version: asset.version });
      }
      if (!waiting.length) core.bus.publish({ type: 'asset_ready', jobId: job.id, worldId: null, assetId: asset.id, entityId: null, version: asset.version });
      return { ...out, glb, lods, thumbnail, colliderFile } satisfies WorldGenerateOutput;
    },

    onFailed(job, error) {
      try {
        applyFallback(core, job, error);
      } catch (err) {
        core.logger.warn(`world.generate ${job.id}: could not apply its fallback: ${(err as Error).message}`);
      }
    },
  });

  // world.snapshot (the headless world renderer): its PNG into the media store; a whole-world render becomes the world's thumbnail.
  core.hooks.register(WORLD_KINDS.snapshot, {
    async onSucceeded(job, result) {
      const spec = jobKindSpec(WORLD_KINDS.snapshot);
      const out = (spec ? spec.output.parse(result) : result) as { image: MediaFileRef };
      const worldId = (job.input as { worldId?: unknown } | null)?.worldId;
      const image = await ingestRef(core, job, out.image, { role: 'world-snapshot', worldId: typeof worldId === 'string' ? worldId : null });
      if (typeof worldId === 'string' && image.mediaId) {
        try {
          svc().worlds.setThumbnail(worldId, image.mediaId);
        } catch {
          // The world was deleted while it rendered: the image stays in the media store only.
        }
      }
      return { ...(out as Record<string, unknown>), image };
    },
  });

  core.bus.subscribe((ev) => {
    if (ev.type !== 'job.updated' || ev.job.kind !== worldGenerate.kind || ev.job.status !== 'running') return;
    const first = worldServices(core).entities.byJob(ev.job.id)[0];
    core.bus.publish({ type: 'job_progress', jobId: ev.job.id, worldId: first?.worldId ?? null, status: generationStatus(ev.job), progress: ev.job.progress, detail: ev.job.progressMessage });
  });
}

function applyFallback(core: Core, row: JobRow, error: string): void {
  const s = worldServices(core);
  const job = toJob(row);
  const waiting = s.entities.byJob(job.id);
  const { fallbackPolicy, isFallback } = s.generation.policyOf(job.id);
  const input = job.input as WorldGenerateInput;
  const cancelled = row.cancelRequested;
  let action: 'downgrade' | 'procedural_only' | 'keep_placeholder' = 'keep_placeholder';
  let next: { recipe: Recipe; provider: WorldGenerateInput['provider'] } | null = null;
  if (!cancelled && !isFallback && fallbackPolicy !== 'keep_placeholder') {
    const given = input.recipe ? normalizeRecipe(input.recipe) : null;
    const base = given?.ok ? given.recipe : composeRecipe(input.prompt ?? '', { style: input.world?.style, allowedKinds: input.world?.allowedKinds }).recipe;
    if (fallbackPolicy === 'downgrade' && (input.provider !== 'procedural' || base.generationPlan.meshStrategy !== 'procedural')) {
      // Downgrade: the cheaper path — the composer's recipe on procedural geometry, no LLM or mesh provider.
      action = 'downgrade';
      next = { recipe: { ...base, generationPlan: { ...base.generationPlan, meshStrategy: 'procedural' } }, provider: 'procedural' };
    } else if (fallbackPolicy === 'procedural_only' || fallbackPolicy === 'downgrade') {
      // A parametric proxy with flat textures and no LODs: the simplest thing that always builds.
      action = fallbackPolicy;
      next = { recipe: { ...base, generationPlan: { ...base.generationPlan, meshStrategy: 'procedural', textureStrategy: 'flat', lods: false } }, provider: 'procedural' };
    }
  }
  const newJob = next ? s.generation.queueFallback(job, next.recipe, next.provider) : null;
  for (const e of waiting) {
    if (newJob) s.entities.setGeneration(e.id, { jobId: newJob.id, status: 'draft', lastError: `generation failed (${error}); ${action}: job ${newJob.id} builds a procedural stand-in` });
    else s.entities.setGeneration(e.id, { status: 'failed', lastError: cancelled ? 'generation cancelled; the placeholder stays' : error });
  }
  core.bus.publish({
    type: 'job_failed',
    jobId: job.id,
    worldId: waiting[0]?.worldId ?? null,
    entityId: waiting[0]?.id ?? null,
    error: cancelled ? 'cancelled' : error,
    fallbackPolicy,
    action: newJob ? action : 'keep_placeholder',
  });
}
