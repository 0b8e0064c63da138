import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobKindSpec } from '../../shared/jobs/registry.js';
import type { DesireDetail, DesireList } from '../../shared/schemas/desires.js';
import type { FeedPage, Shader, ShaderList, VoteResult } from '../../shared/schemas/shaders.js';
import { fromShadertoy } from '../../shared/shaders/shadertoy-format.js';
import { startHostProcess, waitFor, type HostProcess } from '../helpers/host-process.js';

let host: HostProcess;
beforeAll(async () => {
  host = await startHostProcess();
}, 60_000);
afterAll(() => host?.stop());

async function call<T>(path: string, init: RequestInit & { json?: unknown } = {}, expectStatus = 200): Promise<T> {
  const res = await host.api(path, init);
  const text = await res.text();
  if (res.status !== expectStatus) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status}, expected ${expectStatus}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
const post = <T>(path: string, json: unknown, status = 200) => call<T>(path, { method: 'POST', json }, status);

const rendered = (id: string) =>
  waitFor(async () => {
    const s = await call<Shader>(`/shaders/${id}`);
    return s.renderStatus === 'ready' || s.renderStatus === 'failed' ? s : undefined;
  }, `shader ${id} to finish rendering`, 120_000, 250);

const RINGS = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  float r = length(uv);
  vec3 col = 0.5 + 0.5 * cos(6.2831 * (r * 4.0 - iTime * 0.5) + vec3(0.0, 0.6, 1.2));
  fragColor = vec4(col * smoothstep(0.9, 0.2, r), 1.0);
}`;

describe('shaders over HTTP on a real host (real renders)', () => {
  let rings: Shader;

  it('checks, saves, renders, publishes, serves media and finds it by text and tag', async () => {
    const refused = await host.api('/shaders', { method: 'POST', json: { title: 'No entry point', glslCode: 'void main() { }' } });
    expect(refused.status).toBe(422);
    const err = (await refused.json()) as { error: { code: string; details: { diagnostics: { pass: string; message: string }[] } } };
    expect(err.error.code).toBe('compile_failed');
    expect(err.error.details.diagnostics[0]).toMatchObject({ pass: 'image', message: expect.stringMatching(/mainImage/) });

    const created = await post<Shader>('/shaders', { title: 'Neon Rings', description: 'Concentric glowing rings', tags: ['Neon', 'rings'], glslCode: RINGS }, 201);
    expect(created).toMatchObject({ status: 'draft', renderStatus: 'pending', tags: ['neon', 'rings'], source: { image: { code: RINGS } } });
    expect((await call<ShaderList>('/shaders?mine=true')).items.map((s) => s.title)).toEqual(['Neon Rings']);

    rings = await rendered(created.id);
    expect(rings.renderStatus).toBe('ready');
    expect(rings.style).toMatchObject({ geometry: expect.any(String), temperatureLabel: expect.any(String) });
    expect(rings.provenance.renderer).toBeTruthy();
    const png = await host.api(rings.thumbnailUrl!.replace('/api/v1', ''));
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    expect((await host.api(`/shaders/${rings.id}/preview.webm`)).headers.get('content-type')).toBe('video/webm');
    const mp4 = await host.api(`/shaders/${rings.id}/preview.mp4`);
    expect(mp4.status).toBe(404);
    expect(((await mp4.json()) as { error: { message: string } }).error.message).toMatch(/"preview":"mp4"/);

    expect((await call<ShaderList>('/shaders?q=glowing')).items).toHaveLength(0); // drafts are not public
    rings = await post<Shader>(`/shaders/${rings.id}/publish`, {});
    expect(rings).toMatchObject({ status: 'published', isPublic: true });
    expect((await call<ShaderList>('/shaders?q=glow')).items.map((s) => s.id)).toEqual([rings.id]);
    expect((await call<ShaderList>('/shaders?tag=rings')).items.map((s) => s.id)).toEqual([rings.id]);
    expect((await call<{ tags: { tag: string; count: number }[] }>('/shaders/tags')).tags).toContainEqual({ tag: 'neon', count: 1 });

    await call<Shader>(`/shaders/${rings.id}`, { method: 'PUT', json: { title: 'Halo Rings' } });
    expect((await call<ShaderList>('/shaders?q=neon')).items).toHaveLength(1); // still tagged neon
    expect((await call<ShaderList>('/shaders?q=halo')).items).toHaveLength(1);
    expect((await call<ShaderList>('/shaders?q=concentric%20halo')).items).toHaveLength(1);
    expect((await call<ShaderList>('/shaders?q=squares')).items).toHaveLength(0);
  });

  it('code that fails to compile is saved but never published: 422 with mapped diagnostics', async () => {
    const broken = await post<Shader>('/shaders', { title: 'Type error', glslCode: 'void mainImage(out vec4 c, in vec2 p) {\n  c = vec3(1.0);\n}' }, 201);
    const done = await rendered(broken.id);
    expect(done.renderStatus).toBe('failed');
    expect(done.diagnostics.some((d) => d.pass === 'image' && d.line === 2 && d.severity === 'error')).toBe(true);
    const res = await host.api(`/shaders/${broken.id}/publish`, { method: 'POST' });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; details: { diagnostics: { line: number }[] } } };
    expect(body.error.code).toBe('compile_failed');
    expect(body.error.details.diagnostics[0]!.line).toBe(2);
    expect((await call<Shader>(`/shaders/${broken.id}`)).status).toBe('draft');
    const thumb = await host.api(`/shaders/${broken.id}/thumbnail.png`);
    expect(thumb.status).toBe(404);
    expect(((await thumb.json()) as { error: { message: string } }).error.message).toMatch(/render failed/);
  });

  it('forks keep lineage; deleting removes the fork and its search entry', async () => {
    const fork = await post<Shader>(`/shaders/${rings.id}/fork`, { title: 'Rings, my way' }, 201);
    expect(fork).toMatchObject({ forkedFrom: { id: rings.id, title: 'Halo Rings' }, status: 'draft', source: rings.source });
    expect((await call<Shader>(`/shaders/${rings.id}`)).forkCount).toBe(1);
    expect((await call<ShaderList>(`/shaders?mine=true&forkedFrom=${rings.id}`)).items.map((s) => s.id)).toEqual([fork.id]);
    expect((await call<ShaderList>('/shaders?mine=true&q=my%20way')).items).toHaveLength(1);
    await call(`/shaders/${fork.id}`, { method: 'DELETE' });
    expect((await host.api(`/shaders/${fork.id}`)).status).toBe(404);
    expect((await call<ShaderList>('/shaders?mine=true&q=my%20way')).items).toHaveLength(0);
    expect((await call<Shader>(`/shaders/${rings.id}`)).forkCount).toBe(0);
  });

  it('votes move the cached hot score; removing the vote undoes it', async () => {
    const up = await post<VoteResult>(`/shaders/${rings.id}/vote`, { value: 1 });
    expect(up.votes).toMatchObject({ up: 1, down: 0, mine: 1 });
    expect(up.votes.hot).toBeGreaterThan(0.2);
    expect(up.votes.hot).toBeLessThanOrEqual(0.2066); // Wilson(1, 0) × decay ≤ 1
    const down = await post<VoteResult>(`/shaders/${rings.id}/vote`, { value: -1 });
    expect(down.votes).toMatchObject({ up: 0, down: 1, mine: -1, hot: 0 });
    const none = await call<VoteResult>(`/shaders/${rings.id}/vote`, { method: 'DELETE' });
    expect(none.votes).toMatchObject({ up: 0, down: 0, mine: 0, hot: 0 });
    expect((await host.api(`/shaders/${rings.id}/vote`, { method: 'POST', json: { value: 2 } })).status).toBe(400);
    await post(`/shaders/${rings.id}/vote`, { value: 1 });
  });

  it('round-trips Shadertoy JSON (multipass) through import and export, and names what it cannot import', async () => {
    const doc = {
      Shader: {
        info: { id: 'abcd12', name: 'Feedback Trails', username: 'someone', description: 'buffer feedback', tags: ['Feedback', 'trails!'] },
        renderpass: [
          { inputs: [{ id: 257, channel: 0, ctype: 'buffer', src: '/media/previz/buffer00.png', sampler: { filter: 'linear', wrap: 'clamp' } }], outputs: [{ id: 37, channel: 0 }], code: 'void mainImage(out vec4 c, in vec2 p) { c = texture(iChannel0, p / iResolution.xy); }', name: 'Image', type: 'image' },
          { inputs: [{ id: 257, channel: 0, ctype: 'buffer', src: '/media/previz/buffer00.png' }], outputs: [{ id: 257, channel: 0 }], code: 'void mainImage(out vec4 c, in vec2 p) { vec2 uv = p / iResolution.xy; c = 0.97 * texture(iChannel0, uv) + 0.03 * vec4(glow(uv), 1.0); }', name: 'Buffer A', type: 'buffer' },
          { inputs: [], outputs: [], code: 'vec3 glow(vec2 uv) { return vec3(uv, 0.5 + 0.5 * sin(iTime)); }', name: 'Common', type: 'common' },
        ],
      },
    };
    const imported = await post<Shader>('/shaders/import', { shadertoy: doc }, 201);
    expect(imported).toMatchObject({ title: 'Feedback Trails', tags: ['feedback', 'trails'], provenance: { via: 'import', importedFrom: { shadertoyId: 'abcd12', author: 'someone' } } });
    expect(imported.source.buffers).toHaveLength(1);
    const exported = await call<unknown>(`/shaders/${imported.id}/export`);
    const back = fromShadertoy(exported);
    expect(back.source).toEqual(imported.source);
    expect(back.meta).toMatchObject({ title: 'Feedback Trails', shadertoyId: 'abcd12', author: 'someone' });
    const again = await post<Shader>('/shaders/import', { shadertoy: JSON.stringify(exported) }, 201);
    expect(again.source).toEqual(imported.source);

    const webcam = structuredClone(doc);
    webcam.Shader.renderpass[0]!.inputs.push({ id: 31, channel: 1, ctype: 'webcam', src: '/presets/webcam.png', sampler: { filter: 'linear', wrap: 'clamp' } });
    const res = await host.api('/shaders/import', { method: 'POST', json: { shadertoy: webcam } });
    expect(res.status).toBe(422);
    const e = (await res.json()) as { error: { code: string; details: { unsupported: string[] } } };
    expect(e.error.code).toBe('import_failed');
    expect(e.error.details.unsupported).toEqual(['Image iChannel1: webcam input']);
    const ready = await rendered(imported.id);
    expect(ready.renderStatus).toBe('ready');
    await post(`/shaders/${imported.id}/publish`, {});
  });

  it('clusters similar desires, heats them by the seed formula, and fulfils with a rendered shader', async () => {
    // Listed on the board (no automatic generation): this test is about clustering and heat.
    const d1 = await post<DesireDetail>('/desires', { promptText: 'a neon tunnel with purple fog', autoFulfil: false }, 201);
    expect(d1).toMatchObject({ status: 'open', clusterSize: 1 });
    expect(d1.heatScore).toBeCloseTo(Math.log(2), 2);
    const d2 = await post<DesireDetail>('/desires', { promptText: 'I want purple fog in a neon tunnel', autoFulfil: false }, 201);
    expect(d2.clusterId).toBe(d1.clusterId);
    expect(d2.cluster!.size).toBe(2);
    expect(d2.heatScore).toBeCloseTo(Math.log(3), 2);
    expect((await call<DesireDetail>(`/desires/${d1.id}`)).heatScore).toBeCloseTo(Math.log(3), 2);
    const d3 = await post<DesireDetail>('/desires', { promptText: 'ocean waves at sunset', autoFulfil: false }, 201);
    expect(d3.clusterId).not.toBe(d1.clusterId);
    const list = await call<DesireList>('/desires');
    expect(list.items.map((d) => d.id).slice(0, 2).sort()).toEqual([d1.id, d2.id].sort());
    expect((await host.api('/desires', { method: 'POST', json: { promptText: 'x' } })).status).toBe(400);

    const broken = (await call<ShaderList>('/shaders?mine=true&q=type%20error')).items[0]!;
    const refused = await host.api(`/desires/${d1.id}/fulfill`, { method: 'POST', json: { shaderId: broken.id } });
    expect(refused.status).toBe(422);
    const done = await post<DesireDetail>(`/desires/${d1.id}/fulfill`, { shaderId: rings.id });
    expect(done).toMatchObject({ status: 'fulfilled', fulfilledBy: { id: rings.id, title: 'Halo Rings' } });
    expect((await call<DesireDetail>(`/desires/${d2.id}`)).heatScore).toBeCloseTo(Math.log(2), 2);
    expect((await host.api(`/desires/${d1.id}/fulfill`, { method: 'POST', json: { shaderId: rings.id } })).status).toBe(409);
    expect((await call<Shader>(`/shaders/${rings.id}`)).fulfillsDesireId).toBe(d1.id);
  });

  it('serves the feed: cold start, pages, dwell signals and exclusion of what was seen', async () => {
    const p1 = await call<FeedPage>('/feed?limit=1');
    const p2 = await call<FeedPage>(`/feed?limit=1&cursor=${encodeURIComponent(p1.nextCursor!)}`);
    expect(p1.items).toHaveLength(1);
    expect(p2.items).toHaveLength(1);
    expect(p1.items[0]!.id).not.toBe(p2.items[0]!.id);
    expect(p1.items[0]!.why.label).toBeTruthy();
    expect((await host.api('/feed?cursor=garbage')).status).toBe(400);

    expect(await post('/feed/dwell', { shaderId: rings.id, seconds: 0.4 })).toMatchObject({ recorded: false, signal: 'ignored' });
    expect(await post('/feed/dwell', { shaderId: rings.id, seconds: 40 })).toMatchObject({ recorded: true, signal: 'dwell_30s', weight: null }); // upvoted already
    expect(await post(`/shaders/${rings.id}/replay`, {})).toMatchObject({ recorded: true, signal: 'replay', weight: 0.5, tasteUpdated: true });
    const fresh = await call<FeedPage>('/feed?limit=5');
    expect(fresh.mode).toBe('personal');
    expect(fresh.items.at(-1)!.id).toBe(rings.id);
    expect(fresh.items.at(-1)!.why.reason).toBe('resurfaced');
    expect((await call<FeedPage>('/feed/trending')).items[0]!.id).toBe(rings.id);
    expect((await call<FeedPage>('/feed/new')).items.length).toBeGreaterThanOrEqual(2);
    expect((await host.api('/feed/dwell', { method: 'POST', json: { shaderId: 'nope', seconds: 3 } })).status).toBe(404);
  });

  it('comments, ad-hoc renders and generation', async () => {
    const c = await post<{ id: string }>(`/shaders/${rings.id}/comments`, { body: 'Lovely' }, 201);
    await post(`/shaders/${rings.id}/comments`, { body: 'Agreed', parentId: c.id }, 201);
    expect((await host.api(`/shaders/${rings.id}/comments`, { method: 'POST', json: { body: 'x', parentId: 'missing' } })).status).toBe(400);
    expect((await call<{ comments: { body: string }[] }>(`/shaders/${rings.id}/comments`)).comments.map((x) => x.body)).toEqual(['Lovely', 'Agreed']);

    const job = await post<{ kind: string }>('/render', { source: { image: { code: RINGS } }, seconds: 1, preview: 'none' }, 201);
    expect(job.kind).toBe('shader.render');
    const other = RINGS.replace('4.0', '6.0');
    const mismatch = await host.api('/render', { method: 'POST', json: { source: { image: { code: other } }, shaderId: rings.id, seconds: 1 } });
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { error: { message: string } }).error.message).toMatch(/differs from the saved shader/);

    const gen = await host.api('/generate', { method: 'POST', json: { prompt: 'calm blue waves' } });
    if (jobKindSpec('shader.generate')) {
      expect(gen.status).toBe(201);
      const j = (await gen.json()) as { id: string; kind: string };
      expect((await call<{ kind: string }>(`/generate/status/${j.id}`)).kind).toBe('shader.generate');
    } else {
      expect(gen.status).toBe(503);
    }
    expect((await host.api(`/generate/status/${rings.lastRenderJobId}`)).status).toBe(404);
  });
});
