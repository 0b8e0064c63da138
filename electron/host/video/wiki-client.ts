import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { WikiSummary } from '../../../shared/schemas/video.js';
import { videoWikiCache } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { VideoDeps } from './deps.js';

/** Where summaries come from; WIKIPEDIA_BASE_URL points tests (and mirrors) elsewhere. */
export const DEFAULT_WIKIPEDIA_URL = 'https://en.wikipedia.org';
const TIMEOUT_MS = 8000;
/** A found page is kept a week, a missing one a day (it may be written meanwhile). */
const TTL_OK_MS = 7 * 24 * 3600_000;
const TTL_MISSING_MS = 24 * 3600_000;
const USER_AGENT = 'AuteurStudio/1.0 (local-first generative studio; wiki chips)';

/** The fields of the REST page summary (/api/rest_v1/page/summary/{title}) the chips show. */
const RestSummary = z.object({
  type: z.string().optional(),
  title: z.string(),
  description: z.string().optional(),
  extract: z.string(),
  thumbnail: z.object({ source: z.string() }).optional(),
  content_urls: z.object({ desktop: z.object({ page: z.string() }) }).optional(),
});

type Ok = Extract<WikiSummary, { status: 'ok' }>;
type Missing = Extract<WikiSummary, { status: 'not_found' }>;

/** Wikipedia titles: first letter upper case, spaces as underscores. */
export function wikiKey(title: string): string {
  const t = title.trim().replace(/\s+/g, '_');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/**
 * A real client for the Wikipedia REST API's page summary, cached in SQLite. Offline (DNS,
 * refused, timeout) it answers status "offline" saying summaries need the network; nothing
 * is invented and offline answers are not cached.
 */
export class WikiClient {
  constructor(
    private readonly deps: Pick<VideoDeps, 'database' | 'logger'>,
    private readonly baseUrl: string = process.env.WIKIPEDIA_BASE_URL || DEFAULT_WIKIPEDIA_URL,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async summary(entity: string): Promise<WikiSummary> {
    const key = wikiKey(entity);
    const cached = this.deps.database.db.select().from(videoWikiCache).where(eq(videoWikiCache.key, key)).get();
    if (cached && Date.now() - cached.fetchedAt < (cached.status === 'ok' ? TTL_OK_MS : TTL_MISSING_MS)) {
      return { ...(cached.payload as Ok | Missing), cached: true };
    }
    const url = `${this.baseUrl.replace(/\/+$/, '')}/api/rest_v1/page/summary/${encodeURIComponent(key)}?redirect=true`;
    let res: Response;
    try {
      res = await this.fetchImpl(url, { headers: { accept: 'application/json', 'user-agent': USER_AGENT }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (err as Error).message;
      // A stale cached page beats nothing when the network is gone.
      if (cached) return { ...(cached.payload as Ok | Missing), cached: true };
      return { status: 'offline', title: entity, message: `Wikipedia summaries need the network; ${new URL(this.baseUrl).host} could not be reached (${why})` };
    }
    if (res.status === 404) {
      const missing: Missing = { status: 'not_found', title: entity, message: `Wikipedia has no article titled "${key.replace(/_/g, ' ')}"`, cached: false };
      this.store(key, 'not_found', missing);
      return missing;
    }
    if (!res.ok) throw new AppError(502, 'upstream_failed', `Wikipedia answered HTTP ${res.status} for "${entity}"; try again later`);
    const parsed = RestSummary.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new AppError(502, 'upstream_failed', `Wikipedia's summary of "${entity}" was not in the documented shape`);
    const p = parsed.data;
    const ok: Ok = {
      status: 'ok',
      title: p.title,
      description: p.description ?? null,
      extract: p.extract,
      url: p.content_urls?.desktop.page ?? `${this.baseUrl.replace(/\/+$/, '')}/wiki/${encodeURIComponent(key)}`,
      thumbnailUrl: p.thumbnail?.source ?? null,
      cached: false,
      fetchedAt: new Date().toISOString(),
    };
    this.store(key, 'ok', ok);
    return ok;
  }

  private store(key: string, status: 'ok' | 'not_found', payload: Ok | Missing): void {
    const row = { key, status, payload, fetchedAt: Date.now() };
    this.deps.database.db.insert(videoWikiCache).values(row).onConflictDoUpdate({ target: videoWikiCache.key, set: row }).run();
  }
}
