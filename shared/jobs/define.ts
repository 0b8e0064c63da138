import type { z } from 'zod';
import type { ResourceClass } from '../schemas/jobs.js';

/**
 * The contract of one job kind. The host validates input with `input` before a job is stored,
 * the worker validates its result with `output` before it is reported; both sides read this.
 */
export interface JobKindSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  kind: string;
  title: string;
  description: string;
  resource: ResourceClass;
  input: I;
  output: O;
  maxAttempts: number;
  /** Upper bound for one attempt; the pool kills the worker past it. */
  timeoutMs: number;
  /**
   * Whether an output is the result that was asked for. The runner hands the output to the
   * kind's onSucceeded hook first (whatever the verdict), then sets the final status from this:
   * problems → completed_with_problems, failed → failed (retried while attempts remain when
   * retryable). Without it every valid output is a success.
   */
  verdict?(output: z.infer<O>): JobVerdict;
}

export type JobVerdict =
  | { outcome: 'succeeded' }
  | { outcome: 'problems'; message: string }
  | {
      outcome: 'failed';
      message: string;
      retryable: boolean;
      /**
       * Set when the job's own input is at fault and a new run would fail the same way: the job
       * is not retried automatically, and a manual retry is refused with this sentence.
       */
      retryRefusal?: string;
    };

export function defineJobKind<I extends z.ZodType, O extends z.ZodType>(spec: JobKindSpec<I, O>): JobKindSpec<I, O> {
  return spec;
}
