import { existsSync, mkdirSync, statfsSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Probe } from './probe.js';

const LOW_SPACE_BYTES = 2 * 1024 ** 3;

export const dataDirProbe: Probe = {
  id: 'data-dir',
  label: 'Data directory',
  async run({ dataDir }) {
    for (const sub of ['media', 'logs']) mkdirSync(join(dataDir, sub), { recursive: true, mode: 0o700 });
    const probeFile = join(dataDir, `.write-probe-${process.pid}`);
    writeFileSync(probeFile, 'ok');
    unlinkSync(probeFile);
    const fs = statfsSync(dataDir);
    const free = fs.bavail * fs.bsize;
    const freeGiB = (free / 1024 ** 3).toFixed(1);
    const open = process.platform === 'win32' ? [] : openToOthers(dataDir);
    if (open.length) {
      return { status: 'warn', detail: `${dataDir} is writable, ${freeGiB} GiB free, but others can read ${open.join(', ')}; the host sets 0700/0600 at start — restart it, or chmod 700 the folder` };
    }
    if (free < LOW_SPACE_BYTES) {
      return { status: 'warn', detail: `${dataDir} is writable but only ${freeGiB} GiB are free; renders and videos need more.` };
    }
    return { status: 'ok', detail: `${dataDir} is writable, ${freeGiB} GiB free, owner-only (0700; database and logs 0600)` };
  },
};

/** The data dir, database files and host log where group or others have any access. */
function openToOthers(dataDir: string): string[] {
  const paths = [dataDir, ...['studio.db', 'studio.db-wal', 'studio.db-shm', join('logs', 'host.log')].map((f) => join(dataDir, f))];
  return paths.filter((p) => existsSync(p) && (statSync(p).mode & 0o077) !== 0).map((p) => `${p} (${(statSync(p).mode & 0o777).toString(8)})`);
}
