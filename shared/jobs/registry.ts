import type { JobKindSpec } from './define.js';
import { systemDiagnose } from './system-diagnose.js';

/** Every job kind the studio knows. Add a kind here and a handler in worker/tasks/. */
export const JOB_KINDS = [systemDiagnose] as const satisfies readonly JobKindSpec[];

export type JobKindName = (typeof JOB_KINDS)[number]['kind'];

const byKind = new Map<string, JobKindSpec>(JOB_KINDS.map((k) => [k.kind, k]));
export function jobKindSpec(kind: string): JobKindSpec | undefined {
  return byKind.get(kind);
}
export function jobKindNames(): string[] {
  return [...byKind.keys()];
}
