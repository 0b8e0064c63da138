import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { WorldSnapshotOutput } from '../../shared/jobs/world-snapshot.js';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { composeRecipe } from '../../shared/world/compose-recipe.js';
import { sharedRenderBrowser } from '../../worker/render/browser.js';
import type { TaskContext } from '../../worker/task-context.js';
import { worldSnapshotTask } from '../../worker/tasks/world-snapshot.js';
import { generateWorldAsset } from '../../worker/world/pipeline.js';

const dir = mkdtempSync(join(tmpdir(), 'auteur-world-snap-'));
afterAll(async () => {
  await sharedRenderBrowser().close();
  rmSync(dir, { recursive: true, force: true });
});

function ctx(name: string): TaskContext {
  return { jobId: name, attempt: 1, dataDir: dir, workDir: dir, providers: WorkerProviderConfig.parse({}), signal: new AbortController().signal, progress: () => {}, log: () => {} };
}
const at = (x: number, y = 0, z = 0) => ({ position: [x, y, z] as [number, number, number], rotation: [0, 0, 0, 1] as [number, number, number, number], scale: [1, 1, 1] as [number, number, number] });

async function pixel(path: string, fx: number, fy: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  const o = (Math.round(fy * (info.height - 1)) * info.width + Math.round(fx * (info.width - 1))) * info.channels;
  return [data[o]!, data[o + 1]!, data[o + 2]!];
}

describe('world.snapshot in headless Chromium (three.js on WebGL)', () => {
  it('draws a placeholder box framed in the middle of the image, in its colour', async () => {
    const out = WorldSnapshotOutput.parse(await worldSnapshotTask({ width: 320, height: 240, items: [{ placeholder: { scaleMeters: [1, 1, 1], color: '#ff0000' }, transform: at(0) }] }, ctx('red')));
    expect(out.drawn).toEqual({ glb: 0, placeholder: 1, skipped: 0 });
    const meta = await sharp(out.image.path!).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 320, 240]);
    const [r, g, b] = await pixel(out.image.path!, 0.5, 0.5);
    expect(r).toBeGreaterThan(g + 60);
    expect(r).toBeGreaterThan(b + 60);
    // the corner is sky, not the box
    const [cr, , cb] = await pixel(out.image.path!, 0.02, 0.02);
    expect(cb).toBeGreaterThan(cr);
  }, 120_000);

  it('draws generated GLBs at their transforms (children relative to their parent) and says what it could not draw', async () => {
    const crate = await generateWorldAsset(composeRecipe('a wooden crate').recipe, { workDir: join(dir, 'crate') });
    const broken = join(dir, 'broken.glb');
    writeFileSync(broken, 'glTF not really');
    const out = WorldSnapshotOutput.parse(
      await worldSnapshotTask(
        {
          width: 400, height: 300, grid: true,
          items: [
            { entityId: 'parent', glbPath: crate.glbPaths[0]!, transform: at(-1) },
            { entityId: 'child', parentId: 'parent', glbPath: crate.glbPaths[0]!, transform: at(0, 0.8, 0) },
            { entityId: 'nofile', glbMediaId: 'm123', placeholder: { scaleMeters: [0.5, 0.5, 0.5], color: '#2040ff' }, transform: at(1.2) },
            { entityId: 'gone', glbPath: join(dir, 'missing.glb'), transform: at(3) },
            { entityId: 'corrupt', glbPath: broken, transform: at(4) },
          ],
        },
        ctx('scene'),
      ),
    );
    expect(out.drawn).toEqual({ glb: 2, placeholder: 1, skipped: 2 });
    expect(out.warnings.some((w) => /nofile: media m123 came without a file path; drawn as its placeholder/.test(w))).toBe(true);
    expect(out.warnings.some((w) => /gone: its GLB could not be read/.test(w))).toBe(true);
    expect(out.warnings.some((w) => /broken\.glb: three\.js could not load the GLB/.test(w))).toBe(true);
    const stats = await sharp(out.image.path!).stats();
    if (process.env.WORLD_SNAPSHOT_KEEP) writeFileSync(process.env.WORLD_SNAPSHOT_KEEP, await sharp(out.image.path!).png().toBuffer());
    // a real picture (sky, ground, crates), not a flat image; the wooden crates are in it
    expect(Math.max(...stats.channels.map((c) => c.stdev))).toBeGreaterThan(15);
    const { data, info } = await sharp(out.image.path!).raw().toBuffer({ resolveWithObject: true });
    let wood = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i]! > data[i + 1]! + 15 && data[i]! > data[i + 2]! + 30) wood++;
    expect(wood / (info.width * info.height)).toBeGreaterThan(0.02);
  }, 120_000);
});
