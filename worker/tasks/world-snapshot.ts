import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorldSnapshotInput, type WorldSnapshotOutput } from '../../shared/jobs/world-snapshot.js';
import { runDirOf } from '../render/browser-registry.js';
import type { TaskHandler } from '../task-context.js';
import { renderWorldSnapshot } from '../world/snapshot-renderer.js';

/**
 * world.snapshot: GLBs + placeholders at their transforms → one PNG in the job's workDir (the
 * host hook ingests it). Items whose GLB is missing fall back to their placeholder box, and the
 * output says which; nothing pretends to have been drawn.
 */
export const worldSnapshotTask: TaskHandler<WorldSnapshotInput, WorldSnapshotOutput> = async (raw, ctx) => {
  const input = WorldSnapshotInput.parse(raw);
  ctx.progress(0.1, `Rendering ${input.items.length} item${input.items.length === 1 ? '' : 's'}${input.name ? ` of ${input.name}` : ''}`);
  const shot = await renderWorldSnapshot(
    { width: input.width, height: input.height, items: input.items, camera: input.camera, background: input.background, grid: input.grid },
    { runDir: runDirOf(ctx.dataDir) },
  );
  const path = join(ctx.workDir, 'world-snapshot.png');
  writeFileSync(path, shot.png);
  ctx.progress(1, `Drew ${shot.drawn.glb} asset(s) and ${shot.drawn.placeholder} placeholder(s)`);
  return {
    image: { path, mediaId: null, mime: 'image/png', bytes: shot.png.length, provider: 'chromium', model: 'three.js WebGL (headless)' },
    width: input.width,
    height: input.height,
    camera: shot.camera,
    drawn: shot.drawn,
    warnings: shot.warnings,
  };
};
