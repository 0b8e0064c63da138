import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { JobKindSpec, JobVerdict } from '../../../shared/jobs/define.js';
import { jobKindNames, jobKindSpec } from '../../../shared/jobs/registry.js';
import { isBackground, type ResourceClass } from '../../../shared/schemas/jobs.js';
import type { WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../logger.js';
import { isProcessAlive } from '../process-alive.js';
import type { JobHookRegistry } from './job-hooks.js';
import type { JobStore } from './job-store.js';
import { toJob, type JobRow } from './job-row.js';
import type { WorkerPool } from './worker-pool.js';

const TICK_MS = 250;
const HEARTBEAT_MS = 3000;
/** A running job whose owner has not beaten for this long is taken over, even if its pid looks alive. */
const STALE_MS = 20_000;
const SWEEP_MS = 5000;
const FEED_MS = 500;

export interface RunnerOptions {
  dataDir: string;
  /** Effective provider settings handed to each job's worker (settings + env + decrypted secrets). */
  providers: () => WorkerProviderConfig | Promise<WorkerProviderConfig>;
  /** Resource classes this runner executes; an empty list makes it a pure observer. */
  resources?: ResourceClass[];
}

/**
 * Moves durable jobs through their lifecycle: claims runnable jobs while the pool has room,
 * mirrors worker progress into SQLite and onto the event bus, heartbeats what it runs, takes
 * over jobs whose runner died, and streams changes other processes make to the same database.
 */
export class JobRunner {
  readonly ownerId = `runner-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly running = new Map<string, JobRow>();
  private readonly published = new Map<string, number>();
  private timers: NodeJS.Timeout[] = [];
  private feedCursor = Date.now() - 1000;
  private ticking = false;
  /**
   * Jobs claimed but not yet handed to the pool (their provider config is still being read):
   * they hold a slot, or the next tick would claim more jobs than the pool can run.
   */
  private readonly dispatching: Record<ResourceClass, number> = { gpu: 0, cpu: 0, io: 0 };
  private stopped = false;
  /** Background jobs asked to stop so that foreground work can have their slot. */
  private readonly preempting = new Set<string>();
  /** False makes this runner an observer: it streams changes but claims nothing. */
  private executing = true;

  constructor(
    private readonly store: JobStore,
    private readonly pool: WorkerPool,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly opts: RunnerOptions,
    private readonly hooks: JobHookRegistry,
  ) {}

  start(): void {
    this.sweepOrphans();
    this.timers = [
      setInterval(() => this.tick(), TICK_MS),
      setInterval(() => this.store.heartbeat(this.ownerId), HEARTBEAT_MS),
      setInterval(() => this.sweepOrphans(), SWEEP_MS),
      setInterval(() => this.pollChanges(), FEED_MS),
    ];
    this.tick();
  }

  /**
   * `auteur mcp` executes jobs only while no host runs on its data dir (one GPU, one runner);
   * it observes otherwise. Claims are transactional either way, so this is about resources.
   */
  setExecuting(executing: boolean): void {
    if (this.executing === executing) return;
    this.executing = executing;
    this.logger.info(`job runner ${this.ownerId} ${executing ? 'now executes jobs' : 'now only observes (a host runs them)'}`);
    if (executing) this.wake();
  }

  get isExecuting(): boolean {
    return this.executing;
  }

  /** Called after a job is queued here, so it starts without waiting for the next tick. */
  wake(): void {
    setImmediate(() => this.tick());
  }

  /** Cancels a job; a running one of ours is stopped in its worker process. */
  cancel(id: string): JobRow {
    const row = this.store.requestCancel(id);
    this.publish(row);
    this.afterTransition(row);
    if (this.running.has(id)) this.pool.cancel(id);
    return row;
  }

  publish(row: JobRow): void {
    const seen = this.published.get(row.id);
    if (seen !== undefined && seen >= row.rev) return;
    this.published.set(row.id, row.rev);
    if (this.published.size > 5000) this.published.delete(this.published.keys().next().value as string);
    this.bus.publish({ type: 'job.updated', job: toJob(row) });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  private tick(): void {
    if (this.ticking || this.stopped || !this.executing) return;
    this.ticking = true;
    try {
      const kinds = jobKindNames();
      for (const resource of this.opts.resources ?? (['gpu', 'cpu', 'io'] as const)) {
        while (this.pool.freeSlots(resource) - this.dispatching[resource] > 0) {
          const row = this.store.claimNext(resource, this.ownerId, kinds);
          if (!row) break;
          this.publish(row);
          this.dispatching[resource]++;
          void this.execute(row);
        }
        this.preemptFor(resource, kinds);
      }
    } catch (err) {
      this.logger.error(`job runner tick failed: ${(err as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  /**
   * Foreground work never waits behind a background batch: when every slot of a class is busy and
   * a foreground job is queued, one running background job of ours is stopped and requeued (its
   * attempt does not count). One at a time: the freed slot goes to the highest-priority job.
   */
  private preemptFor(resource: ResourceClass, kinds: string[]): void {
    if (this.pool.freeSlots(resource) - this.dispatching[resource] > 0) return;
    const mine = [...this.running.values()].filter((r) => r.resource === resource);
    if (mine.some((r) => this.preempting.has(r.id))) return;
    const victim = mine.filter((r) => isBackground(r.priority)).sort((a, b) => a.priority - b.priority || b.createdAt - a.createdAt)[0];
    if (!victim || !this.store.hasRunnableForeground(resource, kinds)) return;
    this.preempting.add(victim.id);
    this.logger.info(`job ${victim.id} (${victim.kind}, priority ${victim.priority}) preempted: foreground work is waiting for a ${resource} slot`);
    this.pool.cancel(victim.id);
  }

  private async execute(row: JobRow): Promise<void> {
    let reserved = true;
    const release = () => {
      if (reserved) this.dispatching[row.resource]--;
      reserved = false;
    };
    const spec = jobKindSpec(row.kind);
    this.running.set(row.id, row);
    this.logger.info(`job ${row.id} (${row.kind}) attempt ${row.attempts}/${row.maxAttempts} started`);
    try {
      if (!spec) {
        this.update(this.store.failAttempt(row.id, this.ownerId, `Unknown job kind "${row.kind}"`, { retryable: false }));
        return;
      }
      const providers = await this.opts.providers();
      release(); // pool.run takes the slot synchronously
      const outcome = await this.pool.run(
        row.resource,
        { jobId: row.id, kind: row.kind, input: row.input, attempt: row.attempts, dataDir: this.opts.dataDir, timeoutMs: spec.timeoutMs, providers },
        {
          onStart: (pid) => this.update(this.store.setWorkerPid(row.id, this.ownerId, pid)),
          onProgress: (p, m) => this.update(this.store.progress(row.id, this.ownerId, p, m)),
          onLog: (level, message) => {
            this.logger.log(level, `job ${row.id}: ${message}`);
            this.bus.publish({ type: 'job.log', jobId: row.id, level, message });
          },
          // Not logged: live text for the UI only (the worker batches it; the result keeps what matters).
          onStream: (channel, offset, text) => this.bus.publish({ type: 'job.stream', jobId: row.id, channel, offset, text }),
        },
      );
      if (outcome.type === 'result') await this.complete(row, spec, outcome.result);
      else if (this.preempting.has(row.id) && !this.store.get(row.id)?.cancelRequested) this.update(this.store.requeuePreempted(row.id, this.ownerId));
      else if (outcome.cancelled) this.update(this.store.markCancelled(row.id, this.ownerId));
      else this.update(this.store.failAttempt(row.id, this.ownerId, outcome.message));
      const final = this.store.get(row.id);
      this.logger.info(`job ${row.id} (${row.kind}) attempt ${row.attempts} → ${final?.status}${final?.error ? `: ${final.error}` : ''}`);
    } catch (err) {
      this.logger.error(`job ${row.id} bookkeeping failed: ${(err as Error).stack ?? err}`);
      this.update(this.store.failAttempt(row.id, this.ownerId, `Internal error: ${(err as Error).message}`));
    } finally {
      release();
      this.running.delete(row.id);
      this.preempting.delete(row.id);
      // Whatever the hook did not take from the attempt's scratch folder is not kept.
      rmSync(join(this.opts.dataDir, 'media', 'incoming', `${row.id}-${row.attempts}`), { recursive: true, force: true });
      this.wake();
    }
  }

  /**
   * A worker returned an output: the kind's onSucceeded hook takes it whatever the verdict (it
   * stores files and domain state, e.g. a shader's diagnostics), then the verdict sets the status.
   */
  private async complete(row: JobRow, spec: JobKindSpec, result: unknown): Promise<void> {
    const onSucceeded = this.hooks.get(row.kind)?.onSucceeded;
    let final = result;
    if (onSucceeded) {
      try {
        const replaced = await onSucceeded(row, result);
        if (replaced !== undefined) final = replaced;
      } catch (err) {
        // A hook may mark its error `retryable: false` (a refusal that a new attempt would meet again).
        this.update(this.store.failAttempt(row.id, this.ownerId, `Saving the result failed: ${(err as Error).message}`, { retryable: (err as { retryable?: unknown }).retryable !== false }));
        return;
      }
    }
    let verdict: JobVerdict = { outcome: 'succeeded' };
    if (spec.verdict) {
      try {
        verdict = spec.verdict(result);
      } catch (err) {
        verdict = { outcome: 'failed', message: `Judging the result failed: ${(err as Error).message}`, retryable: false };
      }
    }
    const done = this.store.complete(row.id, this.ownerId, final, verdict);
    // No onFailed here: onSucceeded already had this output (onFailed is for jobs whose output never reached it).
    if (done) this.publish(done);
  }

  private update(row: JobRow | undefined): void {
    if (!row) return;
    this.publish(row);
    this.afterTransition(row);
  }

  /** Runs a kind's onFailed hook once a job has ended failed or cancelled for good. */
  private afterTransition(row: JobRow): void {
    if (row.status !== 'failed' && row.status !== 'cancelled') return;
    const onFailed = this.hooks.get(row.kind)?.onFailed;
    if (!onFailed) return;
    Promise.resolve()
      .then(() => onFailed(row, row.error ?? row.status))
      .catch((err) => this.logger.error(`onFailed hook of ${row.kind} failed for job ${row.id}: ${(err as Error).message}`));
  }

  private sweepOrphans(): void {
    try {
      for (const orphan of this.store.findOrphans(this.ownerId, isProcessAlive, STALE_MS)) {
        const reason = `Interrupted: the process running it (pid ${orphan.ownerPid ?? '?'}) stopped before it finished`;
        const row = this.store.recoverOrphan(orphan, reason);
        if (row) {
          this.logger.warn(`job ${row.id} (${row.kind}) recovered: ${reason} → ${row.status}`);
          this.update(row);
        }
      }
    } catch (err) {
      this.logger.error(`orphan sweep failed: ${(err as Error).message}`);
    }
  }

  /** Streams rows changed by other processes and notices cancels requested elsewhere. */
  private pollChanges(): void {
    try {
      const rows = this.store.changedSince(this.feedCursor - 1000);
      for (const row of rows) {
        this.feedCursor = Math.max(this.feedCursor, row.updatedAt);
        this.publish(row);
        if (row.cancelRequested && row.status === 'running' && this.running.has(row.id)) this.pool.cancel(row.id);
      }
    } catch (err) {
      this.logger.error(`change feed failed: ${(err as Error).message}`);
    }
  }
}
