import type { ConfigurationRow, DoctorProviderRow } from '../../shared/schemas/provider-status.js';
import { resolveDataDir } from '../host/data-dir.js';
import { readOnlyProviderServices } from '../host/providers/read-only-services.js';
import { providerDoctor, runDoctor } from '../host/system/doctor.js';
import { formatTable } from './table.js';

const MARK: Record<string, string> = { ok: 'ok', warn: 'warn', error: 'ERROR', missing: 'missing' };
const STATE: Record<DoctorProviderRow['state'], string> = {
  reachable: 'reachable',
  embedded: 'embedded',
  not_configured: 'not configured',
  unreachable: 'UNREACHABLE',
};

function providerTable(rows: DoctorProviderRow[]): string {
  return formatTable(
    ['capability', 'provider', 'in use', 'model', 'status', 'version', 'source', 'detail'],
    rows.map((r) => [r.capability, r.provider ?? '(none)', r.inUse ? '*' : '', r.model ?? '', r.provider ? STATE[r.state] : 'none', r.version ?? '', r.source, r.detail]),
  );
}

function configurationTable(rows: ConfigurationRow[]): string {
  return formatTable(
    ['setting', 'source', 'value'],
    rows.map((r) => [r.key, r.source === 'env' ? `env ${r.env}` : r.source, r.value]),
  );
}

/**
 * `auteur doctor`: what this machine offers the studio, and where each value came from. The same
 * runDoctor + providerDoctor as GET /system/doctor (Settings → Doctor), so the two agree.
 */
export async function doctor(opts: { home?: string; json?: boolean; fresh?: boolean }): Promise<number> {
  const dir = resolveDataDir(opts.home);
  const { services, close } = readOnlyProviderServices(dir);
  let probes;
  let providers;
  try {
    // Providers first: their quick status checks must not compete with the render check's Chromium.
    providers = await providerDoctor(services);
    probes = await runDoctor(dir.root, { fresh: opts.fresh });
  } finally {
    close();
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ dataDir: dir.root, probes, ...providers }, null, 2)}\n`);
  } else {
    process.stdout.write(`Data dir: ${dir.root}\n\n`);
    process.stdout.write(
      formatTable(
        ['check', 'status', 'version', 'source', 'detail'],
        probes.map((p) => [p.label, MARK[p.status] ?? p.status, p.version ?? '', p.source ?? '', p.detail]),
      ),
    );
    process.stdout.write(`\nProviders (* = in use)\n\n${providerTable(providers.providers)}`);
    process.stdout.write(`\nConfiguration (env overrides settings, settings override defaults)\n\n${configurationTable(providers.configuration)}`);
  }
  return probes.some((p) => p.status === 'error') ? 1 : 0;
}
