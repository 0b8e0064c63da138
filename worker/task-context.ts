import type { WorkerProviderConfig } from '../shared/schemas/providers.js';

/** What a job handler gets from the worker process it runs in. */
export interface TaskContext {
  jobId: string;
  attempt: number;
  dataDir: string;
  /**
   * Scratch folder of this attempt (media/incoming/<job>-<attempt>, created for it). Files the
   * job produces go here; the kind's host hook moves what it keeps into the media store and the
   * folder is removed after the attempt.
   */
  workDir: string;
  /** Provider settings for this job: which LLM/TTS/… to use and how to reach it. */
  providers: WorkerProviderConfig;
  /** Aborted when the job is cancelled; pass it to every fetch and child process. */
  signal: AbortSignal;
  progress(fraction: number, message?: string): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  /**
   * Text the job writes as it goes (e.g. an LLM reply), shown live: `offset` is how many
   * characters of `channel` came before `text`. Batch before calling (see TokenStream).
   */
  stream?(channel: string, offset: number, text: string): void;
}

export type TaskHandler<I = unknown, O = unknown> = (input: I, ctx: TaskContext) => Promise<O>;

/** Thrown by handlers (or the context) when the job was cancelled. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled by request');
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError();
}
