import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateShotBody, Deleted, ProjectBoard, UpdateShotBody } from '../../../shared/schemas/shots.js';
import { shots } from '../db/schema.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { readBoard, sceneWarnings } from './board.js';
import { API_BASE, type ShotsDeps } from './deps.js';
import { checkReorder, insertAt } from './ordering.js';
import type { ProjectService } from './project-service.js';
import { toShot, type ShotRow, type ShotsReader } from './rows.js';

export interface NewShot {
  description: string;
  duration: number | null;
  shotType: string | null;
  camera: string | null;
  characters: string[];
  source: ShotRow['source'];
  order?: number;
}

/** Checks a user-edited Veo payload; the Veo 3.1 request schema plugs in here (shared/shots/veo-*). */
export type PayloadCheck = (payload: Record<string, unknown>) => { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

/** Shots of a scene: ordered, edited, moved between scenes, soft-deleted. */
export class ShotService {
  constructor(
    private readonly deps: ShotsDeps,
    private readonly reader: ShotsReader,
    private readonly projects: ProjectService,
    private readonly checkPayload: PayloadCheck,
  ) {}

  private get db() {
    return this.deps.database.db;
  }

  /** The shot with the continuity warnings of its scene. */
  get(id: string) {
    const { shot, scene } = this.reader.shot(id);
    return { shot: toShot(shot, scene.projectId, this.reader.veo([shot.id])), warnings: sceneWarnings(this.reader, scene.projectId, scene.id) };
  }

  create(sceneId: string, body: z.infer<typeof CreateShotBody>) {
    const [id] = this.createMany(sceneId, [{ ...body, source: 'manual' }]);
    return this.get(id!);
  }

  createMany(sceneId: string, list: readonly NewShot[]): string[] {
    const scene = this.reader.scene(sceneId);
    const ids: string[] = [];
    this.deps.database.sqlite.transaction(() => {
      const order = this.reader.liveShots([sceneId]).map((s) => s.id);
      for (const s of list) {
        const id = randomUUID();
        order.splice(insertAt(order.length, s.order), 0, id);
        this.db
          .insert(shots)
          .values({ id, sceneId, description: s.description, duration: s.duration, shotType: s.shotType, camera: s.camera, characters: s.characters, source: s.source, sequenceNumber: order.length })
          .run();
        ids.push(id);
      }
      this.renumber(order);
    })();
    this.projects.touch(scene.projectId);
    return ids;
  }

  update(id: string, body: z.infer<typeof UpdateShotBody>) {
    const { shot, scene } = this.reader.shot(id);
    const { veoPayload, sceneId, ...fields } = body;
    const set: Partial<typeof shots.$inferInsert> = { ...fields, updatedAt: Date.now() };
    if (veoPayload !== undefined) {
      let value: Record<string, unknown> | null = null;
      if (veoPayload !== null) {
        const checked = this.checkPayload(veoPayload);
        if (!checked.ok) throw new AppError(422, 'invalid_veo_payload', `The Veo payload is not a valid Veo 3.1 request: ${checked.problem}`);
        value = checked.value;
      }
      Object.assign(set, { veoJsonPayload: value, payloadSource: value ? 'edited' : null, status: value ? 'ready' : 'draft', lastError: null });
    }
    this.deps.database.sqlite.transaction(() => {
      if (sceneId && sceneId !== shot.sceneId) {
        const target = this.reader.scene(sceneId);
        if (target.projectId !== scene.projectId) throw badRequest('A shot can only move to a scene of its own project');
        set.sceneId = sceneId;
        set.sequenceNumber = this.reader.liveShots([sceneId]).length;
      }
      this.db.update(shots).set(set).where(eq(shots.id, id)).run();
      if (set.sceneId) this.renumber(this.reader.liveShots([shot.sceneId]).map((s) => s.id));
    })();
    this.projects.touch(scene.projectId);
    return this.get(id);
  }

  delete(id: string): Deleted {
    const { scene } = this.reader.shot(id);
    this.db.update(shots).set({ deletedAt: Date.now() }).where(eq(shots.id, id)).run();
    this.renumber(this.reader.liveShots([scene.id]).map((s) => s.id));
    this.projects.touch(scene.projectId);
    return { ok: true, id, restorePath: `${API_BASE}/shots/${id}/restore`, clearedSlots: 0 };
  }

  restore(id: string) {
    const row = this.db.select().from(shots).where(and(eq(shots.id, id), isNotNull(shots.deletedAt))).get();
    if (!row) throw notFound(`Deleted shot ${id}`);
    const scene = this.reader.scene(row.sceneId);
    const order = this.reader.liveShots([scene.id]).map((s) => s.id);
    order.splice(insertAt(order.length, row.sequenceNumber), 0, id);
    // Slots may point at ingredients deleted since; those come back empty.
    const live = new Set(this.reader.liveIngredients(scene.projectId).map((i) => i.id));
    const slots = (row.assignedIngredients ?? []).map((s) => (s && live.has(s) ? s : null));
    this.db.update(shots).set({ deletedAt: null, assignedIngredients: [slots[0] ?? null, slots[1] ?? null, slots[2] ?? null], updatedAt: Date.now() }).where(eq(shots.id, id)).run();
    this.renumber(order);
    this.projects.touch(scene.projectId);
    return this.get(id);
  }

  reorder(sceneId: string, ids: readonly string[]): ProjectBoard {
    const scene = this.reader.scene(sceneId);
    checkReorder(this.reader.liveShots([sceneId]).map((s) => s.id), ids, 'shot');
    this.renumber(ids);
    this.projects.touch(scene.projectId);
    return readBoard(this.reader, scene.projectId);
  }

  /** Job hooks: payload generation state (status, payload, context, error). */
  setPayloadState(id: string, set: Partial<Pick<ShotRow, 'status' | 'veoJsonPayload' | 'payloadSource' | 'llmContextCache' | 'lastError' | 'payloadJobId'>>): void {
    const { scene } = this.reader.shot(id);
    this.db.update(shots).set({ ...set, updatedAt: Date.now() }).where(eq(shots.id, id)).run();
    this.projects.touch(scene.projectId);
  }

  private renumber(ids: readonly string[]): void {
    this.deps.database.sqlite.transaction(() => {
      ids.forEach((id, i) => this.db.update(shots).set({ sequenceNumber: i }).where(eq(shots.id, id)).run());
    })();
  }
}
