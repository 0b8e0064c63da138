import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { jobs, mediaObjects } from '../../electron/host/db/schema.js';
import { RENDER_KIND } from '../../electron/host/shaders/render-queue.js';
import { sourceOf } from '../../electron/host/shaders/shader-rows.js';
import { seedLibraryIfEmpty, SYSTEM_AUTHOR } from '../../electron/host/shaders/seed-library.js';
import { getVector } from '../../electron/host/shaders/vectors.js';
import type { ServerEvent } from '../../shared/events.js';
import { completeRender, openShaderCore, type ShaderCore } from '../helpers/shader-core.js';
import { familyGlsl, familyStats } from '../helpers/shader-fixtures.js';

let sc: ShaderCore;
beforeEach(async () => {
  sc = await openShaderCore();
});
afterEach(() => sc.close());

const create = (title: string, extra: Record<string, unknown> = {}) => sc.svc.shaders.create({ title, tags: ['test'], source: familyGlsl('tunnel', 1), ...extra });

describe('shader.render hook', () => {
  it('ingests the files with provenance, marks the shader ready and stores style metadata and vector', async () => {
    const events: ServerEvent[] = [];
    sc.core.bus.subscribe((e) => events.push(e));
    const s = create('Ember');
    expect(s.renderStatus).toBe('pending');
    expect(s.lastRenderJobId).toBeTruthy();
    const queued = sc.core.jobs.get(s.lastRenderJobId!);
    expect(queued.kind).toBe(RENDER_KIND);
    expect(queued.input).toMatchObject({ shaderId: s.id, preview: 'webm' });
    const before = getVector(sc.core.database.sqlite, 'vec_shader_style', s.id)!;

    const out = await completeRender(sc, s.id, { stats: familyStats('tunnel', 3) });
    expect(out.thumbnail).toMatchObject({ path: null });
    expect(out.thumbnail!.mediaId).toBeTruthy();
    const media = sc.core.database.db.select().from(mediaObjects).where(eq(mediaObjects.id, out.thumbnail!.mediaId!)).get()!;
    expect(media).toMatchObject({ mime: 'image/png', provider: 'chromium', jobId: s.lastRenderJobId });

    const after = sc.svc.shaders.get(s.id);
    expect(after.renderStatus).toBe('ready');
    expect(after.thumbnailUrl).toMatch(new RegExp(`^/api/v1/shaders/${s.id}/thumbnail\\.png\\?v=`));
    expect(after.previewUrl).toMatch(/preview\.webm/);
    expect(after.previewMp4Url).toBeNull();
    expect(after.provenance.renderer).toBe('chromium');
    expect(after.style).toMatchObject({ temperatureLabel: 'warm', geometry: 'raymarched_3d' });
    const v = getVector(sc.core.database.sqlite, 'vec_shader_style', s.id)!;
    expect(Array.from(v)).not.toEqual(Array.from(before)); // the visual block arrived
    expect(events.some((e) => e.type === 'domain' && e.topic === 'shader.updated' && e.id === s.id)).toBe(true);
  });

  it('ignores the result of a render that a newer one replaced', async () => {
    const s = create('Versioned');
    const oldJob = sc.core.database.db.select().from(jobs).where(eq(jobs.id, s.lastRenderJobId!)).get()!;
    const edited = sc.svc.shaders.update(s.id, { source: familyGlsl('gradient', 2) });
    expect(edited.lastRenderJobId).not.toBe(s.lastRenderJobId);
    await sc.core.hooks.get(RENDER_KIND)!.onSucceeded!(oldJob, {
      ok: true, failure: null, diagnostics: [], validity: { compiled: true, allBlack: false, hasNaN: false, isStatic: false, withinBudget: true },
      thumbnail: null, preview: null, frames: 1, frameTimeMs: null, stats: familyStats('tunnel', 1), renderer: { provider: 'chromium', gl: null, ms: 1 },
    });
    expect(sc.svc.shaders.get(s.id).renderStatus).toBe('pending');
  });

  it('a compile failure keeps the diagnostics, unpublishes, and publishing answers 422', async () => {
    const s = create('Broken later');
    await completeRender(sc, s.id, { stats: familyStats('tunnel', 1) });
    sc.svc.shaders.publish(s.id);
    const edited = sc.svc.shaders.update(s.id, { glslCode: 'void mainImage(out vec4 c, in vec2 p) { c = vec3(1.0); }' });
    expect(edited.status).toBe('published');
    const diag = { pass: 'image' as const, line: 1, column: null, severity: 'error' as const, message: "'=' : dimension mismatch" };
    await completeRender(sc, s.id, { ok: false, diagnostics: [diag] });
    const failed = sc.svc.shaders.get(s.id);
    expect(failed).toMatchObject({ renderStatus: 'failed', status: 'draft', diagnostics: [diag] });
    expect(failed.renderError).toMatch(/compile_error/);
    expect(() => sc.svc.shaders.publish(s.id)).toThrow(expect.objectContaining({ status: 422, code: 'compile_failed', details: { diagnostics: [diag] } }));
  });

  it('when the renderer cannot run, the shader says so', async () => {
    const s = create('No browser');
    const job = sc.core.database.db.select().from(jobs).where(eq(jobs.id, s.lastRenderJobId!)).get()!;
    await sc.core.hooks.get(RENDER_KIND)!.onFailed!(job, 'Chromium was not found');
    expect(sc.svc.shaders.get(s.id)).toMatchObject({ renderStatus: 'failed', renderError: 'The renderer could not run: Chromium was not found' });
  });

  it('a submission answering a desire fulfils it when its render passes, and reopens it when it fails', async () => {
    const d = sc.svc.desires.create({ promptText: 'a molten fire tunnel', ttlDays: 14 });
    const bad = create('Attempt 1', { fulfillsDesireId: d.id });
    expect(sc.svc.desires.get(d.id)).toMatchObject({ status: 'in_progress', pendingShaderIds: [bad.id] });
    await completeRender(sc, bad.id, { ok: false });
    expect(sc.svc.desires.get(d.id).status).toBe('open');
    const good = create('Attempt 2', { fulfillsDesireId: d.id });
    await completeRender(sc, good.id, { stats: familyStats('tunnel', 2) });
    expect(sc.svc.desires.get(d.id)).toMatchObject({ status: 'fulfilled', fulfilledBy: { id: good.id, title: 'Attempt 2' } });
  });
});

describe('seedLibraryIfEmpty', () => {
  const seeds = [
    { title: 'Seed Tunnel', description: 'warm', tags: ['tunnel'], source: familyGlsl('tunnel', 0), style: { geometry: 'tunnel' } },
    { title: 'Seed Sky', tags: ['calm'], source: familyGlsl('gradient', 0) },
    { title: 'Seed Broken', tags: [], source: { image: { code: 'void main() {}' } } },
  ];

  it('inserts published shaders by the system author once, queues their renders, and reports refusals', async () => {
    const first = await seedLibraryIfEmpty(sc.core, seeds);
    expect(first).toMatchObject({ inserted: 2, skipped: 0 });
    expect(first.renderJobs).toHaveLength(2);
    expect(first.errors).toEqual([expect.objectContaining({ title: 'Seed Broken', error: expect.stringMatching(/mainImage/) })]);
    const list = sc.svc.queries.list({ limit: 10, sort: 'new' });
    expect(list.items.map((i) => i.title).sort()).toEqual(['Seed Sky', 'Seed Tunnel']);
    expect(list.items[0]).toMatchObject({ status: 'published', author: { id: SYSTEM_AUTHOR.id, username: 'Auteur Studio' }, provenance: { via: 'seed' } });

    sc.svc.shaders.delete(list.items[0]!.id);
    const again = await seedLibraryIfEmpty(sc.core, seeds);
    expect(again).toMatchObject({ inserted: 0, skipped: 3, renderJobs: [] });
    expect(sc.svc.queries.list({ limit: 10 }).items).toHaveLength(1);
  });
});

describe('renderer and budget failures (not the shader at fault)', () => {
  const budget = { code: 'budget' as const, message: 'This machine is too busy to render now: even the lowest tier (9 frames at 320x180) would take about 80.0 s' };

  it('never unpublish a shader; a retry at a lower tier is pending, the last attempt says the renderer could not run', async () => {
    const s = create('Busy machine');
    await completeRender(sc, s.id, { stats: familyStats('tunnel', 1) });
    sc.svc.shaders.publish(s.id);
    const edited = sc.svc.shaders.update(s.id, { source: familyGlsl('gradient', 2) });
    expect(edited.status).toBe('published');
    await completeRender(sc, s.id, { ok: false, failure: budget });
    expect(sc.svc.shaders.get(s.id)).toMatchObject({ status: 'published', renderStatus: 'pending', renderError: expect.stringMatching(/^The renderer could not run \(budget\): This machine is too busy.*retrying at a lower tier\)$/) });
    // The last attempt: still published, the render marked failed with the renderer's reason.
    sc.core.database.sqlite.prepare('UPDATE jobs SET attempts = max_attempts WHERE id = ?').run(edited.lastRenderJobId);
    await completeRender(sc, s.id, { ok: false, failure: { code: 'browser_start', message: 'The renderer could not run (Chromium could not be started): no binary' } });
    expect(sc.svc.shaders.get(s.id)).toMatchObject({ status: 'published', renderStatus: 'failed', renderError: expect.stringMatching(/^The renderer could not run \(browser_start\)/) });
  });

  it('keeps a ready shader ready with its media when its re-render hits a renderer failure', async () => {
    const s = create('Ready already');
    await completeRender(sc, s.id, { stats: familyStats('tunnel', 1) });
    const ready = sc.svc.shaders.get(s.id);
    sc.svc.renders.queue(s.id, sourceOf(sc.svc.shaders.row(s.id)), { keepStatus: true });
    await completeRender(sc, s.id, { ok: false, failure: budget });
    expect(sc.svc.shaders.get(s.id)).toMatchObject({ renderStatus: 'ready', thumbnailUrl: ready.thumbnailUrl, renderError: expect.stringMatching(/budget/) });
  });

  it('a shipped seed that is ready stays published and ready even when a render here blames the shader', async () => {
    const s = sc.svc.shaders.create({ title: 'Shipped', tags: ['seed'], source: familyGlsl('tunnel', 1) }, { origin: 'seed' });
    await completeRender(sc, s.id, { stats: familyStats('tunnel', 1) });
    sc.svc.shaders.publish(s.id);
    sc.svc.renders.queue(s.id, sourceOf(sc.svc.shaders.row(s.id)), { keepStatus: true });
    await completeRender(sc, s.id, { ok: false, failure: { code: 'hang', message: 'Frame 1 (iTime 2.00 s) was killed after 15.0 s without finishing', frame: 0 } });
    expect(sc.svc.shaders.get(s.id)).toMatchObject({ status: 'published', renderStatus: 'ready', renderError: expect.stringMatching(/^hang: Frame 1/) });
  });
});
