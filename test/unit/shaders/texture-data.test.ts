import { describe, expect, it, vi } from 'vitest';
import { TEXTURE_NAMES } from '../../../shared/shaders/source.js';
import { textureData } from '../../../renderer/shader-runtime/texture-data.js';

describe('generated channel textures', () => {
  it('exist for every TEXTURE_NAME with the documented sizes', () => {
    const sizes = Object.fromEntries(TEXTURE_NAMES.map((n) => [n, [textureData(n).width, textureData(n).height]]));
    expect(sizes).toEqual({ 'noise-rgba-256': [256, 256], 'noise-gray-256': [256, 256], 'noise-rgba-64': [64, 64], 'organic-256': [256, 256], 'bayer-8': [8, 8] });
    for (const n of TEXTURE_NAMES) expect(textureData(n).pixels.length).toBe(textureData(n).width * textureData(n).height * 4);
  });

  it('are deterministic: a fresh module generates the same bytes', async () => {
    vi.resetModules();
    const again = await import('../../../renderer/shader-runtime/texture-data.js');
    expect(again.textureData).not.toBe(textureData);
    for (const n of TEXTURE_NAMES) expect(Buffer.compare(Buffer.from(again.textureData(n).pixels), Buffer.from(textureData(n).pixels))).toBe(0);
  });

  it('RGBA noise keeps G = R and A = B shifted by (37, 17), the layout 2D-texture 3D-noise lookups rely on', () => {
    const { pixels, width } = textureData('noise-rgba-256');
    const at = (x: number, y: number, c: number) => pixels[(((y + 256) % 256) * width + ((x + 256) % 256)) * 4 + c]!;
    for (const [x, y] of [[0, 0], [40, 20], [255, 255], [100, 3]] as const) {
      expect(at(x, y, 1)).toBe(at(x - 37, y - 17, 0));
      expect(at(x, y, 3)).toBe(at(x - 37, y - 17, 2));
    }
    // Uniform bytes: the mean of the red channel is close to 127.5.
    let sum = 0;
    for (let i = 0; i < pixels.length; i += 4) sum += pixels[i]!;
    expect(sum / (pixels.length / 4)).toBeGreaterThan(124);
    expect(sum / (pixels.length / 4)).toBeLessThan(131);
  });

  it('Bayer 8×8 holds each of the 64 thresholds once, starting [[0, 32], [48, 16]] like the classic matrix', () => {
    const { pixels } = textureData('bayer-8');
    const levels = Array.from({ length: 64 }, (_, i) => Math.round((pixels[i * 4]! / 255) * 64 - 0.5));
    expect(new Set(levels).size).toBe(64);
    expect([levels[0], levels[1], levels[8], levels[9]]).toEqual([0, 32, 48, 16]);
  });

  it('gray noise is grey and the organic texture is smooth (neighbours close, unlike noise)', () => {
    const g = textureData('noise-gray-256').pixels;
    expect(g[0]).toBe(g[1]);
    expect(g[1]).toBe(g[2]);
    const diff = (name: 'organic-256' | 'noise-gray-256') => {
      const p = textureData(name).pixels;
      let d = 0;
      for (let i = 0; i < 255 * 4; i += 4) d += Math.abs(p[i]! - p[i + 4]!);
      return d / 255;
    };
    expect(diff('organic-256')).toBeLessThan(diff('noise-gray-256') / 10);
  });
});
