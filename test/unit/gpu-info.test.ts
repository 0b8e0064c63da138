import { describe, expect, it } from 'vitest';
import { GpuInfoCache, parseNvidiaSmi } from '../../electron/host/system/gpu-info.js';

describe('nvidia-smi reading', () => {
  it('parses the csv,noheader,nounits query', () => {
    expect(parseNvidiaSmi('NVIDIA GeForce RTX 4090, 20871, 24564\n')).toEqual([{ name: 'NVIDIA GeForce RTX 4090', memoryFreeMiB: 20871, memoryTotalMiB: 24564 }]);
    expect(parseNvidiaSmi('NVIDIA H100 80GB HBM3, 81004, 81559\r\nTesla T4, 15095, 15360\r\n')).toHaveLength(2);
    expect(parseNvidiaSmi('No devices were found\n')).toEqual([]);
    expect(parseNvidiaSmi('NVIDIA A10, [N/A], [N/A]')).toEqual([]);
  });

  it('nvidia-smi absent → null, after a first "not read yet" undefined; cached between reads', async () => {
    let calls = 0;
    const missing = new GpuInfoCache(async () => {
      calls++;
      throw Object.assign(new Error('spawn nvidia-smi ENOENT'), { code: 'ENOENT' });
    }, 5000);
    expect(missing.current()).toBeUndefined();
    expect(await missing.refresh()).toBeNull();
    expect(missing.current()).toBeNull();
    expect(calls).toBe(1);

    const present = new GpuInfoCache(async () => 'NVIDIA GeForce RTX 3060, 10000, 12288\n', 5000);
    expect(await present.refresh()).toEqual({ name: 'NVIDIA GeForce RTX 3060', memoryFreeMiB: 10000, memoryTotalMiB: 12288 });
    expect(present.current()?.name).toBe('NVIDIA GeForce RTX 3060');
  });
});
