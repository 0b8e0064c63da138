// World data benchmarks on a real core (SQLite file, migrations, job store; the runner stopped so
// no generation runs): POST /world/jobs' service path (composer + placeholder entity + queued
// world.generate + idempotency row) against the composer alone; an idempotent replay against a
// new request; the autosave's batch upsert of 500 entity patches against 500 single patches.
// Standalone: `npx tsx bench/world-data.ts`.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { closeCore, createCore } from '../electron/host/core.js';
import { ensureDataDir, resolveDataDir } from '../electron/host/data-dir.js';
import { createLogger } from '../electron/host/logger.js';
import { worldServices } from '../electron/host/world/services.js';
import { composeRecipe } from '../shared/world/compose-recipe.js';
import { printTable, row, type BenchRow } from './table.js';

const PROMPTS = ['a wooden crate', 'a rusty barrel', 'a tall stone tower', 'a red chair', 'a small oak tree', 'a glass bottle', 'a brick wall 4m long', 'a robot', 'a lamp', 'a bench'];

function time(n: number, fn: (i: number) => unknown): number[] {
  for (let i = 0; i < Math.min(20, n); i++) fn(-1 - i); // warm-up
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    fn(i);
    out.push(performance.now() - s);
  }
  return out;
}

export async function benchWorldData(): Promise<BenchRow[]> {
  const home = mkdtempSync(join(tmpdir(), 'auteur-bench-world-data-'));
  const dataDir = resolveDataDir(home);
  ensureDataDir(dataDir);
  const core = createCore({ dataDir, mode: 'headless', logger: createLogger(dataDir.logsDir, { echo: () => undefined }) });
  const rows: BenchRow[] = [];
  try {
    await core.runner.stop();
    const s = worldServices(core);
    const world = s.worlds.create({ name: 'bench', settings: { budget: { maxEntities: 5000 } } });
    const keys: string[] = [];
    const body = (i: number) => ({ worldId: world.id, prompt: `${PROMPTS[Math.abs(i) % PROMPTS.length]} #${i}`, negativePrompt: '', draft: true });
    const create = time(300, (i) => {
      const key = randomUUID();
      if (i >= 0) keys.push(key);
      s.generation.create(body(i), key);
    });
    const compose = time(300, (i) => composeRecipe(body(i).prompt, { style: world.settings.style, allowedKinds: world.settings.allowedKinds }));
    rows.push(row('world: POST /world/jobs service path (composer + placeholder entity + queued world.generate + idempotency row) vs the composer alone', create, compose));
    const replay = time(300, (i) => s.generation.create(body(i >= 0 ? i : 0), i >= 0 ? keys[i]! : keys[0]!));
    rows.push(row('world: POST /world/jobs replay of the same Idempotency-Key vs a new request', replay, create));

    const ids = s.entities.list(world.id).slice(0, 500).map((e) => e.id);
    const batch = time(10, (r) => s.entities.upsert(world.id, ids.map((id, i) => ({ id, transform: { position: [i % 50, Math.abs(r), Math.floor(i / 50)], rotation: [0, 0, 0, 1], scale: [1, 1, 1] } }))));
    const single = time(10, (r) => {
      for (const [i, id] of ids.entries()) s.entities.update(id, { transform: { position: [i % 50, Math.abs(r) + 0.5, Math.floor(i / 50)], rotation: [0, 0, 0, 1], scale: [1, 1, 1] } });
    });
    rows.push(row('world: autosave of 500 moved entities as one batch upsert vs 500 single patches', batch, single));
  } finally {
    await closeCore(core);
    rmSync(home, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable(await benchWorldData());
}
