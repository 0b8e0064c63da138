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
}

export function defineJobKind<I extends z.ZodType, O extends z.ZodType>(spec: JobKindSpec<I, O>): JobKindSpec<I, O> {
  return spec;
}
