import { resolveDataDir } from '../host/data-dir.js';
import { runDoctor } from '../host/system/doctor.js';
import { formatTable } from './table.js';

const MARK: Record<string, string> = { ok: 'ok', warn: 'warn', error: 'ERROR', missing: 'missing' };

/** `auteur doctor`: what this machine offers the studio, and where each value came from. */
export async function doctor(opts: { home?: string; json?: boolean }): Promise<number> {
  const dir = resolveDataDir(opts.home);
  const probes = await runDoctor(dir.root);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ dataDir: dir.root, probes }, null, 2)}\n`);
  } else {
    process.stdout.write(`Data dir: ${dir.root}\n\n`);
    process.stdout.write(
      formatTable(
        ['check', 'status', 'version', 'source', 'detail'],
        probes.map((p) => [p.label, MARK[p.status] ?? p.status, p.version ?? '', p.source ?? '', p.detail]),
      ),
    );
  }
  return probes.some((p) => p.status === 'error') ? 1 : 0;
}
