import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Ingredient, IngredientMetadata, Project, Scene, Shot, ShotVeo, SlotIds } from '../../../shared/schemas/shots.js';
import type { Db } from '../db/connection.js';
import { shotIngredients, shotProjects, shotScenes, shots } from '../db/schema.js';
import { notFound } from '../errors.js';
import { latestVeoJobs } from './veo-submit.js';

export type ProjectRow = typeof shotProjects.$inferSelect;
export type SceneRow = typeof shotScenes.$inferSelect;
export type ShotRow = typeof shots.$inferSelect;
export type IngredientRow = typeof shotIngredients.$inferSelect;

const iso = (ms: number) => new Date(ms).toISOString();

/** Always three entries, whatever an older or hand-edited row holds. */
export function slotsOf(row: Pick<ShotRow, 'assignedIngredients'>): SlotIds {
  const a = Array.isArray(row.assignedIngredients) ? row.assignedIngredients : [];
  return [a[0] ?? null, a[1] ?? null, a[2] ?? null];
}

export function toProject(r: ProjectRow, counts: { scenes: number; shots: number; ingredients: number }): Project {
  return {
    id: r.id,
    name: r.name,
    resolution: r.resolution,
    aspectRatio: r.aspectRatio,
    veoVersion: '3.1',
    sceneCount: counts.scenes,
    shotCount: counts.shots,
    ingredientCount: counts.ingredients,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function toScene(r: SceneRow, shotCount: number): Scene {
  return {
    id: r.id,
    projectId: r.projectId,
    slugline: r.slugline,
    rawContent: r.rawContent,
    order: r.sequenceNumber,
    shotCount,
    breakdownJobId: r.breakdownJobId,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function toShot(r: ShotRow, projectId: string, veo?: Map<string, ShotVeo>): Shot {
  return {
    id: r.id,
    sceneId: r.sceneId,
    projectId,
    description: r.description,
    duration: r.duration,
    order: r.sequenceNumber,
    slots: slotsOf(r),
    llmContextCache: r.llmContextCache,
    veoPayload: r.veoJsonPayload ?? null,
    payloadSource: r.payloadSource,
    status: r.status,
    lastError: r.lastError,
    shotType: r.shotType,
    camera: r.camera,
    characters: r.characters ?? [],
    source: r.source,
    payloadJobId: r.payloadJobId,
    veo: veo?.get(r.id) ?? null,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function toIngredient(r: IngredientRow, usedBy: Ingredient['usedBy']): Ingredient {
  return {
    id: r.id,
    projectId: r.projectId,
    type: r.type,
    name: r.name,
    kind: r.kind,
    mediaId: r.mediaId,
    thumbnailMediaId: r.thumbnailMediaId,
    posterMediaId: r.posterMediaId,
    metadata: r.metadata as IngredientMetadata,
    provenance: r.provenance as Ingredient['provenance'],
    usedBy,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** Live (not soft-deleted) rows by id, or 404. */
export class ShotsReader {
  constructor(private readonly db: Db) {}

  project(id: string): ProjectRow {
    const r = this.db.select().from(shotProjects).where(and(eq(shotProjects.id, id), isNull(shotProjects.deletedAt))).get();
    if (!r) throw notFound(`Shots project ${id}`);
    return r;
  }

  scene(id: string): SceneRow {
    const r = this.db.select().from(shotScenes).where(and(eq(shotScenes.id, id), isNull(shotScenes.deletedAt))).get();
    if (!r) throw notFound(`Scene ${id}`);
    this.project(r.projectId);
    return r;
  }

  shot(id: string): { shot: ShotRow; scene: SceneRow } {
    const r = this.db.select().from(shots).where(and(eq(shots.id, id), isNull(shots.deletedAt))).get();
    if (!r) throw notFound(`Shot ${id}`);
    return { shot: r, scene: this.scene(r.sceneId) };
  }

  ingredient(id: string): IngredientRow {
    const r = this.db.select().from(shotIngredients).where(and(eq(shotIngredients.id, id), isNull(shotIngredients.deletedAt))).get();
    if (!r) throw notFound(`Ingredient ${id}`);
    this.project(r.projectId);
    return r;
  }

  liveScenes(projectId: string): SceneRow[] {
    return this.db
      .select()
      .from(shotScenes)
      .where(and(eq(shotScenes.projectId, projectId), isNull(shotScenes.deletedAt)))
      .orderBy(shotScenes.sequenceNumber)
      .all();
  }

  /** The latest Veo submission of each shot (veo-submit.ts). */
  veo(shotIds: string[]): Map<string, ShotVeo> {
    return latestVeoJobs(this.db, shotIds);
  }

  liveShots(sceneIds: string[]): ShotRow[] {
    if (sceneIds.length === 0) return [];
    return this.db
      .select()
      .from(shots)
      .where(and(inArray(shots.sceneId, sceneIds), isNull(shots.deletedAt)))
      .orderBy(shots.sequenceNumber)
      .all();
  }

  liveIngredients(projectId: string): IngredientRow[] {
    return this.db
      .select()
      .from(shotIngredients)
      .where(and(eq(shotIngredients.projectId, projectId), isNull(shotIngredients.deletedAt)))
      .orderBy(shotIngredients.createdAt)
      .all();
  }

  /** Shots of the project whose slots hold the ingredient. */
  usage(projectId: string, ingredientId: string): Ingredient['usedBy'] {
    const sceneIds = this.liveScenes(projectId).map((s) => s.id);
    const out: Ingredient['usedBy'] = [];
    for (const s of this.liveShots(sceneIds)) {
      slotsOf(s).forEach((id, i) => {
        if (id === ingredientId) out.push({ shotId: s.id, sceneId: s.sceneId, slot: i + 1, description: s.description });
      });
    }
    return out;
  }
}
