import { z } from 'zod';
import { ProbeResult } from '../schemas/system.js';
import { defineJobKind } from './define.js';

export const DIAGNOSE_PROBES = ['data-dir', 'sqlite', 'sqlite-vec', 'ffmpeg', 'chromium', 'webgl', 'providers'] as const;
export const DiagnoseProbeId = z.enum(DIAGNOSE_PROBES);

export const SystemDiagnoseInput = z.object({
  probes: z.array(DiagnoseProbeId).min(1).optional().describe('Subset of probes to run; all when omitted'),
});
export const SystemDiagnoseOutput = z.object({
  ok: z.boolean().describe('True when no probe reported an error'),
  probes: z.array(ProbeResult),
});
export type SystemDiagnoseOutput = z.infer<typeof SystemDiagnoseOutput>;

export const systemDiagnose = defineJobKind({
  kind: 'system.diagnose',
  title: 'Diagnose this machine',
  description: 'Probes the data dir, SQLite + sqlite-vec, ffmpeg, Chromium/WebGL and configured providers, one progress step each.',
  resource: 'io',
  input: SystemDiagnoseInput,
  output: SystemDiagnoseOutput,
  maxAttempts: 3,
  timeoutMs: 120_000,
  // Every probe ran (the result is complete), but a machine with a broken probe is not "fine".
  verdict: (out) => {
    const bad = out.probes.filter((p) => p.status === 'error');
    return bad.length ? { outcome: 'problems', message: `${bad.length} probe${bad.length === 1 ? '' : 's'} reported an error: ${bad.map((p) => `${p.label}: ${p.detail}`).join('; ')}` } : { outcome: 'succeeded' };
  },
});
