import { describe, expect, it } from 'vitest';
import { DeclaredStyle, Tags } from '../../../shared/schemas/shaders.js';
import { staticCheck } from '../../../shared/shaders/static-checks.js';
import { ShaderSource } from '../../../shared/shaders/source.js';
import { analyzePrompt, compose, FAMILY_IDS, PROCEDURAL_MODEL, resolvePalette, PALETTES, type FamilyId } from '../../../worker/generate/procedural/index.js';

const MID = { chaos: 0.5, colorTemperature: 0, motion: 0.5 };
const EXTREMES = [
  { chaos: 0, colorTemperature: -1, motion: 0 },
  { chaos: 1, colorTemperature: 1, motion: 1 },
  { chaos: 0, colorTemperature: 1, motion: 1 },
  { chaos: 1, colorTemperature: -1, motion: 0 },
  MID,
];

describe('procedural composer: determinism', () => {
  it('the same prompt, style and seed give the same shader', () => {
    const a = compose({ prompt: 'a hypnotic neon tunnel', style: MID, seed: 42 });
    const b = compose({ prompt: 'a hypnotic neon tunnel', style: MID, seed: 42 });
    expect(b).toEqual(a);
  });

  it('another seed varies the shader but keeps what the prompt asked for', () => {
    const a = compose({ prompt: 'glowing cells under a microscope', style: MID, seed: 1 });
    const b = compose({ prompt: 'glowing cells under a microscope', style: MID, seed: 2 });
    expect(b.source.image.code).not.toBe(a.source.image.code);
    expect(b.family).toBe(a.family);
  });

  it('labels itself as the procedural composer, never as a model', () => {
    const c = compose({ prompt: 'stars', style: MID, seed: 3 });
    expect(c.provider).toBe('procedural');
    expect(c.model).toBe(PROCEDURAL_MODEL);
    expect(c.source.image.code).toContain(`composed by ${PROCEDURAL_MODEL}`);
  });
});

describe('procedural composer: the prompt chooses family and palette', () => {
  const cases: Array<[string, FamilyId]> = [
    ['a hypnotic neon tunnel', 'tunnel'],
    ['infinite mandelbrot zoom', 'fractal'],
    ['chrome spheres, raymarched', 'raymarch'],
    ['stained glass voronoi', 'cells'],
    ['ocean waves at sunset', 'waves'],
    ['warp speed through the stars', 'stars'],
    ['groovy plasma', 'plasma'],
    ['a golden mandala kaleidoscope', 'kaleidoscope'],
    ['soft clouds drifting across the sky', 'clouds'],
    ['synthwave grid', 'grid'],
    ['a river of lava', 'fire'],
    ['northern lights over a lake', 'aurora'],
    ['a truchet maze', 'truchet'],
    ['moire rings', 'rings'],
    ['gooey jelly blobs', 'blobs'],
  ];
  for (const [prompt, family] of cases) {
    it(`"${prompt}" → ${family}`, () => {
      expect(compose({ prompt, style: MID, seed: 7 }).family).toBe(family);
    });
  }

  it('every family is reachable from words', () => {
    expect(new Set(cases.map(([, f]) => f))).toEqual(new Set(FAMILY_IDS));
  });

  it('colour words pick the palette; other prompts get different palettes', () => {
    expect(compose({ prompt: 'ocean tunnel', style: MID, seed: 1 }).paletteName).toBe('ocean');
    expect(compose({ prompt: 'tunnel of fire', style: MID, seed: 1 }).paletteName).toBe('fire');
    expect(compose({ prompt: 'frozen ice tunnel', style: MID, seed: 1 }).paletteName).toBe('ice');
    expect(compose({ prompt: 'a forest of cells', style: MID, seed: 1 }).paletteName).toBe('forest');
    expect(compose({ prompt: 'black and white rings', style: MID, seed: 1 }).paletteName).toBe('monochrome');
    const palettes = new Set(['ocean', 'sunset', 'neon', 'forest', 'ice', 'fire', 'pastel', 'gold'].map((w) => compose({ prompt: `${w} plasma`, style: MID, seed: 1 }).style.palette.join()));
    expect(palettes.size).toBe(8);
  });

  it('two colour words share the palette: shadows from the first, light from the second', () => {
    const c = compose({ prompt: 'calm ocean at sunset', style: MID, seed: 1 });
    expect(c.paletteName).toBe('ocean-sunset');
    expect(c.style.palette[0]).toBe('#02111b');
    expect(c.style.palette.at(-1)).toBe('#ffd27d');
  });

  it('a prompt with no known word still composes (chosen by seed and chaos)', () => {
    const families = new Set(Array.from({ length: 24 }, (_, i) => compose({ prompt: 'zorblax', style: MID, seed: i }).family));
    expect(families.size).toBeGreaterThan(4);
  });

  it('the title comes from the prompt; tags and style fit the shader schema', () => {
    const c = compose({ prompt: 'hypnotic ocean tunnel at sunset', style: MID, seed: 1 });
    expect(c.title).toBe('Hypnotic Ocean Tunnel');
    expect(Tags.parse(c.tags)).toEqual(c.tags);
    expect(c.tags).toEqual(expect.arrayContaining(['tunnel', 'ocean-sunset', 'hypnotic', 'procedural']));
    expect(DeclaredStyle.parse(c.style)).toEqual(c.style);
    expect(c.description).toContain('hypnotic ocean tunnel at sunset');
  });
});

describe('procedural composer: sliders and moods', () => {
  it('chaos sets the noise octaves and CHAOS; motion sets SPEED', () => {
    const calm = compose({ prompt: 'clouds', style: { chaos: 0, colorTemperature: 0, motion: 0 }, seed: 5 });
    const wild = compose({ prompt: 'clouds', style: { chaos: 1, colorTemperature: 0, motion: 1 }, seed: 5 });
    expect(calm.source.image.code).toMatch(/const int OCTAVES = 3;/);
    expect(wild.source.image.code).toMatch(/const int OCTAVES = 6;/);
    const speed = (code: string) => Number(/const float SPEED = ([\d.]+);/.exec(code)![1]);
    expect(speed(wild.source.image.code)).toBeGreaterThan(speed(calm.source.image.code) * 10);
    expect(wild.style.chaos).toBe(1);
    expect(calm.style.motion).toBe(0);
  });

  it('colour temperature shifts the palette warm or cool', () => {
    const cool = compose({ prompt: 'plasma', style: { chaos: 0.5, colorTemperature: -1, motion: 0.5 }, seed: 9 });
    const warm = compose({ prompt: 'plasma', style: { chaos: 0.5, colorTemperature: 1, motion: 0.5 }, seed: 9 });
    expect(warm.style.colorTemperature).toBeGreaterThan(cool.style.colorTemperature + 0.4);
    expect(warm.style.temperatureLabel).toBe('warm');
    expect(cool.style.temperatureLabel).toBe('cool');
  });

  it('temperature keeps each stop\'s brightness order (dark → bright)', () => {
    for (const p of PALETTES) {
      for (const t of [-1, 0, 1]) {
        const lum = resolvePalette(p, t).stops.map((c) => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]);
        for (let i = 1; i < lum.length; i++) expect(lum[i]! + 1e-3).toBeGreaterThanOrEqual(lum[i - 1]!);
      }
    }
  });

  it('mood words nudge the sliders and switch on post effects', () => {
    expect(analyzePrompt('a calm, serene lake').moods.has('calm')).toBe(true);
    const calm = compose({ prompt: 'calm waves', style: MID, seed: 1 });
    const wild = compose({ prompt: 'chaotic waves', style: MID, seed: 1 });
    expect(calm.style.chaos).toBeLessThan(wild.style.chaos);
    expect(compose({ prompt: 'glitch tunnel', style: MID, seed: 1 }).source.image.code).toContain('Glitch: rows of blocks');
    expect(compose({ prompt: 'retro rings', style: MID, seed: 1 }).source.image.code).toContain('sin(fragCoord.y * 3.14159)');
    expect(compose({ prompt: 'plain tunnel', style: MID, seed: 1 }).source.image.code).not.toContain('Glitch');
  });
});

describe('procedural composer: every family at every slider extreme is valid GLSL for the studio', () => {
  for (const family of FAMILY_IDS) {
    it(family, () => {
      for (const [i, style] of EXTREMES.entries()) {
        for (const seed of [1, 77]) {
          const c = compose({ prompt: 'something glowing', style, seed, family });
          expect(ShaderSource.parse(c.source)).toBeTruthy();
          const issues = staticCheck(c.source);
          expect(issues, `${family} extreme #${i} seed ${seed}: ${JSON.stringify(issues)}`).toEqual([]);
          // Only ASCII, only bounded loops, and the Shadertoy entry point.
          expect(/[^\x09\x0a\x0d\x20-\x7e]/.test(c.source.image.code)).toBe(false);
          expect(c.source.image.code).toMatch(/void mainImage\(out vec4 fragColor, in vec2 fragCoord\)/);
          expect(c.source.image.code).not.toMatch(/\bwhile\b/);
          expect(DeclaredStyle.safeParse(c.style).success).toBe(true);
          expect(c.title.length).toBeGreaterThan(0);
        }
      }
    });
  }
});
