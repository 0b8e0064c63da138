import { describe, expect, it } from 'vitest';
import { composeRecipe, promptSeed } from '../../shared/world/compose-recipe.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { RECIPE_LIMITS, Recipe, SHAPE_KIND, normalizeRecipe } from '../../shared/world/recipe.js';
import { SHAPES } from '../../shared/world/vocabulary.js';

const NOUNS = ['crate', 'barrel', 'table', 'chair', 'lamp', 'rock', 'tree', 'bench', 'wall', 'tower', 'house', 'bridge', 'robot',
  'knight', 'hill', 'crater', 'vase', 'bottle', 'stairs', 'fence', 'arch', 'pillar', 'ball', 'mound', 'teapot', 'spaceship', 'dragon'];
const MODS = ['', 'rusty', 'tiny', 'huge', 'old wooden', 'red', 'shiny metal', 'stone', '3m tall', 'heavy', 'glass', 'lowpoly', 'bouncy rubber',
  '50 cm wide', 'weathered brick', 'giant golden', 'small blue plastic', '12 ft long'];

/** 27 × 18 = 486 prompt shapes; take 200 spread over them, plus odd inputs. */
function prompts(): string[] {
  const all: string[] = [];
  for (const n of NOUNS) for (const m of MODS) all.push(m.includes('tall') || m.includes('wide') || m.includes('long') ? `a ${n} ${m}` : `a ${m} ${n}`.replace(/\s+/g, ' '));
  const picked = all.filter((_, i) => i % 2 === 0).slice(0, 190);
  return [...picked, '', '   ', '!!!', 'a 99999 km tall tower', 'a 0.0001 mm pebble', 'ＡＢＣ crate', 'x'.repeat(2000), 'a crate\nwith\ttabs', '🙂 barrel', 'the'];
}

describe('world recipe composer', () => {
  const list = prompts();
  it('covers 200 prompts', () => expect(list).toHaveLength(200));

  it.each(list.map((p) => [p]))('%j → a valid recipe of sane size', (prompt) => {
    const { recipe, placeholder, fallback, reason } = composeRecipe(prompt);
    expect(Recipe.safeParse(recipe).success).toBe(true);
    expect(normalizeRecipe(JSON.parse(JSON.stringify(recipe)))).toMatchObject({ ok: true, warnings: [] });
    expect(SHAPE_KIND[recipe.shape]).toBe(recipe.kind);
    for (const v of recipe.scaleMeters) {
      expect(v).toBeGreaterThanOrEqual(RECIPE_LIMITS.sizeMeters.min);
      expect(v).toBeLessThanOrEqual(RECIPE_LIMITS.sizeMeters.max);
    }
    // sane: no axis more than 200× another for props and characters (a plank is fine, a needle is not)
    if (recipe.kind === 'prop' || recipe.kind === 'character') expect(Math.max(...recipe.scaleMeters) / Math.min(...recipe.scaleMeters)).toBeLessThan(200);
    expect(placeholder.sizeMeters).toEqual(recipe.scaleMeters);
    expect(placeholder.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(placeholder.massKg).toBeGreaterThan(0);
    expect(recipe.physics.massKg).toBeUndefined();
    expect(fallback).toBe(reason !== undefined);
    expect(recipe.name.length).toBeGreaterThan(0);
  });

  it('understands the vocabulary: shape, material, colour, size words, dimensions', () => {
    const a = composeRecipe('a tiny red wooden chair');
    expect(a.recipe.shape).toBe('chair');
    expect(a.recipe.materials[0]).toMatchObject({ type: 'wood', color: '#b83a32' });
    expect(a.recipe.scaleMeters[1]).toBeLessThan(SHAPES.chair.size[1]);
    expect(composeRecipe('a stone wall 10m long').recipe).toMatchObject({ shape: 'wall', kind: 'structure', scaleMeters: [10, 2.5, 0.3] });
    expect(composeRecipe('a 2m tall robot').recipe.scaleMeters[1]).toBe(2);
    expect(composeRecipe('a street lamp').recipe.shape).toBe('lamp');
    expect(composeRecipe('a stone').recipe.shape).toBe('rock');
    expect(composeRecipe('a grassy hill').recipe.kind).toBe('terrain_stamp');
    expect(composeRecipe('a rusty barrel').recipe.materials[0]!.type).toBe('rust');
    expect(composeRecipe('an anchored crate').recipe.physics.body).toBe('static');
  });

  it('says plainly when it falls back to a generic shape', () => {
    const c = composeRecipe('a flying spaghetti monster');
    expect(c.fallback).toBe(true);
    expect(c.recipe.shape).toBe('box');
    expect(c.reason).toMatch(/no known object kind in "a flying spaghetti monster"/);
    const k = composeRecipe('a tall tower', { allowedKinds: ['prop'] });
    expect(k).toMatchObject({ fallback: true, recipe: { shape: 'box' } });
    expect(k.reason).toMatch(/does not allow structure/);
    expect(composeRecipe('a barrel').fallback).toBe(false);
  });

  it('is deterministic and folds the world style in', () => {
    expect(composeRecipe('a barrel')).toEqual(composeRecipe('a barrel'));
    expect(composeRecipe('a barrel').recipe.seed).toBe(promptSeed('a barrel'));
    expect(composeRecipe('a barrel', { style: 'lowpoly' }).recipe.style).toBe('lowpoly');
  });
});

describe('world recipe schema', () => {
  const base = { kind: 'prop', shape: 'crate', name: 'Crate', scaleMeters: [1, 1, 1], materials: [{ type: 'wood' }], physics: {} };

  it('clamps out-of-range numbers and names the field', () => {
    const r = normalizeRecipe({ ...base, scaleMeters: [1, 5000, 0.001], physics: { massKg: -4 }, materials: [{ type: 'wood', roughness: 3 }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.recipe.scaleMeters).toEqual([1, 200, 0.05]);
    expect(r.recipe.physics.massKg).toBe(0.01);
    expect(r.warnings).toEqual(['scaleMeters[1] 5000 clamped to 200', 'scaleMeters[2] 0.001 clamped to 0.05', 'physics.massKg -4 clamped to 0.01', 'materials[0].roughness 3 clamped to 1']);
  });

  it('refuses missing, non-finite and unknown values with the field named', () => {
    expect(normalizeRecipe({ ...base, scaleMeters: [1, Number.NaN, 1] })).toMatchObject({ ok: false, field: 'scaleMeters.1' });
    expect(normalizeRecipe({ ...base, scaleMeters: [1, Infinity, 1] })).toMatchObject({ ok: false, field: 'scaleMeters.1' });
    expect(normalizeRecipe({ ...base, shape: 'spaceship' })).toMatchObject({ ok: false, field: 'shape' });
    expect(normalizeRecipe({ ...base, materials: [] })).toMatchObject({ ok: false, field: 'materials' });
    expect(normalizeRecipe({ ...base, colour: 'red' })).toMatchObject({ ok: false });
    const { name: _n, ...noName } = base;
    const r = normalizeRecipe(noName);
    expect(r).toMatchObject({ ok: false, field: 'name' });
    if (!r.ok) expect(r.error).toMatch(/^recipe\.name/);
    expect(normalizeRecipe('crate')).toMatchObject({ ok: false, field: '(root)' });
  });

  it('takes the kind from the shape when they disagree, saying so', () => {
    const r = normalizeRecipe({ ...base, kind: 'structure' });
    expect(r).toMatchObject({ ok: true, recipe: { kind: 'prop' } });
    expect(r.warnings[0]).toMatch(/kind 'structure' does not fit shape 'crate'/);
  });

  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 }));
  });
});
