import { mkdirSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Probe } from './probe.js';

const LOW_SPACE_BYTES = 2 * 1024 ** 3;

export const dataDirProbe: Probe = {
  id: 'data-dir',
  label: 'Data directory',
  async run({ dataDir }) {
    for (const sub of ['media', 'logs']) mkdirSync(join(dataDir, sub), { recursive: true });
    const probeFile = join(dataDir, `.write-probe-${process.pid}`);
    writeFileSync(probeFile, 'ok');
    unlinkSync(probeFile);
    const fs = statfsSync(dataDir);
    const free = fs.bavail * fs.bsize;
    const freeGiB = (free / 1024 ** 3).toFixed(1);
    if (free < LOW_SPACE_BYTES) {
      return { status: 'warn', detail: `${dataDir} is writable but only ${freeGiB} GiB are free; renders and videos need more.` };
    }
    return { status: 'ok', detail: `${dataDir} is writable, ${freeGiB} GiB free` };
  },
};
