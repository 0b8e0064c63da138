import type { ProbeResult } from '../../../shared/schemas/system.js';
import { PROBES, runProbe } from '../../../worker/probes/index.js';

/**
 * The quick probe table of `auteur doctor` and Settings: it looks (versions, reachability) but
 * does no heavy work; the system.diagnose job runs the same probes deeply.
 */
export async function runDoctor(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<ProbeResult[]> {
  const signal = new AbortController().signal;
  const ids = ['data-dir', 'sqlite', 'sqlite-vec', 'ffmpeg', 'chromium', 'providers'] as const;
  return Promise.all(ids.map((id) => runProbe(PROBES[id], { dataDir, signal, env, deep: false })));
}
