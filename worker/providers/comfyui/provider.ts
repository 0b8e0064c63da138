import type { WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import type { ProviderModule, ProviderStatusReport } from '../types.js';
import { comboOptions, type SystemStats } from './api-types.js';
import { ComfyClient } from './client.js';
import { checkWorkflow } from './preflight.js';
import { fillTemplate, loadTemplate, WORKFLOW_NAMES } from './workflows.js';

const GiB = 1024 ** 3;

export function describeStats(stats: SystemStats): string {
  const d = stats.devices?.[0];
  const version = stats.system?.comfyui_version ? `ComfyUI ${stats.system.comfyui_version}` : 'ComfyUI';
  if (!d) return version;
  const vram = d.vram_total ? `, ${((d.vram_free ?? 0) / GiB).toFixed(1)} / ${(d.vram_total / GiB).toFixed(1)} GiB VRAM free` : '';
  return `${version} on ${d.name ?? d.type ?? 'unknown device'}${vram}`;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** ComfyUI as the image/video provider: status from /system_stats, models from /object_info. */
export const comfyuiProvider: ProviderModule = {
  id: 'comfyui',
  label: 'ComfyUI',
  capabilities: ['image', 'video'],
  embedded: false,

  async status(config: WorkerProviderConfig, signal: AbortSignal): Promise<ProviderStatusReport> {
    const client = new ComfyClient(config.comfyui.url);
    try {
      const stats = await client.systemStats(signal, 2000);
      // One node's info is cheap; the full /object_info can be megabytes with custom nodes.
      const ckpt = await client.http.json<Record<string, never>>('/object_info/CheckpointLoaderSimple', { signal, timeoutMs: 1500 }).catch(() => null);
      const models = comboOptions(ckpt?.['CheckpointLoaderSimple'], 'ckpt_name') ?? [];
      return {
        provider: 'comfyui',
        reachable: true,
        version: stats.system?.comfyui_version ?? null,
        detail: `${describeStats(stats)} at ${client.url}; ${models.length} checkpoint${models.length === 1 ? '' : 's'}`,
        models,
      };
    } catch (err) {
      return { provider: 'comfyui', reachable: false, version: null, detail: message(err) };
    }
  },

  async test(config: WorkerProviderConfig, signal: AbortSignal) {
    const t0 = Date.now();
    const client = new ComfyClient(config.comfyui.url);
    try {
      const stats = await client.systemStats(signal);
      const info = await client.objectInfo(signal);
      const ready: string[] = [];
      const missing: string[] = [];
      for (const name of WORKFLOW_NAMES) {
        const t = loadTemplate(name);
        const { workflow, values } = fillTemplate(t, name === 'img2img' ? { image: 'input.png' } : {});
        const report = checkWorkflow(t, workflow, values, info);
        if (report.ok) ready.push(name);
        else missing.push(`${name} needs ${[...report.missingNodes, ...report.missingModels.map((m) => `${m.folder}/${m.name}`)].join(', ')}`);
      }
      const detail = `${describeStats(stats)}; ${Object.keys(info).length} node types; ready: ${ready.join(', ') || 'none'}${missing.length ? `; ${missing.join('; ')}` : ''}`;
      return { ok: ready.length > 0, detail, ms: Date.now() - t0 };
    } catch (err) {
      return { ok: false, detail: message(err), ms: Date.now() - t0 };
    }
  },
};
