import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { IDENTITY_TRANSFORM, type Entity, type Prefab, type PrefabNode, type Transform } from '../../../shared/schemas/world.js';
import { type CreatePrefabBody } from '../../../shared/schemas/world-api.js';
import { worldPrefabs } from '../db/world-schema.js';
import { badRequest, notFound } from '../errors.js';
import type { WorldDeps } from './deps.js';
import type { EntityService } from './entity-service.js';
import { toPrefab } from './rows.js';
import { composeTransforms } from './transforms.js';

/**
 * Prefabs: a selection of entities with their children saved as nodes (parent links by local
 * key, roots relative to the selection's first root), and spawned back as new entities with the
 * same hierarchy. Children keep transforms relative to their parent, as entities do.
 */
export class PrefabService {
  constructor(
    private readonly deps: WorldDeps,
    private readonly entities: EntityService,
  ) {}

  private get db() {
    return this.deps.database.db;
  }

  list(): Prefab[] {
    return this.db.select().from(worldPrefabs).orderBy(desc(worldPrefabs.updatedAt)).all().map(toPrefab);
  }

  get(id: string): Prefab {
    const r = this.db.select().from(worldPrefabs).where(eq(worldPrefabs.id, id)).get();
    if (!r) throw notFound(`Prefab ${id}`);
    return toPrefab(r);
  }

  create(body: z.infer<typeof CreatePrefabBody>): Prefab {
    const all = this.entities.list(body.worldId);
    const byId = new Map(all.map((e) => [e.id, e]));
    const missing = body.entityIds.filter((id) => !byId.has(id));
    if (missing.length) throw badRequest(`Not entities of world ${body.worldId}: ${missing.join(', ')}`);
    // The selection plus every descendant, parents before children.
    const picked = new Set(body.entityIds);
    for (let grew = true; grew; ) {
      grew = false;
      for (const e of all) if (e.parentId && picked.has(e.parentId) && !picked.has(e.id)) picked.add(e.id), (grew = true);
    }
    const ordered: Entity[] = [];
    const visit = (e: Entity) => {
      if (ordered.includes(e)) return;
      if (e.parentId && picked.has(e.parentId)) visit(byId.get(e.parentId)!);
      ordered.push(e);
    };
    for (const id of picked) visit(byId.get(id)!);
    const roots = ordered.filter((e) => !e.parentId || !picked.has(e.parentId));
    const origin = roots[0]!.transform;
    const nodes: PrefabNode[] = ordered.map((e) => {
      const isRoot = !e.parentId || !picked.has(e.parentId);
      return {
        key: e.id,
        parentKey: isRoot ? null : e.parentId,
        assetId: e.assetId,
        name: e.name,
        // Roots are stored relative to the first root's position (not its rotation), so the prefab spawns upright where asked.
        transform: isRoot ? { ...e.transform, position: [0, 1, 2].map((i) => e.transform.position[i]! - origin.position[i]!) as Transform['position'] } : e.transform,
        physics: e.physics,
        render: e.render,
        behaviour: e.behaviour,
        placeholder: e.placeholder,
      };
    });
    const id = randomUUID();
    this.db.insert(worldPrefabs).values({ id, name: body.name, tags: body.tags, nodes }).run();
    this.deps.bus.publish({ type: 'domain', topic: 'world.prefab.changed', id, data: null });
    return this.get(id);
  }

  delete(id: string): { ok: true } {
    this.get(id);
    this.db.delete(worldPrefabs).where(eq(worldPrefabs.id, id)).run();
    this.deps.bus.publish({ type: 'domain', topic: 'world.prefab.changed', id, data: null });
    return { ok: true };
  }

  /** Spawns the prefab's nodes as new entities (one budget check for all of them). */
  instantiate(id: string, worldId: string, at: Transform = IDENTITY_TRANSFORM): Entity[] {
    const p = this.get(id);
    this.entities.assertBudget(worldId, p.nodes.length);
    const ids = new Map(p.nodes.map((n) => [n.key, randomUUID()]));
    return this.entities.create(
      worldId,
      p.nodes.map((n) => ({
        id: ids.get(n.key),
        name: n.name,
        assetId: n.assetId,
        status: n.assetId ? ('ready' as const) : ('draft' as const),
        transform: n.parentKey ? n.transform : composeTransforms(at, n.transform),
        physics: n.physics,
        render: n.render,
        behaviour: n.behaviour,
        placeholder: n.placeholder,
        parentId: n.parentKey ? (ids.get(n.parentKey) ?? null) : null,
        prefabId: p.id,
      })),
      { checkBudget: false },
    );
  }
}


