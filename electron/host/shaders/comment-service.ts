import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Comment } from '../../../shared/schemas/shaders.js';
import { comments, shaders, users } from '../db/schema.js';
import { badRequest, notFound } from '../errors.js';
import { ownerActor, type Actor, type ShaderDeps } from './deps.js';

/** Comments on a shader, oldest first; a reply names a comment on the same shader. */
export class CommentService {
  constructor(private readonly deps: ShaderDeps) {}

  private get db() {
    return this.deps.database.db;
  }

  private exists(shaderId: string): void {
    if (!this.db.select({ id: shaders.id }).from(shaders).where(eq(shaders.id, shaderId)).get()) throw notFound(`Shader ${shaderId}`);
  }

  list(shaderId: string): Comment[] {
    this.exists(shaderId);
    const rows = this.db.select().from(comments).where(eq(comments.shaderId, shaderId)).orderBy(asc(comments.createdAt), asc(comments.id)).all();
    const authorIds = [...new Set(rows.map((r) => r.authorId).filter((x): x is string => !!x))];
    const authors = new Map(authorIds.length ? this.db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, authorIds)).all().map((u) => [u.id, u]) : []);
    return rows.map((r) => ({
      id: r.id,
      shaderId: r.shaderId,
      author: r.authorId ? (authors.get(r.authorId) ?? null) : null,
      body: r.body,
      parentId: r.parentId,
      createdAt: new Date(r.createdAt).toISOString(),
    }));
  }

  create(shaderId: string, body: { body: string; parentId?: string | undefined }, actor: Actor = ownerActor(this.deps)): Comment {
    this.exists(shaderId);
    if (body.parentId && !this.db.select({ id: comments.id }).from(comments).where(and(eq(comments.id, body.parentId), eq(comments.shaderId, shaderId))).get()) {
      throw badRequest(`parentId ${body.parentId} is not a comment on shader ${shaderId}`);
    }
    const id = randomUUID();
    this.db.insert(comments).values({ id, shaderId, authorId: actor.userId, body: body.body, parentId: body.parentId ?? null }).run();
    const created = this.list(shaderId).find((c) => c.id === id)!;
    this.deps.bus.publish({ type: 'domain', topic: 'shader.commented', id: shaderId, data: created });
    return created;
  }
}
