import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeIO } from '@gltf-transform/core';
import { afterAll, describe, expect, it } from 'vitest';
import { worldAssetId } from '../../shared/world/asset-id.js';
import { WORLD_BUDGETS } from '../../shared/world/budgets.js';
import { composeRecipe } from '../../shared/world/compose-recipe.js';
import { RecipeShape, type Recipe } from '../../shared/world/recipe.js';
import { SHAPES } from '../../shared/world/vocabulary.js';
import { generateWorldAsset } from '../../worker/world/pipeline.js';
import { validateGlb } from '../../worker/world/validate-glb.js';

const dir = mkdtempSync(join(tmpdir(), 'auteur-world-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Flat textures keep the 29-shape sweep cheap; the textured path is covered per kind below. */
const flat = (r: Recipe): Recipe => ({ ...r, generationPlan: { ...r.generationPlan, textureStrategy: 'flat' } });

async function trianglesIn(path: string): Promise<{ tris: number; textures: number[] }> {
  const doc = await new NodeIO().read(path);
  let tris = 0;
  for (const mesh of doc.getRoot().listMeshes()) for (const p of mesh.listPrimitives()) tris += p.getIndices()!.getCount() / 3;
  const textures = doc.getRoot().listTextures().map((t) => t.getSize()![0]);
  return { tris, textures };
}

describe('world procedural generators', () => {
  it.each(RecipeShape.options.map((s) => [s]))('%s → GLBs that validate, within the triangle budgets, sized and pivoted', async (shape) => {
    const recipe = flat(composeRecipe(`a ${SHAPES[shape].words[0]}`).recipe);
    expect(recipe.shape).toBe(shape);
    const a = await generateWorldAsset(recipe, { workDir: join(dir, shape) });
    const budget = WORLD_BUDGETS[recipe.kind];
    expect(a.glbPaths).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      const v = await validateGlb(new Uint8Array(readFileSync(a.glbPaths[i]!)));
      expect(v.errors, v.messages.join('; ')).toBe(0);
      const { tris } = await trianglesIn(a.glbPaths[i]!);
      expect(tris).toBe(a.triangles[i]);
      expect(tris).toBeGreaterThan(0);
      expect(tris).toBeLessThanOrEqual(budget.lods[i]![1]);
    }
    expect(a.triangles[1]).toBeLessThanOrEqual(a.triangles[0]!);
    expect(a.triangles[2]).toBeLessThanOrEqual(a.triangles[1]!);
    // metres: the bounds are the recipe's box; pivot at ground contact (min y = 0, centred in x/z)
    for (let k = 0; k < 3; k++) expect(a.boundsMeters.max[k]! - a.boundsMeters.min[k]!).toBeCloseTo(recipe.scaleMeters[k]!, 3);
    expect(a.boundsMeters.min[1]).toBeCloseTo(0, 4);
    expect(a.boundsMeters.min[0] + a.boundsMeters.max[0]).toBeCloseTo(0, 4);
    expect(a.boundsMeters.min[2] + a.boundsMeters.max[2]).toBeCloseTo(0, 4);
    expect(a.massKg).toBeGreaterThan(0);
    expect(a.collider.type).toBe(recipe.physics.collider);
    if (a.collider.type === 'convex_hull') expect(a.collider.points.length).toBeGreaterThanOrEqual(12);
    if (a.collider.type === 'trimesh') expect(a.collider.indices.length % 3).toBe(0);
    expect(a.assetId).toBe(worldAssetId(recipe));
  }, 60_000);

  it.each([['a wooden crate'], ['a knight'], ['a stone tower'], ['a crater']])('%s: textures baked at the budget of its kind', async (prompt) => {
    const recipe = composeRecipe(prompt).recipe;
    const a = await generateWorldAsset(recipe, { workDir: join(dir, 'tex', prompt.replace(/\W+/g, '_')) });
    const [small, normal] = WORLD_BUDGETS[recipe.kind].texture;
    expect([small, normal]).toContain(a.textureSize);
    const lod0 = await trianglesIn(a.glbPaths[0]!);
    expect(lod0.textures.length).toBe(recipe.materials.length);
    for (const t of lod0.textures) expect(t).toBe(a.textureSize);
    expect(Math.max(...(await trianglesIn(a.glbPaths[2]!)).textures)).toBeLessThan(a.textureSize);
  }, 60_000);

  it('is deterministic: the same recipe gives the same bytes and assetId; another seed another asset', async () => {
    const recipe = flat(composeRecipe('a big mossy rock').recipe);
    const a = await generateWorldAsset(recipe, { workDir: join(dir, 'det-a') });
    const b = await generateWorldAsset(recipe, { workDir: join(dir, 'det-b') });
    expect(a.assetId).toBe(b.assetId);
    expect(readFileSync(a.glbPaths[0]!).equals(readFileSync(b.glbPaths[0]!))).toBe(true);
    const c = await generateWorldAsset({ ...recipe, seed: recipe.seed + 1 }, { workDir: join(dir, 'det-c') });
    expect(c.assetId).not.toBe(a.assetId);
    expect(readFileSync(c.glbPaths[0]!).equals(readFileSync(a.glbPaths[0]!))).toBe(false);
  }, 60_000);

  it('mass is density × volume: twice the size, eight times the mass; massScale and an explicit massKg are honoured', async () => {
    const r = flat(composeRecipe('a barrel').recipe);
    const one = await generateWorldAsset(r, { workDir: join(dir, 'm1') });
    const two = await generateWorldAsset({ ...r, scaleMeters: r.scaleMeters.map((v) => v * 2) as [number, number, number] }, { workDir: join(dir, 'm2') });
    expect(two.massKg / one.massKg).toBeCloseTo(8, 1);
    const heavy = await generateWorldAsset({ ...r, params: { ...r.params, massScale: 2 } }, { workDir: join(dir, 'm3') });
    expect(heavy.massKg / one.massKg).toBeCloseTo(2, 2);
    const fixed = await generateWorldAsset({ ...r, physics: { ...r.physics, massKg: 12 } }, { workDir: join(dir, 'm4') });
    expect(fixed.massKg).toBe(12);
  }, 60_000);

  it('a world triangle cap lowers LOD0 under it', async () => {
    const r = flat(composeRecipe('a knight').recipe);
    const a = await generateWorldAsset(r, { workDir: join(dir, 'cap'), maxTriangles: 1200 });
    expect(a.triangles[0]).toBeLessThanOrEqual(1200);
    expect((await validateGlb(new Uint8Array(readFileSync(a.glbPaths[0]!)))).errors).toBe(0);
  }, 60_000);

  it('a terrain stamp carries its height grid (a crater dips below the ground, its rim above)', async () => {
    const r = flat(composeRecipe('a crater').recipe);
    const a = await generateWorldAsset(r, { workDir: join(dir, 'stamp') });
    expect(a.terrainStamp).toMatchObject({ widthM: r.scaleMeters[0], depthM: r.scaleMeters[2], resolution: 32 });
    const h = a.terrainStamp!.heights;
    expect(h).toHaveLength(33 * 33);
    expect(h[16 * 33 + 16]!).toBeLessThan(0); // the bowl
    expect(Math.max(...h)).toBeGreaterThan(0.3 * r.scaleMeters[1]); // the rim
    expect(h[0]).toBeCloseTo(0, 3); // the border meets the ground
    expect((await generateWorldAsset(flat(composeRecipe('a barrel').recipe), { workDir: join(dir, 'nostamp') })).terrainStamp).toBeNull();
  }, 60_000);

  it('the character is segmented: one node per body part, pivots at the joints', async () => {
    const a = await generateWorldAsset(flat(composeRecipe('a villager').recipe), { workDir: join(dir, 'seg') });
    const doc = await new NodeIO().read(a.glbPaths[0]!);
    const names = doc.getRoot().listNodes().map((n) => n.getName());
    for (const part of ['torso', 'head', 'arm_l_upper', 'arm_r_lower', 'leg_l_upper', 'leg_r_lower', 'foot_l', 'hand_r']) expect(names).toContain(part);
    const head = doc.getRoot().listNodes().find((n) => n.getName() === 'head')!;
    expect(head.getTranslation()[1]).toBeGreaterThan(1.2); // the neck, in metres above the ground
  }, 60_000);
});
