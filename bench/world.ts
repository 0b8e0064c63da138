// World studio benchmarks: the offline recipe composer (what POST /world/jobs answers a placeholder
// with) against zod-validating the same recipe; prompt → procedural GLB ready (template, textures,
// LODs, collider, validated GLB files) per kind against writing a one-box GLB with the same library;
// and a Rapier step with 500 dynamic bodies against 50, in the same process.
// Standalone: `npx tsx bench/world.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import RAPIER from '@dimforge/rapier3d-compat';
import { composeRecipe } from '../shared/world/compose-recipe.js';
import { Recipe } from '../shared/world/recipe.js';
import { SHAPES } from '../shared/world/vocabulary.js';
import { writeGlb } from '../worker/world/glb.js';
import { MeshBuilder } from '../worker/world/mesh-builder.js';
import { createPhysicsWorld, stepClamped, type PhysicsBody } from '../worker/world/physics.js';
import { generateWorldAsset } from '../worker/world/pipeline.js';
import { percentile, printTable, row, type BenchRow } from './table.js';

const MODIFIERS = ['', 'rusty ', 'tiny red ', 'huge old wooden ', 'shiny metal ', '2m tall ', 'heavy stone ', 'bouncy rubber '];
const PROMPTS = Object.values(SHAPES).flatMap((s) => s.words.slice(0, 2)).flatMap((w) => MODIFIERS.map((m) => `a ${m}${w}`));

function timeEach<T>(items: readonly T[], fn: (t: T) => unknown): number[] {
  for (const t of items.slice(0, 20)) fn(t); // JIT warm-up
  return items.map((t) => {
    const s = performance.now();
    fn(t);
    return performance.now() - s;
  });
}

async function timeAsync(runs: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  await fn(-1);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn(i);
    out.push(performance.now() - s);
  }
  return out;
}

function stepTimes(bodies: number, steps: number): number[] {
  const box: PhysicsBody['collider'] = { type: 'box', center: [0, 0.25, 0], halfExtents: [0.25, 0.25, 0.25] };
  const list: PhysicsBody[] = Array.from({ length: bodies }, (_, i) => ({ collider: box, massKg: 10, position: [(i % 10) - 4.5, 0.6 + Math.floor(i / 100) * 0.6, (Math.floor(i / 10) % 10) - 4.5] }));
  const { world } = createPhysicsWorld(RAPIER, list, { canSleep: false });
  for (let i = 0; i < 60; i++) stepClamped(world); // land and warm up; no sleeping, so every step simulates every body
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const s = performance.now();
    stepClamped(world);
    out.push(performance.now() - s);
  }
  world.free();
  return out;
}

export async function benchWorld(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const recipes = PROMPTS.map((p) => composeRecipe(p).recipe);
  const compose = timeEach(PROMPTS, (p) => composeRecipe(p));
  const validate = timeEach(recipes, (r) => Recipe.parse(r));
  rows.push(row(`world: compose recipe + placeholder, per prompt (${PROMPTS.length} prompts, p95 ${percentile(compose, 95).toFixed(2)} ms) vs zod-validating it`, compose, validate));

  const dir = mkdtempSync(join(tmpdir(), 'auteur-bench-world-'));
  try {
    const b = new MeshBuilder();
    b.box(0, 0.25, 0, 0.5, 0.5, 0.5);
    const boxRecipe = composeRecipe('a box').recipe;
    const boxGlb = await timeAsync(5, () => writeGlb({ name: 'box', materials: [{ name: boxRecipe.materials[0]!.type, roughness: 0.5, metalness: 0, blend: false }], buckets: [...b.buckets.values()], groups: b.groups, textures: [], extras: {} }));
    for (const prompt of ['a wooden crate', 'a knight', 'a stone house']) {
      const samples = await timeAsync(3, (i) => generateWorldAsset(composeRecipe(prompt).recipe, { workDir: join(dir, `${prompt}-${i}`) }));
      rows.push(row(`world: prompt → procedural GLB ready (${prompt}: template, textures, 3 LODs, collider, validated) vs a one-box GLB`, samples, boxGlb));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await RAPIER.init();
  rows.push(row('world: Rapier step, 500 dynamic bodies vs 50', stepTimes(500, 120), stepTimes(50, 120)));
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printTable(await benchWorld());
