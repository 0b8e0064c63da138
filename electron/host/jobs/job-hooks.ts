import type { JobRow } from './job-row.js';

/**
 * Host-side effects of a job kind, run in the process that owns the database: a worker makes
 * files and returns typed output; the hook ingests the files into the media store and updates
 * the domain rows (a shader's thumbnail, a desire's status). A throwing onSucceeded fails the
 * attempt with its message (retried while attempts remain, unless the error has `retryable: false`).
 */
export interface JobHooks {
  /**
   * Checks a new job's (schema-valid) input before it is stored; throws (e.g. a 422 AppError with
   * diagnostics) to refuse it. Every submit path (REST, MCP, services) goes through it.
   */
  admit?(input: unknown): void;
  /** May return a replacement result (e.g. media ids instead of scratch paths). */
  onSucceeded?(job: JobRow, result: unknown): unknown | Promise<unknown>;
  /**
   * Called once when a job ends failed or cancelled for good without its last output reaching
   * onSucceeded (a thrown error, a crash, a timeout, a cancel). A job failed by its kind's verdict
   * does not call it: onSucceeded already had that output.
   */
  onFailed?(job: JobRow, error: string): void | Promise<void>;
}

export class JobHookRegistry {
  private readonly hooks = new Map<string, JobHooks>();
  register(kind: string, hooks: JobHooks): void {
    if (this.hooks.has(kind)) throw new Error(`Job hooks for ${kind} are already registered`);
    this.hooks.set(kind, hooks);
  }
  get(kind: string): JobHooks | undefined {
    return this.hooks.get(kind);
  }
}
