import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigurationRow, DoctorProviderRow } from '../../../shared/schemas/provider-status.js';
import { ProbeResult } from '../../../shared/schemas/system.js';
import { PROBES, runProbe } from '../../../worker/probes/index.js';
import { renderBudgetProbe } from '../../../worker/probes/render-budget.js';
import { sandboxProbe } from '../../../worker/probes/sandbox.js';
import { PRIVATE_FILE_MODE } from '../data-dir.js';
import { configurationRows, doctorProviderRows } from '../providers/provider-doctor.js';
import type { ProviderServices } from '../providers/provider-services.js';

/** A render measurement stays valid this long: both doctors read it, so they agree. */
const RENDER_CHECK_TTL_MS = 10 * 60_000;
const RENDER_CHECK_FILE = 'doctor-render.json';

export interface DoctorOptions {
  env?: NodeJS.ProcessEnv;
  /** Measure the render budget now instead of reusing a measurement from the last 10 minutes. */
  fresh?: boolean;
}

/**
 * The probe table of `auteur doctor` and Settings → Doctor (GET /system/doctor): one function, so
 * the two never disagree. It looks (versions, reachability, sandbox, data dir modes) and renders
 * one real frame to say whether renders finish within the budget here. That measurement is kept
 * in the data dir for 10 minutes and shared by both, with when it was taken.
 */
export async function runDoctor(dataDir: string, opts: DoctorOptions = {}): Promise<ProbeResult[]> {
  const env = opts.env ?? process.env;
  const signal = new AbortController().signal;
  // Providers are not a probe row here: providerDoctor below lists each one with its source.
  const ids = ['data-dir', 'sqlite', 'sqlite-vec', 'ffmpeg', 'chromium'] as const;
  const quick = Promise.all([...ids.map((id) => runProbe(PROBES[id], { dataDir, signal, env, deep: false })), runProbe(sandboxProbe, { dataDir, signal, env, deep: false })]);
  const [rows, render] = await Promise.all([quick, renderCheck(dataDir, env, signal, opts.fresh ?? false)]);
  return [...rows, render];
}

async function renderCheck(dataDir: string, env: NodeJS.ProcessEnv, signal: AbortSignal, fresh: boolean): Promise<ProbeResult> {
  const file = join(dataDir, RENDER_CHECK_FILE);
  if (!fresh) {
    const cached = readCached(file);
    if (cached) return { ...cached.result, detail: `${cached.result.detail} (measured ${new Date(cached.at).toISOString().slice(11, 16)} UTC; refresh to measure again)` };
  }
  const result = await runProbe(renderBudgetProbe, { dataDir, signal, env, deep: true });
  try {
    writeFileSync(file, JSON.stringify({ at: Date.now(), result }), { mode: PRIVATE_FILE_MODE });
  } catch {
    // A read-only data dir: the next doctor measures again.
  }
  return result;
}

function readCached(file: string): { at: number; result: ProbeResult } | null {
  if (!existsSync(file)) return null;
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { at?: unknown; result?: unknown };
    const result = ProbeResult.safeParse(raw.result);
    if (typeof raw.at !== 'number' || !result.success || Date.now() - raw.at > RENDER_CHECK_TTL_MS || raw.at > Date.now()) return null;
    return { at: raw.at, result: result.data };
  } catch {
    return null;
  }
}

/**
 * The provider half of doctor: each capability's providers with live status and where their
 * configuration came from, plus every effective setting with its source (secrets only as "set").
 */
export async function providerDoctor(services: ProviderServices): Promise<{ providers: DoctorProviderRow[]; configuration: ConfigurationRow[] }> {
  const table = await services.status.table(true);
  return { providers: doctorProviderRows(table), configuration: configurationRows(table.effective) };
}
