import type { DiagnoseProbeId } from '../../shared/jobs/system-diagnose.js';
import type { z } from 'zod';
import { chromiumProbe, webglProbe } from './chromium.js';
import { dataDirProbe } from './data-dir.js';
import { ffmpegProbe } from './ffmpeg.js';
import type { Probe } from './probe.js';
import { providersProbe } from './providers.js';
import { sqliteProbe, sqliteVecProbe } from './sqlite.js';

/** In the order a user reads them: storage first, then media tools, then AI services. */
export const PROBES: Record<z.infer<typeof DiagnoseProbeId>, Probe> = {
  'data-dir': dataDirProbe,
  sqlite: sqliteProbe,
  'sqlite-vec': sqliteVecProbe,
  ffmpeg: ffmpegProbe,
  chromium: chromiumProbe,
  webgl: webglProbe,
  providers: providersProbe,
};
export { runProbe, type Probe, type ProbeContext } from './probe.js';
