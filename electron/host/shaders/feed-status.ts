import type { FeedStatus } from '../../../shared/schemas/feed-status.js';
import type { ShaderDeps } from './deps.js';
import { SEEN_WINDOW_MS } from './feed-candidates.js';

/** The counts behind the feed, in one pass over shaders plus the user's recent engagement. */
export function feedStatus(deps: ShaderDeps, userId: string, now = Date.now()): FeedStatus {
  const sqlite = deps.database.sqlite;
  const c = sqlite
    .prepare(
      `SELECT
         coalesce(sum(status = 'published' AND is_public = 1 AND render_status = 'ready'), 0) AS eligible,
         coalesce(sum(status = 'published'), 0) AS published,
         coalesce(sum((status = 'published' AND is_public = 0) OR status IN ('pending_review', 'rejected')), 0) AS hidden,
         coalesce(sum(status = 'draft'), 0) AS drafts,
         coalesce(sum(render_status = 'pending'), 0) AS pending,
         coalesce(sum(render_status = 'rendering'), 0) AS rendering,
         coalesce(sum(render_status = 'failed'), 0) AS failed
       FROM shaders`,
    )
    .get() as Record<'eligible' | 'published' | 'hidden' | 'drafts' | 'pending' | 'rendering' | 'failed', number>;
  const since = now - SEEN_WINDOW_MS;
  const seen = sqlite
    .prepare(
      `SELECT count(*) AS n FROM shaders s
       WHERE s.status = 'published' AND s.is_public = 1 AND s.render_status = 'ready'
         AND (EXISTS (SELECT 1 FROM engagement_events e WHERE e.shader_id = s.id AND e.user_id = ? AND e.created_at > ?)
           OR EXISTS (SELECT 1 FROM votes v WHERE v.shader_id = s.id AND v.user_id = ? AND v.created_at > ?))`,
    )
    .get(userId, since, userId, since) as { n: number };
  const last = sqlite
    .prepare(`SELECT id, title, render_error AS error FROM shaders WHERE render_status = 'failed' ORDER BY coalesce(rendered_at, updated_at) DESC LIMIT 1`)
    .get() as { id: string; title: string; error: string | null } | undefined;
  return {
    eligible: c.eligible,
    seenRecently: seen.n,
    published: c.published,
    hidden: c.hidden,
    drafts: c.drafts,
    renders: { pending: c.pending, rendering: c.rendering, failed: c.failed },
    lastFailure: last ? { shaderId: last.id, title: last.title, error: last.error } : null,
  };
}
