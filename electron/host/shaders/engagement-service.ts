import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DwellBody, EngagementResult } from '../../../shared/schemas/shaders.js';
import { engagementEvents } from '../db/schema.js';
import { notFound } from '../errors.js';
import { ownerActor, type Actor, type ShaderDeps } from './deps.js';
import { classifyDwell, SIGNAL_WEIGHTS } from './ranking.js';
import type { TasteService } from './taste.js';
import { prepared } from '../db/prepared.js';

/**
 * Engagement signals (seed §8): dwell reports and replays become engagement_events rows (which
 * also mark a shader as seen for the feed) and move the taste vector by their weight.
 */
export class EngagementService {

  constructor(
    private readonly deps: ShaderDeps,
    private readonly taste: TasteService,
  ) {}

  private get db() {
    return this.deps.database.db;
  }

  /** Prepared once: a dwell report comes with every card watched, and drizzle prepares per call. */
  private prep(sql: string): Database.Statement {
    return prepared(this.deps.database.sqlite, sql);
  }

  private exists(shaderId: string): void {
    if (!this.prep('SELECT 1 FROM shaders WHERE id = ?').get(shaderId)) throw notFound(`Shader ${shaderId}`);
  }

  private upvoted(userId: string, shaderId: string): boolean {
    return (this.prep('SELECT value FROM votes WHERE user_id = ? AND shader_id = ?').get(userId, shaderId) as { value: number } | undefined)?.value === 1;
  }

  /** < 1 s: ignored flick; < 2 s: skip (−0.4); > 10 s: +0.3; > 30 s: +0.6 (none if already upvoted). */
  dwell(body: DwellBody, actor: Actor = ownerActor(this.deps)): EngagementResult {
    this.exists(body.shaderId);
    const { signal, weight } = classifyDwell(body.seconds, this.upvoted(actor.userId, body.shaderId));
    if (signal === 'ignored') return { recorded: false, signal, weight: null, tasteUpdated: false };
    this.deps.database.sqlite.transaction(() => {
      this.prep('INSERT INTO engagement_events (id, user_id, session_id, shader_id, event_type, dwell_secs) VALUES (?, ?, ?, ?, ?, ?)').run(
        randomUUID(),
        actor.userId,
        body.sessionId ?? null,
        body.shaderId,
        signal === 'skip' ? 'skip' : 'dwell',
        body.seconds,
      );
      this.prep('UPDATE shaders SET view_count = view_count + 1 WHERE id = ?').run(body.shaderId);
    })();
    const tasteSignal = signal === 'skip' ? 'skip' : signal === 'dwell_30s' ? 'dwell30' : signal === 'dwell_10s' ? 'dwell10' : null;
    const tasteUpdated = weight !== null && tasteSignal !== null && this.taste.applyShaderSignal(actor.userId, body.shaderId, tasteSignal);
    return { recorded: true, signal, weight, tasteUpdated };
  }

  /** A replay (+0.5). */
  replay(shaderId: string, actor: Actor = ownerActor(this.deps), sessionId: string | null = null): EngagementResult {
    this.exists(shaderId);
    this.db.insert(engagementEvents).values({ id: randomUUID(), userId: actor.userId, sessionId, shaderId, eventType: 'replay' }).run();
    const tasteUpdated = this.taste.applyShaderSignal(actor.userId, shaderId, 'replay');
    return { recorded: true, signal: 'replay', weight: SIGNAL_WEIGHTS.replay, tasteUpdated };
  }
}
