import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { HostToWorker } from '../../../shared/ipc/worker-protocol.js';
import { WorkerToHost } from '../../../shared/ipc/worker-protocol.js';
import type { ResourceClass } from '../../../shared/schemas/jobs.js';
import type { WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import type { WorkerPoolState } from '../../../shared/schemas/system.js';
import { gpuInfo } from '../system/gpu-info.js';

export interface RunRequest {
  jobId: string;
  kind: string;
  input: unknown;
  attempt: number;
  dataDir: string;
  timeoutMs: number;
  providers: WorkerProviderConfig;
}

export interface RunCallbacks {
  onStart(pid: number): void;
  onProgress(progress: number, message: string | null): void;
  onLog(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  /** Streamed text of the job (ServerEvent job.stream). */
  onStream?(channel: string, offset: number, text: string): void;
}

export type RunOutcome =
  | { type: 'result'; result: unknown }
  | { type: 'error'; message: string; cancelled: boolean; crashed: boolean };

interface Slot {
  child: ChildProcess | null;
  busy: boolean;
}

interface Active {
  slot: Slot;
  child: ChildProcess;
  resolve(o: RunOutcome): void;
  callbacks: RunCallbacks;
  timer?: NodeJS.Timeout;
  /** Starts the job's timeout; called once the worker process is ready (see run). */
  startClock(): void;
  cancelTimer?: NodeJS.Timeout;
  cancelled: boolean;
}

export function defaultCapacity(): Record<ResourceClass, number> {
  return { gpu: 1, cpu: Math.max(1, availableParallelism() - 1), io: 4 };
}

const CANCEL_GRACE_MS = 3000;
/** A freshly forked worker must say `ready` within this; its startup does not count as the job's running time. */
const WORKER_START_MS = 60_000;

/**
 * Child processes per resource class, kept warm between jobs (a browser or model stays loaded).
 * A worker that dies mid-job resolves the run as crashed with the exit reason; a cancelled job
 * that does not stop within the grace period has its process killed.
 */
export class WorkerPool {
  private readonly slots: Record<ResourceClass, Slot[]>;
  private readonly active = new Map<string, Active>();
  /** Worker processes that have sent `ready` (their module graph is loaded). */
  private readonly ready = new WeakSet<ChildProcess>();
  private closed = false;

  constructor(
    private readonly entry: string,
    readonly capacity: Record<ResourceClass, number> = defaultCapacity(),
    private readonly execArgv: string[] = [],
  ) {
    this.slots = {
      gpu: Array.from({ length: capacity.gpu }, () => ({ child: null, busy: false })),
      cpu: Array.from({ length: capacity.cpu }, () => ({ child: null, busy: false })),
      io: Array.from({ length: capacity.io }, () => ({ child: null, busy: false })),
    };
  }

  freeSlots(resource: ResourceClass): number {
    return this.closed ? 0 : this.slots[resource].filter((s) => !s.busy).length;
  }

  state(runnerId: string): WorkerPoolState {
    return {
      runnerId,
      classes: (Object.keys(this.slots) as ResourceClass[]).map((resource) => ({
        resource,
        capacity: this.capacity[resource],
        busy: this.slots[resource].filter((s) => s.busy).length,
        processes: this.slots[resource].filter((s) => s.child && s.child.exitCode === null && !s.child.killed).length,
      })),
      // Cached nvidia-smi reading (refreshed in the background every ~5 s).
      gpu: gpuInfo.current(),
    };
  }

  /** The pid of the worker process running a job, if any. */
  pidOf(jobId: string): number | undefined {
    return this.active.get(jobId)?.child.pid;
  }

  run(resource: ResourceClass, req: RunRequest, callbacks: RunCallbacks): Promise<RunOutcome> {
    const slot = this.slots[resource].find((s) => !s.busy);
    if (!slot || this.closed) return Promise.resolve({ type: 'error', message: 'No free worker slot', cancelled: false, crashed: false });
    slot.busy = true;
    const child = this.ensureChild(slot);
    return new Promise<RunOutcome>((resolve) => {
      const expire = (message: string) => {
        this.finish(req.jobId, { type: 'error', message, cancelled: false, crashed: false });
        this.kill(slot);
      };
      // The job's clock runs from when its worker can run it: a cold fork (seconds on a loaded
      // machine) is bounded separately and does not eat the job's own time.
      const active: Active = {
        slot,
        child,
        resolve,
        callbacks,
        cancelled: false,
        startClock: () => {
          clearTimeout(active.timer);
          active.timer = setTimeout(() => expire(`Timed out after ${Math.round(req.timeoutMs / 1000)} s of running; the worker process was stopped`), req.timeoutMs);
          active.startClock = () => undefined;
        },
      };
      if (this.ready.has(child)) active.startClock();
      else active.timer = setTimeout(() => expire(`The worker process did not start within ${WORKER_START_MS / 1000} s; it was stopped`), WORKER_START_MS);
      this.active.set(req.jobId, active);
      callbacks.onStart(child.pid ?? -1);
      const msg: HostToWorker = { type: 'run', jobId: req.jobId, kind: req.kind, input: req.input, attempt: req.attempt, dataDir: req.dataDir, providers: req.providers };
      child.send(msg);
    });
  }

  cancel(jobId: string): void {
    const a = this.active.get(jobId);
    if (!a || a.cancelled) return;
    a.cancelled = true;
    if (a.child.connected) a.child.send({ type: 'cancel', jobId } satisfies HostToWorker);
    // A handler stuck in native code or an infinite loop cannot see the signal: stop its process.
    a.cancelTimer = setTimeout(() => {
      if (!this.active.has(jobId)) return;
      this.finish(jobId, { type: 'error', message: 'Cancelled by request (worker stopped)', cancelled: true, crashed: false });
      this.kill(a.slot);
    }, CANCEL_GRACE_MS);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [jobId] of this.active) this.finish(jobId, { type: 'error', message: 'The host is shutting down', cancelled: false, crashed: true });
    const children = Object.values(this.slots).flat().map((s) => s.child).filter((c): c is ChildProcess => !!c && c.exitCode === null);
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((res) => {
            const t = setTimeout(() => {
              c.kill('SIGKILL');
              res();
            }, 2000);
            c.once('exit', () => {
              clearTimeout(t);
              res();
            });
            if (c.connected) c.send({ type: 'shutdown' } satisfies HostToWorker);
            else c.kill('SIGTERM');
          }),
      ),
    );
  }

  private ensureChild(slot: Slot): ChildProcess {
    if (slot.child && slot.child.exitCode === null && slot.child.signalCode === null && slot.child.connected) return slot.child;
    // Worker stdout goes to our stderr: stdout belongs to the MCP stdio protocol in `auteur mcp`.
    const child = fork(this.entry, [], { stdio: ['ignore', 2, 2, 'ipc'], execArgv: this.execArgv, serialization: 'advanced' });
    slot.child = child;
    child.on('message', (raw) => this.onMessage(raw, child));
    child.on('exit', (code, signal) => {
      if (slot.child === child) slot.child = null;
      for (const [jobId, a] of this.active) {
        if (a.child !== child) continue;
        const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        this.finish(jobId, { type: 'error', message: `The worker process (pid ${child.pid}) ${why} while running this job`, cancelled: a.cancelled, crashed: true });
      }
    });
    child.on('error', () => {
      // 'exit' follows and reports the failure to the job.
    });
    return child;
  }

  private onMessage(raw: unknown, child: ChildProcess): void {
    const parsed = WorkerToHost.safeParse(raw);
    if (!parsed.success) return;
    if (parsed.data.type === 'ready') {
      this.ready.add(child);
      for (const a of this.active.values()) if (a.child === child) a.startClock();
      return;
    }
    const msg = parsed.data;
    const a = this.active.get(msg.jobId);
    if (!a) return;
    if (msg.type === 'progress') a.callbacks.onProgress(msg.progress, msg.message);
    else if (msg.type === 'log') a.callbacks.onLog(msg.level, msg.message);
    else if (msg.type === 'stream') a.callbacks.onStream?.(msg.channel, msg.offset, msg.text);
    else if (msg.type === 'result') this.finish(msg.jobId, { type: 'result', result: msg.result });
    else this.finish(msg.jobId, { type: 'error', message: msg.message, cancelled: msg.cancelled || a.cancelled, crashed: false });
  }

  private finish(jobId: string, outcome: RunOutcome): void {
    const a = this.active.get(jobId);
    if (!a) return;
    this.active.delete(jobId);
    clearTimeout(a.timer);
    if (a.cancelTimer) clearTimeout(a.cancelTimer);
    a.slot.busy = false;
    a.resolve(outcome);
  }

  private kill(slot: Slot): void {
    const c = slot.child;
    slot.child = null;
    if (c && c.exitCode === null) c.kill('SIGKILL');
  }
}
