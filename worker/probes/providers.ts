import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { PROVIDERS } from '../providers/registry.js';
import type { Probe, ProbeOutcome } from './probe.js';

const STATUS_CAP_MS = 3000;

/**
 * Which real AI services this job's provider settings can reach, asked through the same provider
 * modules Settings → Providers uses. None is required: every capability has an embedded offline
 * default, so unreachable services are reported, not failed.
 */
export const providersProbe: Probe = {
  id: 'providers',
  label: 'AI providers',
  async run({ providers, signal }): Promise<ProbeOutcome> {
    const config = providers ?? WorkerProviderConfig.parse({});
    const services = PROVIDERS.filter((p) => !p.embedded);
    const reports = await Promise.all(
      services.map(async (p) => {
        const capped = AbortSignal.any([signal, AbortSignal.timeout(STATUS_CAP_MS)]);
        try {
          return await p.status(config, capped);
        } catch (err) {
          if (signal.aborted) throw err;
          return { provider: p.id, reachable: false, version: null, detail: `${p.label}: ${(err as Error).message}` };
        }
      }),
    );
    const reachable = reports.filter((r) => r.reachable);
    const detail = reports.map((r) => `${r.reachable ? '✓' : '·'} ${r.detail}`).join('; ');
    return {
      status: reachable.length > 0 ? 'ok' : 'warn',
      detail: reachable.length > 0 ? detail : `${detail}. The embedded offline defaults are in use.`,
      source: 'provider settings',
    };
  },
};
