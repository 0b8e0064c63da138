import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Deleted, Project, ProjectBoard } from '../../../shared/schemas/shots.js';
import type { z } from 'zod';
import type { CreateProjectBody, UpdateProjectBody } from '../../../shared/schemas/shots.js';
import { shotProjects } from '../db/schema.js';
import { notFound } from '../errors.js';
import { readBoard } from './board.js';
import type { ShotsDeps } from './deps.js';
import { API_BASE } from './deps.js';
import { toProject, type ShotsReader } from './rows.js';

/** Shots projects: create, rename, settings, soft delete and restore. */
export class ProjectService {
  constructor(
    private readonly deps: ShotsDeps,
    private readonly reader: ShotsReader,
  ) {}

  private get db() {
    return this.deps.database.db;
  }

  list(): Project[] {
    const rows = this.db.select().from(shotProjects).where(isNull(shotProjects.deletedAt)).orderBy(desc(shotProjects.updatedAt)).all();
    return rows.map((r) => this.get(r.id));
  }

  get(id: string): Project {
    return readBoard(this.reader, id).project;
  }

  board(id: string): ProjectBoard {
    return readBoard(this.reader, id);
  }

  create(body: z.infer<typeof CreateProjectBody>): Project {
    const id = randomUUID();
    this.db.insert(shotProjects).values({ id, name: body.name, resolution: body.resolution, aspectRatio: body.aspectRatio, veoVersion: body.veoVersion }).run();
    this.changed(id);
    return this.get(id);
  }

  update(id: string, body: z.infer<typeof UpdateProjectBody>): Project {
    this.reader.project(id);
    this.db.update(shotProjects).set({ ...body, updatedAt: Date.now() }).where(eq(shotProjects.id, id)).run();
    this.changed(id);
    return this.get(id);
  }

  delete(id: string): Deleted {
    this.reader.project(id);
    this.db.update(shotProjects).set({ deletedAt: Date.now() }).where(eq(shotProjects.id, id)).run();
    this.changed(id);
    return { ok: true, id, restorePath: `${API_BASE}/shots/projects/${id}/restore`, clearedSlots: 0 };
  }

  restore(id: string): Project {
    const r = this.db.select().from(shotProjects).where(and(eq(shotProjects.id, id), isNotNull(shotProjects.deletedAt))).get();
    if (!r) throw notFound(`Deleted shots project ${id}`);
    this.db.update(shotProjects).set({ deletedAt: null, updatedAt: Date.now() }).where(eq(shotProjects.id, id)).run();
    this.changed(id);
    return this.get(id);
  }

  /** Bumps updated_at and tells open boards to refetch. */
  touch(id: string): void {
    this.db.update(shotProjects).set({ updatedAt: Date.now() }).where(eq(shotProjects.id, id)).run();
    this.changed(id);
  }

  private changed(id: string): void {
    this.deps.bus.publish({ type: 'domain', topic: 'shots.project.changed', id, data: null });
  }
}
