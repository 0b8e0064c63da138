import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateSceneBody, Deleted, ProjectBoard, Scene, UpdateSceneBody } from '../../../shared/schemas/shots.js';
import { shotScenes } from '../db/schema.js';
import { notFound } from '../errors.js';
import { readBoard } from './board.js';
import { API_BASE, type ShotsDeps } from './deps.js';
import { checkReorder, insertAt } from './ordering.js';
import type { ProjectService } from './project-service.js';
import { toScene, type SceneRow, type ShotsReader } from './rows.js';

export interface NewScene {
  slugline: string;
  rawContent: string | null;
  characters?: string[];
  order?: number;
}

/** Scenes of a project: ordered by sequence_number, soft-deleted with their shots. */
export class SceneService {
  constructor(
    private readonly deps: ShotsDeps,
    private readonly reader: ShotsReader,
    private readonly projects: ProjectService,
  ) {}

  private get db() {
    return this.deps.database.db;
  }

  get(id: string): Scene {
    const row = this.reader.scene(id);
    return toScene(row, this.reader.liveShots([id]).length);
  }

  create(projectId: string, body: z.infer<typeof CreateSceneBody>): Scene {
    const [id] = this.createMany(projectId, [body]);
    return this.get(id!);
  }

  /** Inserts scenes in one transaction (script import adds a whole screenplay at once). */
  createMany(projectId: string, scenes: readonly NewScene[]): string[] {
    this.reader.project(projectId);
    const ids: string[] = [];
    this.deps.database.sqlite.transaction(() => {
      const list = this.reader.liveScenes(projectId).map((s) => s.id);
      for (const sc of scenes) {
        const id = randomUUID();
        list.splice(insertAt(list.length, sc.order), 0, id);
        this.db.insert(shotScenes).values({ id, projectId, slugline: sc.slugline, rawContent: sc.rawContent, characters: sc.characters ?? [], sequenceNumber: list.length }).run();
        ids.push(id);
      }
      this.renumber(list);
    })();
    this.projects.touch(projectId);
    return ids;
  }

  update(id: string, body: z.infer<typeof UpdateSceneBody>): Scene {
    const row = this.reader.scene(id);
    this.db.update(shotScenes).set({ ...body, updatedAt: Date.now() }).where(eq(shotScenes.id, id)).run();
    this.projects.touch(row.projectId);
    return this.get(id);
  }

  setBreakdownJob(id: string, jobId: string): void {
    this.db.update(shotScenes).set({ breakdownJobId: jobId, updatedAt: Date.now() }).where(eq(shotScenes.id, id)).run();
  }

  delete(id: string): Deleted {
    const row = this.reader.scene(id);
    this.db.update(shotScenes).set({ deletedAt: Date.now() }).where(eq(shotScenes.id, id)).run();
    this.renumber(this.reader.liveScenes(row.projectId).map((s) => s.id));
    this.projects.touch(row.projectId);
    return { ok: true, id, restorePath: `${API_BASE}/shots/scenes/${id}/restore`, clearedSlots: 0 };
  }

  /** Back where it was (its old position), its shots with it. */
  restore(id: string): Scene {
    const row: SceneRow | undefined = this.db.select().from(shotScenes).where(and(eq(shotScenes.id, id), isNotNull(shotScenes.deletedAt))).get();
    if (!row) throw notFound(`Deleted scene ${id}`);
    this.reader.project(row.projectId);
    const list = this.reader.liveScenes(row.projectId).map((s) => s.id);
    list.splice(insertAt(list.length, row.sequenceNumber), 0, id);
    this.db.update(shotScenes).set({ deletedAt: null, updatedAt: Date.now() }).where(eq(shotScenes.id, id)).run();
    this.renumber(list);
    this.projects.touch(row.projectId);
    return this.get(id);
  }

  reorder(projectId: string, ids: readonly string[]): ProjectBoard {
    this.reader.project(projectId);
    checkReorder(this.reader.liveScenes(projectId).map((s) => s.id), ids, 'scene');
    this.renumber(ids);
    this.projects.touch(projectId);
    return readBoard(this.reader, projectId);
  }

  private renumber(ids: readonly string[]): void {
    this.deps.database.sqlite.transaction(() => {
      ids.forEach((id, i) => this.db.update(shotScenes).set({ sequenceNumber: i }).where(eq(shotScenes.id, id)).run());
    })();
  }
}
