import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { staticCheck } from '../../../shared/shaders/static-checks.js';
import { loadSeedLibrary } from '../../../worker/generate/seed-library.js';

const seeds = loadSeedLibrary();

describe('seed shader library', () => {
  it('ships at least 40 shaders with unique titles', () => {
    expect(seeds.length).toBeGreaterThanOrEqual(40);
    expect(new Set(seeds.map((s) => s.title)).size).toBe(seeds.length);
  });

  it('covers the families the feed needs (raymarch, fractal, feedback buffers …)', () => {
    const tags = new Set(seeds.flatMap((s) => s.tags));
    for (const t of ['raymarch', 'tunnel', 'fractal', 'voronoi', 'fbm', 'plasma', 'kaleidoscope', 'stars', 'waves', 'metaballs', 'truchet', 'reaction-diffusion', 'aurora', 'lava', 'synthwave', 'ink', 'rings', 'glitch', 'moire', 'flow-field', 'feedback']) {
      expect(tags, `no seed is tagged "${t}"`).toContain(t);
    }
    const multipass = seeds.filter((s) => s.source.buffers.length > 0);
    expect(multipass.length).toBeGreaterThanOrEqual(2);
    // Feedback shaders read their own buffer.
    for (const s of multipass) expect(s.source.buffers[0]!.channels[0]).toMatchObject({ type: 'buffer', id: s.source.buffers[0]!.id });
  });

  it('mixes calm and chaotic, warm and cool, 2D and 3D', () => {
    const chaos = seeds.map((s) => s.style.chaos);
    expect(Math.min(...chaos)).toBeLessThan(0.2);
    expect(Math.max(...chaos)).toBeGreaterThan(0.8);
    const labels = new Set(seeds.map((s) => s.style.temperatureLabel));
    expect(labels).toEqual(new Set(['warm', 'cool', 'neutral']));
    expect(seeds.filter((s) => s.shaderType === '3d').length).toBeGreaterThanOrEqual(8);
  });

  for (const s of seeds) {
    it(`${s.slug} passes the static checks with no findings`, () => {
      expect(staticCheck(s.source)).toEqual([]);
      // Every pass is a Shadertoy mainImage program; buffers are declared once.
      expect(s.source.image.code).toMatch(/void\s+mainImage\s*\(\s*out\s+vec4\s+\w+\s*,\s*in\s+vec2\s+\w+\s*\)/);
      for (const b of s.source.buffers) expect(b.code).toMatch(/void\s+mainImage/);
      expect(s.style.palette.length).toBeGreaterThanOrEqual(3);
    });
  }
});

describe('loadSeedLibrary refuses broken files with the file name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auteur-seeds-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file and the field', () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ title: 'Bad', description: 'x', tags: ['a'], style: { chaos: 2 }, source: { image: { code: 'void mainImage(out vec4 c, in vec2 f){c=vec4(1.0);}' } } }));
    expect(() => loadSeedLibrary(dir)).toThrow(/bad\.json[\s\S]*chaos/);
  });

  it('refuses duplicate titles', () => {
    rmSync(join(dir, 'bad.json'));
    const one = { title: 'Same', description: 'x', tags: ['a'], style: { chaos: 0.1, colorTemperature: 0, temperatureLabel: 'neutral', motion: 0.1, motionType: 'slow', geometry: 'abstract_2d', palette: ['#000000', '#ffffff', '#ff0000'] }, source: { image: { code: 'void mainImage(out vec4 c, in vec2 f){c=vec4(1.0);}' } } };
    writeFileSync(join(dir, 'a.json'), JSON.stringify(one));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(one));
    expect(() => loadSeedLibrary(dir)).toThrow(/a and b share the title "Same"/);
  });
});
