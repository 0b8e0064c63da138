import { describe, expect, it } from 'vitest';
import { glslFeatures } from '../../electron/host/shaders/glsl-features.js';
import { deriveStyle, temperatureOf } from '../../electron/host/shaders/style-metadata.js';
import { embedText, STYLE_DIMS, styleVector, textStyleVector } from '../../electron/host/shaders/style-vector.js';
import { cosine, l2norm } from '../../electron/host/shaders/text-hash.js';
import { FAMILY_TAGS, FAMILY_TITLES, familyGlsl, familyStats, type Family } from '../helpers/shader-fixtures.js';

const vec = (f: Family, i: number, withStats = true) =>
  styleVector({ source: familyGlsl(f, i), title: FAMILY_TITLES[f][i]!, tags: FAMILY_TAGS[f], description: null, stats: withStats ? familyStats(f, i + 1) : null });

describe('style vector', () => {
  it('is 512-d, unit length and deterministic', () => {
    const a = vec('tunnel', 2);
    const b = vec('tunnel', 2);
    expect(a.length).toBe(STYLE_DIMS);
    expect(l2norm(a)).toBeCloseTo(1, 5);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(l2norm(vec('noise', 1, false))).toBeCloseTo(1, 5);
  });

  it('puts shaders of one family closer together than shaders of different families', () => {
    for (const [f, other] of [['tunnel', 'gradient'], ['gradient', 'noise'], ['noise', 'tunnel']] as const) {
      const same = cosine(vec(f, 1), vec(f, 6));
      const diff = cosine(vec(f, 1), vec(other, 1));
      expect(same).toBeGreaterThan(diff + 0.2);
    }
  });

  it('uses the frames: the same code with different renders moves apart', () => {
    const src = familyGlsl('gradient', 0);
    const base = { source: src, title: 'Same', tags: [], description: null };
    const calm = styleVector({ ...base, stats: familyStats('gradient', 1) });
    const calm2 = styleVector({ ...base, stats: familyStats('gradient', 2) });
    const busy = styleVector({ ...base, stats: familyStats('tunnel', 1) });
    expect(cosine(calm, calm2)).toBeGreaterThan(cosine(calm, busy));
  });

  it('mixes in an optional model embedding as its own block', () => {
    const a = styleVector({ source: familyGlsl('noise', 0), title: 'x', tags: [], extra: [0.1, 0.5, -0.2, 0.9] });
    const b = styleVector({ source: familyGlsl('noise', 0), title: 'x', tags: [] });
    expect(cosine(a, b)).toBeLessThan(0.999);
    expect(l2norm(a)).toBeCloseTo(1, 5);
  });
});

describe('text embedding', () => {
  it('treats reworded desires as the same wish and unrelated ones as different', () => {
    expect(cosine(embedText('I want a neon tunnel with purple fog'), embedText('purple fog in a neon tunnel'))).toBeGreaterThan(0.82);
    expect(cosine(embedText('ocean waves at sunset'), embedText('sunset over the ocean waves'))).toBeGreaterThan(0.82);
    expect(cosine(embedText('ocean waves at sunset'), embedText('neon tunnel with purple fog'))).toBeLessThan(0.3);
  });

  it('places prompts in style space near shaders described alike', () => {
    const prompt = textStyleVector('a fiery warm tunnel');
    expect(cosine(prompt, vec('tunnel', 3))).toBeGreaterThan(cosine(prompt, vec('gradient', 3)));
  });
});

describe('GLSL features and style metadata', () => {
  it('recognises raymarching, loop bounds from #define, and fbm noise', () => {
    const t = glslFeatures(familyGlsl('tunnel', 0));
    expect(t.constructs.raymarch).toBeGreaterThan(0.5);
    expect(t.loopWork).toBe(64);
    const n = glslFeatures(familyGlsl('noise', 0));
    expect(n.constructs.fbm).toBeGreaterThan(0.3);
    expect(n.constructs.raymarch).toBe(0);
    expect(glslFeatures(familyGlsl('gradient', 0)).constructs.raymarch).toBe(0);
  });

  it('derives chaos, warmth, motion and palette from the frames', () => {
    const warm = deriveStyle({ stats: familyStats('tunnel', 1), isStatic: false, frameMs: 12, features: glslFeatures(familyGlsl('tunnel', 1)), declared: null });
    const calm = deriveStyle({ stats: familyStats('gradient', 1), isStatic: false, frameMs: 1, features: glslFeatures(familyGlsl('gradient', 1)), declared: { geometry: 'sky' } });
    expect(warm.temperatureLabel).toBe('warm');
    expect(calm.temperatureLabel).toBe('cool');
    expect(warm.chaos).toBeGreaterThan(calm.chaos);
    expect(warm.motion).toBeGreaterThan(calm.motion);
    expect(warm.geometry).toBe('raymarched_3d');
    expect(calm.geometry).toBe('sky');
    expect(warm.palette.length).toBeGreaterThan(0);
    for (const c of warm.palette) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(temperatureOf(familyStats('noise', 1)).label).toBe('monochrome');
  });
});
