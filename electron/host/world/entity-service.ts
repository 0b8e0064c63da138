import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { EntityBehaviour, EntityPhysics, EntityRender, IDENTITY_TRANSFORM, type Entity, type EntityStatus, type PlaceholderLook, type Transform } from '../../../shared/schemas/world.js';
import { type EntityPatch, type EntityUpsert } from '../../../shared/schemas/world-api.js';
import { worldAssets, worldEntities } from '../db/world-schema.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import { DEFAULT_BEHAVIOUR, DEFAULT_PHYSICS, DEFAULT_RENDER } from './defaults.js';
import type { WorldDeps } from './deps.js';
import { toEntity, type EntityRow } from './rows.js';
import type { WorldService } from './world-service.js';

/** A new entity as the services make it (spawn, prefab, generation placeholder). */
export interface NewEntity {
  id?: string;
  assetId?: string | null;
  name: string;
  transform?: Transform;
  physics?: Partial<EntityPhysics>;
  render?: Partial<EntityRender>;
  behaviour?: Partial<EntityBehaviour>;
  status?: EntityStatus;
  jobId?: string | null;
  parentId?: string | null;
  prefabId?: string | null;
  placeholder?: PlaceholderLook | null;
  lastError?: string | null;
}

/** Merged sub-objects are parsed again: a patch can never store an invalid whole. */
function merged<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, field: string, base: T, patch: object | undefined): T {
  // An absent field (undefined) keeps its value; only sent ones change.
  const sent = Object.fromEntries(Object.entries(patch ?? {}).filter(([, v]) => v !== undefined));
  const r = schema.safeParse({ ...base, ...sent });
  if (!r.success) throw badRequest(`Invalid ${r.error.issues.map((i) => `${[field, ...i.path.map(String)].join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/**
 * Entities of a world: batch upsert (the autosave), patch, delete with prefab children, and the
 * spawn budget. Numbers are finite by schema; the budget (settings.budget.maxEntities) is checked
 * before anything is written, so a refused batch leaves the world as it was.
 */
export class EntityService {
  constructor(
    private readonly deps: WorldDeps,
    private readonly worlds: WorldService,
  ) {}

  private get db() {
    return this.deps.database.db;
  }

  row(id: string): EntityRow {
    const r = this.db.select().from(worldEntities).where(eq(worldEntities.id, id)).get();
    if (!r) throw notFound(`Entity ${id}`);
    return r;
  }

  get(id: string): Entity {
    return toEntity(this.row(id));
  }

  list(worldId: string): Entity[] {
    this.worlds.row(worldId);
    return this.db.select().from(worldEntities).where(eq(worldEntities.worldId, worldId)).orderBy(worldEntities.createdAt, sql`rowid`).all().map(toEntity);
  }

  byJob(jobId: string): Entity[] {
    return this.db.select().from(worldEntities).where(eq(worldEntities.jobId, jobId)).all().map(toEntity);
  }

  /** Refuses adding `adding` entities past the world's spawn budget, saying how to get room. */
  assertBudget(worldId: string, adding: number): void {
    if (adding <= 0) return;
    const world = this.worlds.get(worldId);
    const max = world.settings.budget.maxEntities;
    if (world.entityCount + adding > max) {
      throw new AppError(
        409,
        'budget_exceeded',
        `Spawn budget reached: world "${world.name}" has ${world.entityCount} of ${max} entities and ${adding} more would pass it. ` +
          `Delete entities or raise settings.budget.maxEntities (at most 5000).`,
        { entityCount: world.entityCount, maxEntities: max, adding },
      );
    }
  }

  /** Entities show library assets only: an unknown assetId is refused, naming it. */
  private assertAssets(ids: (string | null | undefined)[]): void {
    const want = [...new Set(ids.filter((id): id is string => !!id))];
    if (!want.length) return;
    const have = new Set(this.db.select({ id: worldAssets.id }).from(worldAssets).where(inArray(worldAssets.id, want)).all().map((r) => r.id));
    const missing = want.filter((id) => !have.has(id));
    if (missing.length) throw badRequest(`assetId ${missing.join(', ')} is not in the asset library`);
  }

  /** Inserts entities (budget already checked by the caller for the batch, or here for one). */
  create(worldId: string, items: NewEntity[], opts: { checkBudget?: boolean } = {}): Entity[] {
    if (opts.checkBudget !== false) this.assertBudget(worldId, items.length);
    this.assertAssets(items.map((n) => n.assetId));
    let ids: string[] = [];
    this.deps.database.sqlite.transaction(() => {
      ids = this.insertRows(worldId, items);
      this.worlds.touch(worldId);
    })();
    this.changed(worldId, ids);
    return this.getMany(ids);
  }

  private insertRows(worldId: string, items: NewEntity[]): string[] {
    const now = Date.now();
    return items.map((n) => {
      const id = n.id ?? randomUUID();
      this.db
        .insert(worldEntities)
        .values({
          id,
          worldId,
          assetId: n.assetId ?? null,
          name: n.name,
          transform: n.transform ?? IDENTITY_TRANSFORM,
          physics: merged(EntityPhysics, 'physics', DEFAULT_PHYSICS, n.physics),
          render: merged(EntityRender, 'render', DEFAULT_RENDER, n.render),
          behaviour: merged(EntityBehaviour, 'behaviour', DEFAULT_BEHAVIOUR, n.behaviour),
          placeholder: n.placeholder ?? null,
          status: n.status ?? (n.assetId ? 'ready' : 'draft'),
          jobId: n.jobId ?? null,
          parentId: n.parentId ?? null,
          prefabId: n.prefabId ?? null,
          lastError: n.lastError ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .run();
      return id;
    });
  }

  /** Entities by id in the given order (one query per 500). */
  private getMany(ids: string[]): Entity[] {
    const byId = new Map<string, Entity>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const r of this.db.select().from(worldEntities).where(inArray(worldEntities.id, ids.slice(i, i + 500))).all()) byId.set(r.id, toEntity(r));
    }
    return ids.map((id) => {
      const e = byId.get(id);
      if (!e) throw notFound(`Entity ${id}`);
      return e;
    });
  }

  /** The autosave: one transaction; entries with a known id are patched, the rest created. */
  upsert(worldId: string, entries: EntityUpsert[]): Entity[] {
    this.worlds.row(worldId);
    const ids = entries.map((e) => e.id).filter((id): id is string => !!id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) throw badRequest(`The batch names entity ${twice} twice`);
    const existing = new Map(ids.length ? this.db.select().from(worldEntities).where(inArray(worldEntities.id, ids)).all().map((r) => [r.id, r]) : []);
    for (const r of existing.values()) if (r.worldId !== worldId) throw conflict(`Entity ${r.id} belongs to another world (${r.worldId})`);
    const creates = entries.filter((e) => !e.id || !existing.has(e.id));
    this.assertBudget(worldId, creates.length);
    this.assertAssets(entries.map((e) => e.assetId));
    const batchIds = new Set([...existing.keys(), ...creates.map((e) => e.id).filter(Boolean)]);
    for (const e of entries) if (e.parentId) this.checkParent(worldId, e.id ?? null, e.parentId, batchIds);
    const out: string[] = [];
    this.deps.database.sqlite.transaction(() => {
      const made = this.insertRows(
        worldId,
        creates.map(({ id, ...rest }) => ({ ...rest, id: id ?? randomUUID(), name: rest.name ?? 'Entity', assetId: rest.assetId ?? null, placeholder: rest.placeholder ?? null })),
      );
      let c = 0;
      for (const e of entries) out.push(e.id && existing.has(e.id) ? this.patchRow(existing.get(e.id)!, e).id : made[c++]!);
      this.worlds.touch(worldId);
    })();
    this.changed(worldId, out);
    return this.getMany(out);
  }

  update(id: string, patch: EntityPatch): Entity {
    const row = this.row(id);
    if (patch.parentId) this.checkParent(row.worldId, id, patch.parentId, new Set());
    this.assertAssets([patch.assetId]);
    this.patchRow(row, patch);
    this.worlds.touch(row.worldId);
    this.changed(row.worldId, [id]);
    return this.get(id);
  }

  /** Status, asset and job fields the generation pipeline writes. */
  setGeneration(id: string, fields: { status?: EntityStatus; assetId?: string | null; jobId?: string | null; lastError?: string | null; physics?: Partial<EntityPhysics> }): void {
    const row = this.row(id);
    const { physics, ...rest } = fields;
    this.db
      .update(worldEntities)
      .set({ ...rest, ...(physics ? { physics: merged(EntityPhysics, 'physics', toEntity(row).physics, physics) } : {}), updatedAt: Date.now() })
      .where(eq(worldEntities.id, id))
      .run();
    this.changed(row.worldId, [id]);
  }

  private patchRow(row: EntityRow, patch: EntityPatch): EntityRow {
    const cur = toEntity(row);
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.assetId !== undefined ? { assetId: patch.assetId, ...(patch.assetId ? { status: 'ready' as const } : {}) } : {}),
      ...(patch.transform ? { transform: patch.transform } : {}),
      ...(patch.physics ? { physics: merged(EntityPhysics, 'physics', cur.physics, patch.physics) } : {}),
      ...(patch.render ? { render: merged(EntityRender, 'render', cur.render, patch.render) } : {}),
      ...(patch.behaviour ? { behaviour: merged(EntityBehaviour, 'behaviour', cur.behaviour, patch.behaviour) } : {}),
      ...(patch.parentId !== undefined ? { parentId: patch.parentId } : {}),
      ...(patch.placeholder !== undefined ? { placeholder: patch.placeholder } : {}),
      updatedAt: Date.now(),
    };
    return this.db.update(worldEntities).set(set).where(eq(worldEntities.id, row.id)).returning().get()!;
  }

  private checkParent(worldId: string, id: string | null, parentId: string, batch: Set<string | undefined>): void {
    if (parentId === id) throw badRequest(`Entity ${id} cannot be its own parent`);
    if (batch.has(parentId)) return;
    const p = this.db.select({ worldId: worldEntities.worldId, parentId: worldEntities.parentId }).from(worldEntities).where(eq(worldEntities.id, parentId)).get();
    if (!p || p.worldId !== worldId) throw badRequest(`parentId ${parentId} is not an entity of this world`);
    // Walk up: making an entity the child of its own descendant would be a cycle.
    let up = p.parentId;
    for (let i = 0; up && i < 1000; i++) {
      if (up === id) throw badRequest(`parentId ${parentId} is a descendant of ${id}: that would make a cycle`);
      up = this.db.select({ parentId: worldEntities.parentId }).from(worldEntities).where(eq(worldEntities.id, up)).get()?.parentId ?? null;
    }
  }

  /** Deletes entities with their descendants (prefab children); returns every deleted id. */
  delete(worldId: string, ids: string[]): string[] {
    const all = this.db.select({ id: worldEntities.id, parentId: worldEntities.parentId }).from(worldEntities).where(eq(worldEntities.worldId, worldId)).all();
    const known = new Set(all.map((r) => r.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length) throw notFound(`Entities ${missing.join(', ')} in world ${worldId}`);
    const gone = new Set(ids);
    for (let grew = true; grew; ) {
      grew = false;
      for (const r of all) if (r.parentId && gone.has(r.parentId) && !gone.has(r.id)) gone.add(r.id), (grew = true);
    }
    const list = [...gone];
    this.deps.database.sqlite.transaction(() => {
      for (let i = 0; i < list.length; i += 500) this.db.delete(worldEntities).where(and(eq(worldEntities.worldId, worldId), inArray(worldEntities.id, list.slice(i, i + 500)))).run();
      this.worlds.touch(worldId);
    })();
    this.changed(worldId, list);
    return list;
  }

  private changed(worldId: string, ids: string[]): void {
    this.deps.bus.publish({ type: 'domain', topic: 'world.entities.changed', id: worldId, data: { ids: ids.length > 200 ? null : ids } });
  }
}
