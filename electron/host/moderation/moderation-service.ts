import { asc, eq, inArray } from 'drizzle-orm';
import type { QueueItem } from '../../../shared/schemas/moderation.js';
import type { ApiKeyRow } from '../api-keys/api-key-service.js';
import { apiKeys, shaders } from '../db/schema.js';
import { conflict } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { shaderServices } from '../shaders/services.js';

type Deps = Pick<CoreContext, 'database' | 'apiKeys' | 'bus' | 'jobs' | 'media' | 'logger' | 'ownerUserId'>;

/**
 * The review queue for probation keys (seed §4c): approve publishes the shader and counts
 * toward the key's promotion (10 approved at > 60% → trusted); reject keeps the shader out of
 * the feed with the reason, which the agent sees on the shader.
 */
export class ModerationService {
  constructor(private readonly deps: Deps) {}

  private get db() {
    return this.deps.database.db;
  }

  private item(row: typeof shaders.$inferSelect, keys: Map<string, ApiKeyRow>): QueueItem {
    const key = row.submittedByApiKey ? keys.get(row.submittedByApiKey) : undefined;
    const [shader] = shaderServices(this.deps).reader.summaries([row]);
    return {
      shader: shader!,
      apiKey: key ? { id: key.id, prefix: key.keyPrefix, name: key.name, trustTier: key.trustTier, submissionsApproved: key.submissionsApproved, submissionsRejected: key.submissionsRejected } : null,
      reviewNote: row.reviewNote,
    };
  }

  private keysFor(rows: (typeof shaders.$inferSelect)[]): Map<string, ApiKeyRow> {
    const ids = [...new Set(rows.map((r) => r.submittedByApiKey).filter((x): x is string => !!x))];
    return new Map(ids.length ? this.db.select().from(apiKeys).where(inArray(apiKeys.id, ids)).all().map((k) => [k.id, k]) : []);
  }

  list(): QueueItem[] {
    const rows = this.db.select().from(shaders).where(eq(shaders.status, 'pending_review')).orderBy(asc(shaders.createdAt)).all();
    const keys = this.keysFor(rows);
    return rows.map((r) => this.item(r, keys));
  }

  private pending(id: string) {
    const row = shaderServices(this.deps).shaders.row(id);
    if (row.status !== 'pending_review') throw conflict(`"${row.title}" is ${row.status}, not waiting for review`);
    return row;
  }

  approve(id: string): { item: QueueItem; promoted: boolean } {
    const row = this.pending(id);
    const before = row.submittedByApiKey ? this.deps.apiKeys.get(row.submittedByApiKey) : undefined;
    shaderServices(this.deps).shaders.publish(id, { userId: this.deps.ownerUserId, isAdmin: true });
    const after = row.submittedByApiKey ? this.deps.apiKeys.recordReview(row.submittedByApiKey, true) : undefined;
    const promoted = before?.trustTier === 'probation' && after?.trustTier === 'trusted';
    if (promoted) this.deps.logger.info(`API key ${after!.keyPrefix}… promoted to trusted after ${after!.submissionsApproved} approvals`);
    return { item: this.reload(id), promoted };
  }

  reject(id: string, reason: string): { item: QueueItem; promoted: boolean } {
    const row = this.pending(id);
    shaderServices(this.deps).shaders.setReviewState(id, 'rejected', reason);
    if (row.submittedByApiKey) this.deps.apiKeys.recordReview(row.submittedByApiKey, false);
    return { item: this.reload(id), promoted: false };
  }

  private reload(id: string): QueueItem {
    const row = shaderServices(this.deps).shaders.row(id);
    return this.item(row, this.keysFor([row]));
  }
}
