import { DIAGNOSE_PROBES, type SystemDiagnoseOutput } from '../../shared/jobs/system-diagnose.js';
import type { z } from 'zod';
import type { SystemDiagnoseInput } from '../../shared/jobs/system-diagnose.js';
import { PROBES, runProbe } from '../probes/index.js';
import { throwIfCancelled, type TaskHandler } from '../task-context.js';

/** Runs each probe deeply (a real encode, a real WebGL draw), one progress step per probe. */
export const systemDiagnoseTask: TaskHandler<z.infer<typeof SystemDiagnoseInput>, SystemDiagnoseOutput> = async (input, ctx) => {
  const ids = input.probes ?? [...DIAGNOSE_PROBES];
  const probes = [];
  for (const [i, id] of ids.entries()) {
    throwIfCancelled(ctx.signal);
    const probe = PROBES[id];
    ctx.progress(i / ids.length, `Checking ${probe.label}…`);
    const result = await runProbe(probe, { dataDir: ctx.dataDir, signal: ctx.signal, env: process.env, deep: true, providers: ctx.providers });
    ctx.log(result.status === 'error' ? 'warn' : 'info', `${probe.label}: ${result.status} — ${result.detail}`);
    probes.push(result);
  }
  throwIfCancelled(ctx.signal);
  ctx.progress(1, 'Done');
  return { ok: probes.every((p) => p.status !== 'error'), probes };
};
