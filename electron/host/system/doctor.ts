import type { ConfigurationRow, DoctorProviderRow } from '../../../shared/schemas/provider-status.js';
import type { ProbeResult } from '../../../shared/schemas/system.js';
import { PROBES, runProbe } from '../../../worker/probes/index.js';
import { configurationRows, doctorProviderRows } from '../providers/provider-doctor.js';
import type { ProviderServices } from '../providers/provider-services.js';

/**
 * The quick probe table of `auteur doctor` and Settings: it looks (versions, reachability) but
 * does no heavy work; the system.diagnose job runs the same probes deeply.
 */
export async function runDoctor(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<ProbeResult[]> {
  const signal = new AbortController().signal;
  // Providers are not a probe row here: providerDoctor below lists each one with its source.
  const ids = ['data-dir', 'sqlite', 'sqlite-vec', 'ffmpeg', 'chromium'] as const;
  return Promise.all(ids.map((id) => runProbe(PROBES[id], { dataDir, signal, env, deep: false })));
}

/**
 * The provider half of doctor: each capability's providers with live status and where their
 * configuration came from, plus every effective setting with its source (secrets only as "set").
 */
export async function providerDoctor(services: ProviderServices): Promise<{ providers: DoctorProviderRow[]; configuration: ConfigurationRow[] }> {
  const table = await services.status.table(true);
  return { providers: doctorProviderRows(table), configuration: configurationRows(table.effective) };
}
