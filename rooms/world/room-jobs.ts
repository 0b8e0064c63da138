import { randomUUID } from 'node:crypto';
import type { ServerEvent } from '../../shared/events.js';
import type { Entity } from '../../shared/schemas/world.js';
import { QUOTAS } from '../../shared/world/room-protocol.js';
import type { WorldRoomGeneration, WorldRoomStore } from './room-deps.js';

type Vec3 = [number, number, number];

export interface RoomJob {
  jobId: string | null;
  entityId: string;
  prompt: string;
  by: string;
  status: string;
}

/** A quota refusal (seed §17), sent to the player as a `quota` message. */
export class QuotaRefusal extends Error {
  constructor(
    readonly quota: 'jobs' | 'submissions',
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}

export interface JobEvents {
  placeholder(entity: Entity, job: RoomJob, assetId: string | null, requestId: string | null, note: string | null): void;
  ready(entity: Entity, jobId: string | null): void;
  failed(entityId: string | null, jobId: string, error: string): void;
}

/**
 * Prompts → world.generate jobs where the room is hosted (seed §16 server-coordinated generation): the room
 * checks its quotas (concurrent jobs per room, submissions per player per minute), asks the
 * generation dep (the host's GenerationService) for the placeholder + job, and follows the job through the event
 * bus until asset_ready or job_failed for one of its entities. Clients then load the GLB by
 * assetId; nothing is generated twice.
 */
export class RoomJobs {
  readonly jobs = new Map<string, RoomJob>();
  private submissions = new Map<string, number[]>();
  private unsubscribe: () => void;

  constructor(
    private readonly worldId: string,
    private readonly generation: WorldRoomGeneration,
    private readonly store: WorldRoomStore,
    private readonly events: JobEvents,
  ) {
    this.unsubscribe = generation.subscribe((e) => this.onEvent(e));
  }

  active(): number {
    let n = 0;
    for (const j of this.jobs.values()) if (j.status !== 'ready' && j.status !== 'failed') n++;
    return n;
  }

  submit(sessionId: string, name: string, prompt: string, position: Vec3, requestId: string | null, now: number): void {
    const times = (this.submissions.get(sessionId) ?? []).filter((t) => now - t < 60_000);
    if (times.length >= QUOTAS.submissionsPerPlayerPerMinute) {
      const retry = 60_000 - (now - times[0]!);
      throw new QuotaRefusal('submissions', `You sent ${QUOTAS.submissionsPerPlayerPerMinute} prompts in the last minute (the limit): try again in ${Math.ceil(retry / 1000)} s`, retry);
    }
    if (this.active() >= QUOTAS.concurrentJobsPerRoom) {
      throw new QuotaRefusal('jobs', `This room already generates ${QUOTAS.concurrentJobsPerRoom} objects (the limit): wait for one to finish`, null);
    }
    // The generation dep throws a Refusal itself when it refuses (bad prompt, no generator).
    const created = this.generation.create(
      { worldId: this.worldId, prompt, negativePrompt: '', draft: true, transform: { position, rotation: [0, 0, 0, 1], scale: [1, 1, 1] } },
      `world-room:${this.worldId}:${sessionId}:${requestId ?? randomUUID()}`,
    );
    times.push(now);
    this.submissions.set(sessionId, times);
    const job: RoomJob = { jobId: created.jobId, entityId: created.entity.id, prompt, by: name, status: created.assetId ? 'ready' : created.status };
    this.jobs.set(created.entity.id, job);
    this.events.placeholder(created.entity, job, created.assetId, requestId, created.placeholder.note);
    // A stored asset with the same content hash: nothing to generate, ready at once.
    if (created.assetId) this.events.ready(this.store.entity(created.entity.id), created.jobId);
  }

  private onEvent(e: ServerEvent): void {
    if (e.type === 'asset_ready' && e.entityId && this.jobs.has(e.entityId)) {
      const job = this.jobs.get(e.entityId)!;
      if (job.status === 'ready') return;
      job.status = 'ready';
      this.events.ready(this.store.entity(e.entityId), e.jobId);
    } else if (e.type === 'job_failed' && (e.worldId === this.worldId || (e.entityId && this.jobs.has(e.entityId)))) {
      const job = e.entityId ? this.jobs.get(e.entityId) : [...this.jobs.values()].find((j) => j.jobId === e.jobId);
      if (!job) return;
      // retry / downgrade / procedural_only: the host tries again; keep_placeholder: done.
      job.status = e.action === 'keep_placeholder' ? 'failed' : e.action;
      this.events.failed(job.entityId, e.jobId, e.error);
    } else if (e.type === 'job_progress') {
      for (const j of this.jobs.values()) if (j.jobId === e.jobId && j.status !== 'ready' && j.status !== 'failed' && e.status !== 'ready') j.status = e.status;
    }
  }

  list(): RoomJob[] {
    return [...this.jobs.values()].slice(-50);
  }

  dispose(): void {
    this.unsubscribe();
  }
}
