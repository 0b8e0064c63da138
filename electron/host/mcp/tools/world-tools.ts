import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Entity } from '../../../../shared/schemas/world.js';
import { waitForJob } from '../../jobs/wait-for-job.js';
import { worldServices } from '../../world/services.js';
import { queueWorldSnapshot } from '../../world/snapshot.js';
import { errorResult, jsonResult, registerTool } from '../tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

const SPAWN_WAIT_MS = 180_000;
const SNAPSHOT_WAIT_MS = 120_000;

/** What an agent needs of an entity, flat (jsonResult turns the keys to snake_case). */
function entityBrief(e: Entity): Record<string, unknown> {
  return {
    entityId: e.id,
    name: e.name,
    status: e.status,
    assetId: e.assetId,
    jobId: e.jobId,
    position: e.transform.position,
    rotation: e.transform.rotation,
    scale: e.transform.scale,
    physics: e.physics,
    render: { tint: e.render.tint, castShadow: e.render.castShadow, receiveShadow: e.render.receiveShadow },
    behaviour: e.behaviour,
    parentId: e.parentId,
    placeholderSize: e.placeholder?.scaleMeters ?? null,
    lastError: e.lastError,
  };
}

/** World studio tools: spawn from a prompt, read and edit entities, and look at the world as an image. */
export function registerWorldTools(d: ToolDeps): void {
  const svc = () => worldServices(d.core);

  registerTool(
    d.server,
    'world_spawn',
    {
      title: 'Spawn into a world',
      description:
        'Prompt → entity: a placeholder of the right size and colour is placed at once (from the offline recipe composer) and a world.generate job builds the real asset (procedural geometry, LODs, collider, mass), which replaces it. The same prompt again reuses the stored asset. Refused when the world is at its spawn budget.',
    },
    d,
    async (args, env) => {
      const s = svc();
      const worldId = args.world_id ?? s.worlds.list()[0]?.id ?? s.worlds.create({ name: 'Agent world' }).id;
      const transform = args.position || args.rotation || args.scale ? { position: args.position ?? [0, 0, 0], rotation: args.rotation ?? [0, 0, 0, 1], scale: args.scale ?? [1, 1, 1] } : undefined;
      const { answer } = s.generation.create(
        { worldId, prompt: args.prompt, negativePrompt: '', draft: true, ...(transform ? { transform } : {}), ...(args.seed !== undefined ? { seed: args.seed } : {}) },
        args.idempotency_key ?? `mcp-${randomUUID()}`,
      );
      const base = {
        worldId,
        jobId: answer.jobId,
        reused: answer.reused,
        placeholder: { sizeMeters: answer.placeholder.scaleMeters, color: answer.placeholder.color, note: answer.placeholder.note },
        recipe: { kind: answer.placeholder.recipe.kind, shape: answer.placeholder.recipe.shape, name: answer.placeholder.recipe.name, materials: answer.placeholder.recipe.materials.map((m) => m.type) },
      };
      if (!args.wait || !answer.jobId || answer.reused) {
        return jsonResult({ ...base, entity: entityBrief(answer.entity), next: answer.reused ? 'The asset was already in the library: the entity is ready' : 'Follow the job with get_job, or call world_list_entities; world_snapshot shows the world as an image' });
      }
      const done = await waitForJob(env.core, answer.jobId, { timeoutMs: SPAWN_WAIT_MS, signal: env.signal, onProgress: (j) => void env.progress(j.progress, j.progressMessage ?? undefined) });
      const entity = s.entities.get(answer.entity.id);
      if (done.status !== 'succeeded' && done.status !== 'completed_with_problems' && entity.status !== 'ready') {
        return errorResult(`Generation ${done.status}: ${done.error ?? 'unknown error'}; the placeholder stays (${entity.lastError ?? 'no fallback queued'})`, { ...base, entity: entityBrief(entity) });
      }
      return jsonResult({ ...base, entity: entityBrief(entity) });
    },
  );

  registerTool(
    d.server,
    'world_list_entities',
    { title: 'List worlds or the entities of one', description: 'Without world_id: the worlds (name, entity count, budget). With it: every entity with its transform, physics, behaviour, status (draft placeholder, ready, failed) and asset.' },
    d,
    async (args) => {
      const s = svc();
      if (!args.world_id) return jsonResult({ worlds: s.worlds.list().map((w) => ({ worldId: w.id, name: w.name, entityCount: w.entityCount, maxEntities: w.settings.budget.maxEntities, style: w.settings.style, updatedAt: w.updatedAt })) });
      const { world, entities } = s.worlds.load(args.world_id);
      return jsonResult({ world: { worldId: world.id, name: world.name, entityCount: world.entityCount, maxEntities: world.settings.budget.maxEntities }, entities: entities.map(entityBrief) });
    },
  );

  registerTool(
    d.server,
    'world_update_entity',
    { title: 'Edit an entity', description: 'Move, rotate, scale, rename an entity or change its physics (body_type, mass_kg, gravity_scale, friction, restitution), rendering (tint, shadows) or behaviour (pickupable, throwable, breakable). Only the fields you send change.' },
    d,
    async (args) => {
      const s = svc();
      const cur = s.entities.get(args.entity_id);
      const transform = args.position || args.rotation || args.scale ? { position: args.position ?? cur.transform.position, rotation: args.rotation ?? cur.transform.rotation, scale: args.scale ?? cur.transform.scale } : undefined;
      const p = args.physics;
      const r = args.render;
      const e = s.entities.update(args.entity_id, {
        ...(args.name ? { name: args.name } : {}),
        ...(transform ? { transform } : {}),
        ...(p ? { physics: { bodyType: p.body_type, massKg: p.mass_kg, gravityScale: p.gravity_scale, friction: p.friction, restitution: p.restitution } } : {}),
        ...(r ? { render: { tint: r.tint, castShadow: r.cast_shadow, receiveShadow: r.receive_shadow } } : {}),
        ...(args.behaviour ? { behaviour: args.behaviour } : {}),
      });
      return jsonResult({ entity: entityBrief(e) });
    },
  );

  registerTool(
    d.server,
    'world_snapshot',
    { title: 'Look at a world', description: 'Renders the world (every asset, placeholders as boxes, on a grid ground) headless to a PNG and returns it as an image, so you can see what you built. Camera framed automatically unless you give camera_position and camera_target.' },
    d,
    async (args, env) => {
      if (!args.camera_position !== !args.camera_target) return errorResult('Send camera_position and camera_target together (or neither, to frame every entity)');
      const camera = args.camera_position && args.camera_target ? { position: args.camera_position, target: args.camera_target } : undefined;
      const job = queueWorldSnapshot(env.core, args.world_id, { width: args.width, height: args.height, ...(camera ? { camera } : {}) });
      const done = await waitForJob(env.core, job.id, { timeoutMs: SNAPSHOT_WAIT_MS, signal: env.signal, onProgress: (j) => void env.progress(j.progress, j.progressMessage ?? undefined) });
      if (done.status !== 'succeeded' && done.status !== 'completed_with_problems') return errorResult(`The snapshot ${done.status}: ${done.error ?? 'unknown error'} (job ${done.id})`);
      const out = done.result as { image?: { mediaId?: string | null }; drawn?: unknown; warnings?: string[]; camera?: unknown };
      const media = out.image?.mediaId ? env.core.media.get(out.image.mediaId) : undefined;
      if (!media) return errorResult(`The snapshot finished but its image was not stored (job ${done.id})`);
      return {
        content: [
          { type: 'image', data: readFileSync(env.core.media.absolutePath(media)).toString('base64'), mimeType: 'image/png' },
          { type: 'text', text: JSON.stringify({ job_id: done.id, media_id: media.id, drawn: out.drawn ?? null, camera: out.camera ?? null, warnings: out.warnings ?? [] }, null, 2) },
        ],
      };
    },
  );
}
