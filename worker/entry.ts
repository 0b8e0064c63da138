/**
 * Worker child process. The host's pool forks it, sends `run`/`cancel` messages and gets
 * progress, logs and results back over the IPC channel. It validates input and output with the
 * kind's zod schemas so a bad job fails here with a clear message, not deep inside a handler.
 * It exits when the host goes away (IPC disconnect), so a killed host leaves no orphans.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { jobKindSpec } from '../shared/jobs/registry.js';
import { HostToWorker, type WorkerToHost } from '../shared/ipc/worker-protocol.js';
import { CancelledError, type TaskContext, type TaskHandler } from './task-context.js';
import { TASKS } from './tasks/index.js';

const running = new Map<string, AbortController>();

function send(msg: WorkerToHost): void {
  if (process.connected) process.send?.(msg);
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

async function run(msg: Extract<HostToWorker, { type: 'run' }>): Promise<void> {
  const { jobId } = msg;
  const controller = new AbortController();
  running.set(jobId, controller);
  try {
    const spec = jobKindSpec(msg.kind);
    const handler = (TASKS as Record<string, TaskHandler<unknown, unknown> | undefined>)[msg.kind];
    if (!spec || !handler) throw new Error(`This worker has no handler for job kind "${msg.kind}"`);
    const input = spec.input.safeParse(msg.input);
    if (!input.success) throw new Error(`Invalid input for ${msg.kind}: ${input.error.message}`);
    const workDir = join(msg.dataDir, 'media', 'incoming', `${jobId}-${msg.attempt}`);
    mkdirSync(workDir, { recursive: true });
    const ctx: TaskContext = {
      jobId,
      attempt: msg.attempt,
      dataDir: msg.dataDir,
      workDir,
      providers: msg.providers,
      signal: controller.signal,
      progress: (fraction, message) =>
        send({ type: 'progress', jobId, progress: Math.min(1, Math.max(0, fraction)), message: message ?? null }),
      log: (level, message) => send({ type: 'log', jobId, level, message }),
      stream: (channel, offset, text) => send({ type: 'stream', jobId, channel, offset, text }),
    };
    const result = await handler(input.data, ctx);
    if (controller.signal.aborted) throw new CancelledError();
    const output = spec.output.safeParse(result);
    if (!output.success) throw new Error(`${msg.kind} produced output that does not match its schema: ${output.error.message}`);
    send({ type: 'result', jobId, result: output.data });
  } catch (err) {
    const cancelled = controller.signal.aborted || err instanceof CancelledError;
    send({ type: 'error', jobId, message: cancelled ? 'Cancelled by request' : describe(err), cancelled });
  } finally {
    running.delete(jobId);
  }
}

process.on('message', (raw) => {
  const parsed = HostToWorker.safeParse(raw);
  if (!parsed.success) {
    process.stderr.write(`worker: ignoring malformed message: ${parsed.error.message}\n`);
    return;
  }
  const msg = parsed.data;
  if (msg.type === 'run') void run(msg);
  else if (msg.type === 'cancel') running.get(msg.jobId)?.abort();
  else if (msg.type === 'shutdown') process.exit(0);
});

process.on('disconnect', () => process.exit(0));
process.on('uncaughtException', (err) => {
  process.stderr.write(`worker: uncaught exception: ${err.stack ?? err.message}\n`);
  process.exit(70);
});

send({ type: 'ready', pid: process.pid });
