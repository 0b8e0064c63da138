import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { closeCore, createCore } from '../../electron/host/core.js';
import { ensureDataDir, resolveDataDir } from '../../electron/host/data-dir.js';
import { jobs } from '../../electron/host/db/schema.js';
import type { CoreContext } from '../../electron/host/host-context.js';
import { createLogger } from '../../electron/host/logger.js';
import { RENDER_KIND } from '../../electron/host/shaders/render-queue.js';
import { shaderServices, type ShaderServices } from '../../electron/host/shaders/services.js';
import type { CompileDiagnostic } from '../../shared/shaders/source.js';
import type { FrameStats, ShaderRenderOutput } from '../../shared/shaders/render-contract.js';
import { tempHome } from './host-process.js';

/**
 * The real studio core (migrated SQLite, services, job hooks) in this process with its job runner
 * stopped: tests play the worker's part by handing render results to the shader.render hook.
 */
export interface ShaderCore {
  core: CoreContext;
  svc: ShaderServices;
  home: string;
  close(): Promise<void>;
}

export async function openShaderCore(): Promise<ShaderCore> {
  const home = tempHome('auteur-shaders-');
  const dataDir = resolveDataDir(home);
  ensureDataDir(dataDir);
  const core = createCore({ dataDir, mode: 'headless', logger: createLogger(dataDir.logsDir, { echo: () => undefined }) });
  await core.runner.stop(); // no worker processes: nothing claims the queued jobs
  return { core, svc: shaderServices(core), home, close: () => closeCore(core) };
}

export interface FakeRender {
  ok?: boolean;
  stats?: FrameStats | null;
  diagnostics?: CompileDiagnostic[];
  failure?: ShaderRenderOutput['failure'];
  colour?: { r: number; g: number; b: number };
}

/** Completes a shader's latest render job the way the worker would report it (files in the job's scratch folder). */
export async function completeRender(sc: ShaderCore, shaderId: string, r: FakeRender = {}): Promise<ShaderRenderOutput> {
  const shader = sc.svc.shaders.row(shaderId);
  if (!shader.lastRenderJobId) throw new Error(`shader ${shaderId} has no render job`);
  const job = sc.core.database.db.select().from(jobs).where(eq(jobs.id, shader.lastRenderJobId)).get()!;
  const scratch = join(sc.home, 'media', 'incoming', `${job.id}-1`);
  mkdirSync(scratch, { recursive: true });
  const ok = r.ok ?? true;
  const thumb = join(scratch, 'thumbnail.png');
  await sharp({ create: { width: 64, height: 36, channels: 3, background: r.colour ?? { r: 200, g: 80, b: 20 } } }).png().toFile(thumb);
  const preview = join(scratch, 'preview.webm');
  writeFileSync(preview, Buffer.from(`webm bytes of ${shaderId}`));
  const out: ShaderRenderOutput = {
    ok,
    failure: ok ? null : (r.failure ?? { code: 'compile_error', message: 'The shader does not compile' }),
    diagnostics: r.diagnostics ?? [],
    validity: { compiled: ok, allBlack: false, hasNaN: false, isStatic: false, withinBudget: true },
    thumbnail: ok ? { path: thumb, mediaId: null, width: 64, height: 36 } : null,
    preview: ok ? { path: preview, mediaId: null, mime: 'video/webm' } : null,
    frames: ok ? 120 : 0,
    frameTimeMs: ok ? { mean: 4, p95: 6, max: 9 } : null,
    stats: ok ? (r.stats ?? null) : null,
    renderer: { provider: 'chromium', gl: 'SwiftShader', ms: 1200 },
  };
  const hooks = sc.core.hooks.get(RENDER_KIND)!;
  return (await hooks.onSucceeded!(job, out)) as ShaderRenderOutput;
}
