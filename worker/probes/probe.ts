import type { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import type { ProbeResult, ProbeStatus } from '../../shared/schemas/system.js';

export interface ProbeContext {
  dataDir: string;
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
  /** Deep probes do real work (encode a clip, render WebGL); quick ones only look. */
  deep: boolean;
  /** The effective provider settings (a job's); defaults when absent. */
  providers?: WorkerProviderConfig;
}

export interface ProbeOutcome {
  status: ProbeStatus;
  version?: string | null;
  detail: string;
  source?: string | null;
}

export interface Probe {
  id: string;
  label: string;
  run(ctx: ProbeContext): Promise<ProbeOutcome>;
}

/** Runs one probe, timing it; a thrown error becomes an `error` row rather than a crash. */
export async function runProbe(probe: Probe, ctx: ProbeContext): Promise<ProbeResult> {
  const t0 = performance.now();
  let out: ProbeOutcome;
  try {
    out = await probe.run(ctx);
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    out = { status: 'error', detail: err instanceof Error ? err.message : String(err) };
  }
  return {
    id: probe.id,
    label: probe.label,
    status: out.status,
    version: out.version ?? null,
    detail: out.detail,
    source: out.source ?? null,
    durationMs: Math.round(performance.now() - t0),
  };
}
