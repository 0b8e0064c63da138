import { and, eq, inArray, sql } from 'drizzle-orm';
import { jobKindSpec } from '../../../shared/jobs/registry.js';
import type { GenerateStyle } from '../../../shared/jobs/shader-generate.js';
import { DesireFulfilment, type DesireCandidate, type ReviewCandidateBody } from '../../../shared/schemas/desires.js';
import type { DeclaredStyle } from '../../../shared/schemas/shaders.js';
import { desires, shaders } from '../db/schema.js';
import { AppError, conflict, notFound } from '../errors.js';
import { ownerActor, type Actor, type ShaderDeps } from './deps.js';

export const GENERATE_KIND = 'shader.generate';

/**
 * When process_desire answers a desire itself (seed §9 step 6). A lone wish (no similar open
 * desire of the last 7 days: heat ln 2 ≈ 0.69 when fresh) is generated at once, so its poster
 * is not left waiting; once a second similar desire is open (heat ln 3 ≈ 1.10) it is shared
 * demand and goes to the board, where creators and agents (get_desire_queue min_heat) answer it
 * and one answer serves the whole cluster.
 */
export const AUTO_FULFIL_MAX_HEAT = 1.0;
/**
 * "The queue is backed up": this many interactive GPU-class jobs (priority ≥ 0: editor renders,
 * generations, agent renders; background seed renders are not counted, they yield to these)
 * already queued or running. On a one-slot GPU class that is three renders' wait.
 */
export const AUTO_FULFIL_QUEUE_LIMIT = 3;
/** Below editor renders (10) and agent generations (5), above background seed renders (-10). */
export const AUTO_FULFIL_PRIORITY = 1;

export interface DecisionInput {
  requested: boolean;
  generatorAvailable: boolean;
  heat: number;
  /** Interactive GPU jobs queued or running. */
  queueDepth: number;
  /** Another desire of the same cluster already being generated or waiting for its verdict. */
  clusterBusy: { desireId: string; prompt: string } | null;
}

/** The seed §9 step 6 decision, pure: generate now, or list on the board — and why, in words. */
export function decideFulfilment(i: DecisionInput): { mode: 'auto' | 'board'; reason: string } {
  if (!i.requested) return { mode: 'board', reason: 'Listed on the board: the poster asked not to generate it automatically.' };
  if (!i.generatorAvailable) return { mode: 'board', reason: `Listed on the board: this build has no generator (no "${GENERATE_KIND}" job kind).` };
  if (i.clusterBusy) return { mode: 'board', reason: `Listed on the board: a similar desire ("${i.clusterBusy.prompt.slice(0, 80)}") is already being answered by the generator.` };
  const heat = i.heat.toFixed(2);
  if (i.heat > AUTO_FULFIL_MAX_HEAT) {
    return { mode: 'board', reason: `Listed on the board: heat ${heat} is above ${AUTO_FULFIL_MAX_HEAT.toFixed(2)} (several people want this), so it waits for a creator.` };
  }
  if (i.queueDepth >= AUTO_FULFIL_QUEUE_LIMIT) {
    return { mode: 'board', reason: `Listed on the board: the queue is backed up (${i.queueDepth} interactive GPU jobs waiting or running, limit ${AUTO_FULFIL_QUEUE_LIMIT}).` };
  }
  return { mode: 'auto', reason: `Generating now: heat ${heat} ≤ ${AUTO_FULFIL_MAX_HEAT.toFixed(2)} and the queue is clear (${i.queueDepth} of ${AUTO_FULFIL_QUEUE_LIMIT} interactive GPU jobs).` };
}

/** The desire's style hints as the generator's sliders (defaults where a hint is missing). */
export function generateStyleOf(hints: DeclaredStyle | null): GenerateStyle {
  const temp = hints?.colorTemperature ?? (hints?.temperatureLabel === 'warm' ? 0.6 : hints?.temperatureLabel === 'cool' ? -0.6 : 0);
  return { chaos: hints?.chaos ?? 0.5, colorTemperature: temp, motion: hints?.motion ?? 0.5 };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * process_desire and what follows it: the decision when a desire is posted, the generation job
 * it starts, the draft that becomes the fulfilment candidate, and the poster's accept or reject.
 * The state lives in desires.fulfilment (DesireFulfilment); every change publishes desire.updated.
 */
export class DesireFulfiller {
  constructor(
    private readonly deps: ShaderDeps,
    /** Publishes a draft and marks the desire fulfilled (ShaderService.publish, DesireService.fulfill). */
    private readonly actions: {
      publish(shaderId: string, actor: Actor): unknown;
      fulfill(desireId: string, shaderId: string, actor: Actor): unknown;
    },
  ) {}

  private get db() {
    return this.deps.database.db;
  }

  read(desireId: string): DesireFulfilment | null {
    const raw = this.db.select({ f: desires.fulfilment }).from(desires).where(eq(desires.id, desireId)).get()?.f;
    const parsed = DesireFulfilment.safeParse(raw);
    return parsed.success ? parsed.data : null;
  }

  private write(desireId: string, f: DesireFulfilment, status?: 'open' | 'in_progress'): void {
    const now = Date.now();
    this.db
      .update(desires)
      .set({ fulfilment: f, updatedAt: now, ...(status ? { status } : {}) })
      .where(eq(desires.id, desireId))
      .run();
    this.deps.bus.publish({ type: 'domain', topic: 'desire.updated', id: desireId, data: { id: desireId, fulfilment: f } });
  }

  private queueDepth(): number {
    const row = this.deps.database.sqlite
      .prepare(`SELECT count(*) AS n FROM jobs WHERE status IN ('queued', 'running') AND resource = 'gpu' AND priority >= 0`)
      .get() as { n: number };
    return row.n;
  }

  private clusterBusy(desireId: string, clusterId: string | null): DecisionInput['clusterBusy'] {
    if (!clusterId) return null;
    const members = this.db
      .select({ id: desires.id, prompt: desires.promptText, f: desires.fulfilment })
      .from(desires)
      .where(and(eq(desires.clusterId, clusterId), inArray(desires.status, ['open', 'in_progress']), sql`${desires.id} <> ${desireId}`))
      .all();
    for (const m of members) {
      const f = DesireFulfilment.safeParse(m.f);
      if (f.success && (f.data.state === 'generating' || f.data.state === 'candidate')) return { desireId: m.id, prompt: m.prompt };
    }
    return null;
  }

  /** Seed §9 steps 5–6, right after the desire is stored: generate it now, or list it on the board. */
  process(desireId: string, requested: boolean, userId: string): DesireFulfilment {
    const d = this.db.select().from(desires).where(eq(desires.id, desireId)).get();
    if (!d) throw notFound(`Desire ${desireId}`);
    const decision = decideFulfilment({
      requested,
      generatorAvailable: !!jobKindSpec(GENERATE_KIND),
      heat: d.heatScore,
      queueDepth: this.queueDepth(),
      clusterBusy: this.clusterBusy(desireId, d.clusterId),
    });
    this.deps.logger.info(`process_desire ${desireId}: ${decision.reason}`);
    const base: DesireFulfilment = { ...decision, decidedAt: iso(Date.now()), jobId: null, state: 'listed', candidate: null, rejectedShaderIds: [], lastError: null };
    if (decision.mode === 'board') {
      this.write(desireId, base);
      return base;
    }
    return this.generate(desireId, base, userId);
  }

  /** process_desire itself failed (e.g. the job could not be stored): the desire stays listed and says why. */
  listAfterError(desireId: string, error: string): void {
    const f = { ...this.manual(`Listed on the board: the automatic generation could not be started (${error.slice(0, 300)}).`), state: 'failed' as const, lastError: error.slice(0, 2000) };
    this.write(desireId, f);
  }

  /** Submits the shader.generate job for the desire with the configured generator ("auto": Settings, else the offline composer). */
  private generate(desireId: string, f: DesireFulfilment, userId: string): DesireFulfilment {
    const d = this.db.select().from(desires).where(eq(desires.id, desireId)).get()!;
    const { job } = this.deps.jobs.submit({
      kind: GENERATE_KIND,
      input: { prompt: d.promptText.slice(0, 2000), style: generateStyleOf((d.styleHints as DeclaredStyle | null) ?? null), provider: 'auto', desireId },
      userId,
      priority: AUTO_FULFIL_PRIORITY,
    });
    const next: DesireFulfilment = { ...f, jobId: job.id, state: 'generating', candidate: null, lastError: null };
    this.write(desireId, next, d.status === 'open' ? 'in_progress' : undefined);
    return next;
  }

  /** A generation for this desire was started elsewhere (Generate view, MCP generate_shader). */
  onGenerationStarted(desireId: string, jobId: string): void {
    const f = this.read(desireId) ?? this.manual('Generated on request from the Generate view or an agent.');
    this.write(desireId, { ...f, jobId, state: 'generating', lastError: null });
  }

  private manual(reason: string): DesireFulfilment {
    return { mode: 'board', reason, decidedAt: iso(Date.now()), jobId: null, state: 'listed', candidate: null, rejectedShaderIds: [], lastError: null };
  }

  /** shader.generate stored a draft that renders: it becomes the candidate the poster accepts or rejects. */
  onGenerated(desireId: string, jobId: string, candidate: Omit<DesireCandidate, 'jobId' | 'proposedAt'>): boolean {
    const d = this.db.select({ status: desires.status }).from(desires).where(eq(desires.id, desireId)).get();
    if (!d || (d.status !== 'open' && d.status !== 'in_progress')) {
      this.deps.logger.info(`desire ${desireId} is ${d?.status ?? 'gone'}: draft ${candidate.shaderId} is not offered as its answer`);
      return false;
    }
    const f = this.read(desireId) ?? this.manual('Generated on request from the Generate view or an agent.');
    this.write(desireId, { ...f, jobId, state: 'candidate', candidate: { ...candidate, jobId, proposedAt: iso(Date.now()) }, lastError: null }, 'in_progress');
    return true;
  }

  /** The generation failed for good: the desire opens again (on the board) with the reason. */
  onGenerationFailed(desireId: string, jobId: string, error: string): void {
    const d = this.db.select({ status: desires.status }).from(desires).where(eq(desires.id, desireId)).get();
    if (!d || (d.status !== 'open' && d.status !== 'in_progress')) return;
    const f = this.read(desireId);
    // A newer attempt (or a candidate from another job) is not undone by an older job failing.
    if (f && f.jobId && f.jobId !== jobId) return;
    const reopen = !this.pendingSubmission(desireId) && f?.state !== 'candidate';
    const next = f ?? this.manual('Generated on request from the Generate view or an agent.');
    this.write(desireId, { ...next, jobId, state: 'failed', lastError: error.slice(0, 2000) }, reopen ? 'open' : undefined);
  }

  private pendingSubmission(desireId: string): boolean {
    return !!this.db
      .select({ id: shaders.id })
      .from(shaders)
      .where(and(eq(shaders.fulfillsDesireId, desireId), inArray(shaders.renderStatus, ['pending', 'rendering'])))
      .get();
  }

  /**
   * The poster's verdict. Accept publishes the draft and fulfils the desire with it; reject
   * reopens the desire (and, with retry, generates another candidate at once).
   */
  review(desireId: string, body: ReviewCandidateBody, actor: Actor = ownerActor(this.deps)): void {
    const d = this.db.select().from(desires).where(eq(desires.id, desireId)).get();
    if (!d) throw notFound(`Desire ${desireId}`);
    if (!actor.isAdmin && d.authorId !== actor.userId) throw new AppError(403, 'forbidden', 'Only the person who posted this desire can accept or reject its candidate');
    if (d.status !== 'open' && d.status !== 'in_progress') throw conflict(`Desire ${desireId} is ${d.status}; there is nothing to review`);
    const f = this.read(desireId);
    const c = f?.candidate;
    if (!f || !c || f.state !== 'candidate') {
      const why = f?.state === 'generating' ? 'the generator is still working on it' : f?.state === 'failed' ? `the last attempt failed: ${f.lastError ?? 'unknown reason'}` : 'no generated draft is waiting';
      throw conflict(`Desire ${desireId} has no candidate to review: ${why}`);
    }
    if (body.shaderId && body.shaderId !== c.shaderId) throw conflict(`The candidate changed: "${c.title}" (${c.shaderId}) replaced ${body.shaderId}; look at the new one first`);
    if (body.verdict === 'accept') {
      const s = this.db.select({ status: shaders.status }).from(shaders).where(eq(shaders.id, c.shaderId)).get();
      if (!s) throw new AppError(409, 'conflict', `The candidate "${c.title}" was deleted; reject it to reopen the desire or generate another`);
      if (s.status !== 'published') this.actions.publish(c.shaderId, actor);
      this.actions.fulfill(desireId, c.shaderId, actor);
      this.write(desireId, { ...f, state: 'accepted' });
      return;
    }
    const rejected: DesireFulfilment = { ...f, state: 'rejected', candidate: null, rejectedShaderIds: [...f.rejectedShaderIds, c.shaderId] };
    if (body.retry && jobKindSpec(GENERATE_KIND)) {
      this.generate(desireId, { ...rejected, reason: 'Generating another candidate: the poster rejected the last one and asked for a new try.' }, actor.userId);
      return;
    }
    this.write(desireId, { ...rejected, reason: `Listed on the board: the poster rejected "${c.title}".` }, this.pendingSubmission(desireId) ? undefined : 'open');
  }
}
