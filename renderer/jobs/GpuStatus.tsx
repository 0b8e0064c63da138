import { useQuery } from '@tanstack/react-query';
import type { GpuState } from '../../shared/schemas/system.js';
import { api } from '../api/client.js';

const GiB = 1024;

export function formatGpu(gpu: GpuState | null | undefined): string {
  if (gpu === undefined) return 'GPU: checking…';
  if (gpu === null) return 'No NVIDIA GPU detected';
  return `GPU: ${gpu.name} — ${(gpu.memoryFreeMiB / GiB).toFixed(1)} / ${(gpu.memoryTotalMiB / GiB).toFixed(1)} GiB free`;
}

/** One line for the Jobs header: the GPU that gpu-class jobs (ComfyUI, local LLMs) share. */
export function GpuStatus() {
  // The host caches nvidia-smi for ~5 s; polling a little slower keeps free VRAM roughly current.
  const health = useQuery({
    queryKey: ['health', 'gpu'],
    queryFn: ({ signal }) => api.call('health.get', { signal }),
    refetchInterval: 10_000,
  });
  if (!health.data) return null;
  const gpu = health.data.workers.gpu;
  return (
    <span className="muted small" data-testid="gpu-status" title="Read with nvidia-smi on the host" style={{ marginRight: '0.75rem' }}>
      {formatGpu(gpu)}
    </span>
  );
}
