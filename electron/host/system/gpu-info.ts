import { execFile } from 'node:child_process';
import type { GpuState } from '../../../shared/schemas/system.js';

export const NVIDIA_SMI_ARGS = ['--query-gpu=name,memory.free,memory.total', '--format=csv,noheader,nounits'];

/** Parses `nvidia-smi --query-gpu=name,memory.free,memory.total --format=csv,noheader,nounits`: one GPU per line. */
export function parseNvidiaSmi(stdout: string): GpuState[] {
  const gpus: GpuState[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    // Names may contain commas in theory; the two numbers are always last.
    const parts = line.split(',').map((p) => p.trim());
    if (parts.length < 3) continue;
    const total = Number(parts.pop());
    const free = Number(parts.pop());
    const name = parts.join(', ');
    if (!name || !Number.isFinite(free) || !Number.isFinite(total)) continue;
    gpus.push({ name, memoryFreeMiB: Math.round(free), memoryTotalMiB: Math.round(total) });
  }
  return gpus;
}

export type SmiRunner = () => Promise<string>;

function runNvidiaSmi(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.env.NVIDIA_SMI_PATH || 'nvidia-smi', NVIDIA_SMI_ARGS, { timeout: 3000, windowsHide: true }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

/**
 * The first NVIDIA GPU's name and free/total memory, cached for ttlMs. Reading is synchronous for
 * the pool state: it returns the last value (undefined before the first read, null when
 * nvidia-smi is absent or fails) and refreshes in the background when stale.
 */
export class GpuInfoCache {
  /** undefined until the first reading finishes, so "not read yet" never looks like "no GPU". */
  private value: GpuState | null | undefined = undefined;
  private readAt = 0;
  private inflight: Promise<GpuState | null> | null = null;

  constructor(
    private readonly run: SmiRunner = runNvidiaSmi,
    private readonly ttlMs = 5000,
  ) {}

  current(): GpuState | null | undefined {
    if (Date.now() - this.readAt > this.ttlMs) void this.refresh();
    return this.value;
  }

  /** Reads now (deduplicated); never throws. */
  refresh(): Promise<GpuState | null> {
    this.inflight ??= this.run()
      .then((out) => parseNvidiaSmi(out)[0] ?? null)
      .catch(() => null)
      .then((v) => {
        this.value = v;
        this.readAt = Date.now();
        this.inflight = null;
        return v;
      });
    return this.inflight;
  }
}

/** One cache per host process, shared by /health and /system. */
export const gpuInfo = new GpuInfoCache();
