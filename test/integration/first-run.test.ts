import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { jobs, mediaObjects, shaders } from '../../electron/host/db/schema.js';
import { RENDER_KIND } from '../../electron/host/shaders/render-queue.js';
import { seedLibraryIfEmpty } from '../../electron/host/shaders/seed-library.js';
import { getVector } from '../../electron/host/shaders/vectors.js';
import { loadSeedAssets } from '../../worker/generate/seed-assets.js';
import { loadSeedLibrary, seedSourceHash } from '../../worker/generate/seed-library.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';
import { connectStdio, textOf } from '../helpers/mcp-clients.js';
import { openShaderCore, type ShaderCore } from '../helpers/shader-core.js';

const seeds = loadSeedLibrary();
const assets = loadSeedAssets();

describe('first launch with precomputed seed renders (in-process core, no runner)', () => {
  let sc: ShaderCore;
  beforeEach(async () => {
    sc = await openShaderCore();
  });
  afterEach(() => sc.close());

  it('inserts every seed published and render-ready with its thumbnail, stats, style and vector, and queues no render', async () => {
    const report = await seedLibraryIfEmpty(sc.core, seeds, assets);
    expect(report).toMatchObject({ inserted: seeds.length, precomputed: seeds.length, renderJobs: [], rendering: [], errors: [] });
    expect(sc.core.database.db.select().from(jobs).where(eq(jobs.kind, RENDER_KIND)).all()).toEqual([]);

    const rows = sc.core.database.db.select().from(shaders).all();
    expect(rows).toHaveLength(seeds.length);
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'published', renderStatus: 'ready', origin: 'seed', lastRenderJobId: null });
      expect(r.styleMetadata).toMatchObject({ chaos: expect.any(Number), palette: expect.any(Array) });
      expect((r.renderStats as { stats: unknown }).stats).toBeTruthy();
      expect(getVector(sc.core.database.sqlite, 'vec_shader_style', r.id)).toBeTruthy();
      const media = sc.core.database.db.select().from(mediaObjects).where(eq(mediaObjects.id, r.thumbnailMediaId!)).get()!;
      expect(media).toMatchObject({ mime: 'image/webp', provider: 'chromium (precomputed)', jobId: null });
      expect(media.model).toMatch(/SwiftShader|ANGLE|Mesa|GL/i);
      expect(media.meta).toMatchObject({ precomputed: true, shaderId: r.id });
    }
    // The feed serves them at once.
    const feed = sc.svc.feed.newest(undefined, 50);
    expect(feed.items).toHaveLength(seeds.length);
    expect(feed.items[0]!.provenance.renderer).toBe('chromium (precomputed)');
  });

  it('renders here a seed whose source changed since its precomputed render, and says why', async () => {
    const edited = seeds.map((s, i) => (i === 0 ? { ...s, source: { ...s.source, common: '// edited after precompute\n' }, sourceHash: seedSourceHash({ ...s.source, common: 'x' }) } : s));
    const report = await seedLibraryIfEmpty(sc.core, edited, assets);
    expect(report.precomputed).toBe(seeds.length - 1);
    expect(report.renderJobs).toHaveLength(1);
    expect(report.rendering).toEqual([{ title: seeds[0]!.title, reason: expect.stringMatching(/source changed/) }]);
    const stale = sc.core.database.db.select().from(shaders).where(eq(shaders.title, seeds[0]!.title)).get()!;
    expect(stale).toMatchObject({ status: 'published', renderStatus: 'pending', thumbnailMediaId: null });
    expect(sc.core.jobs.get(stale.lastRenderJobId!)).toMatchObject({ kind: RENDER_KIND, priority: -10 });
  });
});

describe('first run as a user: `auteur serve` on a fresh data dir that cannot render', () => {
  const hosts: HostProcess[] = [];
  afterAll(async () => {
    for (const h of hosts) await h.stop();
  });
  const NO_RENDERER = { AUTEUR_SEED_LIBRARY: '1', CHROME_PATH: '/nonexistent/chromium' };

  it('prints its start-up steps and serves a full feed right after the URL line, with no render queued', async () => {
    const host = await startHostProcess(tempHome('auteur-first-run-'), NO_RENDERER);
    hosts.push(host);
    expect(host.stderr()).toMatch(/starting: database ready/);
    expect(host.stderr()).toMatch(new RegExp(`starting: seed shaders: ${seeds.length} added, ${seeds.length} ready from precomputed renders`));
    expect(host.stderr()).toMatch(/starting: job runner started/);

    const page = (await (await host.api('/feed?limit=50')).json()) as { items: { id: string; renderStatus: string; thumbnailUrl: string | null }[] };
    expect(page.items).toHaveLength(seeds.length);
    expect(page.items.every((c) => c.renderStatus === 'ready' && c.thumbnailUrl)).toBe(true);
    const thumb = await host.api(page.items[0]!.thumbnailUrl!.replace(/^\/api\/v1/, ''));
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toMatch(/image\/webp/);
    const jobList = (await (await host.api(`/jobs?kind=${RENDER_KIND}`)).json()) as { jobs: unknown[] };
    expect(jobList.jobs).toEqual([]);
    const status = await (await host.api('/feed/status')).json();
    expect(status).toEqual({ eligible: seeds.length, seenRecently: 0, published: seeds.length, hidden: 0, drafts: 0, renders: { pending: 0, rendering: 0, failed: 0 }, lastFailure: null });
  });

  it('GET /feed/status counts what keeps an empty feed empty', async () => {
    const host = await startHostProcess(tempHome('auteur-feed-status-'), { CHROME_PATH: '/nonexistent/chromium' });
    hosts.push(host);
    expect(await (await host.api('/feed/status')).json()).toMatchObject({ eligible: 0, published: 0, drafts: 0, renders: { pending: 0, rendering: 0, failed: 0 } });
    const res = await host.api('/shaders', { method: 'POST', json: { title: 'No renderer here', tags: ['test'], glslCode: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0); }' } });
    expect(res.status).toBe(201);
    const s = (await (await host.api('/feed/status')).json()) as { drafts: number; renders: { pending: number; rendering: number; failed: number } };
    expect(s.drafts).toBe(1);
    expect(s.renders.pending + s.renders.rendering + s.renders.failed).toBe(1);
  });

  it('`auteur mcp` on a fresh data dir has the same shipped shaders, and a later `serve` adds none twice', async () => {
    const home = tempHome('auteur-first-mcp-');
    const { client, close } = await connectStdio(home, { CHROME_PATH: '/nonexistent/chromium' });
    let viaMcp: string[] = [];
    try {
      for (let cursor: string | undefined, n = 0; n < 5; n++) {
        const res = await client.callTool({ name: 'browse_shaders', arguments: { sort: 'new', limit: 50, ...(cursor ? { cursor } : {}) } });
        expect(res.isError).toBeFalsy();
        const body = JSON.parse(textOf(res)) as { shaders: { title: string }[]; next_cursor?: string | null; nextCursor?: string | null };
        viaMcp.push(...body.shaders.map((s) => s.title));
        cursor = body.next_cursor ?? body.nextCursor ?? undefined;
        if (!cursor) break;
      }
    } finally {
      await close();
    }
    viaMcp = viaMcp.sort();
    expect(viaMcp).toEqual(seeds.map((s) => s.title).sort());

    const host = await startHostProcess(home, NO_RENDERER);
    hosts.push(host);
    expect(host.stderr()).toMatch(/seed shaders: already in the library/);
    const page = (await (await host.api('/feed/new?limit=50')).json()) as { items: { title: string }[] };
    expect(page.items.map((c) => c.title).sort()).toEqual(viaMcp);
  });
});
