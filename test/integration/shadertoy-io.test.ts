/**
 * Shadertoy import/export over HTTP on a real host: a shader that reads the keyboard only for
 * "reset" imports, and import → export → import keeps vflip, numeric and string input ids,
 * output ids and the info block, including title and tags the studio normalised on the way in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Shader } from '../../shared/schemas/shaders.js';
import { fromShadertoy, type ShadertoyDocument } from '../../shared/shaders/shadertoy-format.js';
import { startHostProcess, type HostProcess } from '../helpers/host-process.js';

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

const IMAGE = `void mainImage(out vec4 o, in vec2 f) {
  // Space resets the trail (Shadertoy keyboard, row 0 = held).
  bool reset = texelFetch(iChannel3, ivec2(32, 0), 0).x > 0.5;
  o = reset ? vec4(0) : texture(iChannel0, f / iResolution.xy) + 0.1 * texture(iChannel1, f / 64.0);
}`;
const BUFFER = 'void mainImage(out vec4 o, in vec2 f) { o = 0.98 * texture(iChannel0, f / iResolution.xy) + 0.02 * vec4(sin(iTime), 0.5, 0.5, 1.0); }';
const SAMPLER = { filter: 'linear', wrap: 'clamp', vflip: 'true', srgb: 'false', internal: 'byte' };

const DOC = {
  Shader: {
    ver: '0.1',
    info: { id: 'Xt3fDz', date: '1609459200', viewed: 1234, name: '  Reset Trails  ', username: 'someone', description: 'press space', likes: 42, published: 3, flags: 48, usePreview: 0, tags: ['Feedback', 'KEYBOARD!'], hasliked: 0 },
    renderpass: [
      {
        inputs: [
          { id: '4dXGR8', src: '/media/previz/buffer00.png', ctype: 'buffer', channel: 0, sampler: SAMPLER, published: 1 },
          { id: 17, src: '/media/a/f735bee5b64ef98879dc618b016ecf7939a5756040c2cde21ccb15e69a6e1cfb.png', ctype: 'texture', channel: 1, sampler: { ...SAMPLER, filter: 'mipmap', wrap: 'repeat', vflip: 'false' }, published: 1 },
          { id: 33, src: '/presets/tex00.jpg', ctype: 'keyboard', channel: 3, sampler: { ...SAMPLER, filter: 'nearest' }, published: 1 },
        ],
        outputs: [{ id: 37, channel: 0 }],
        code: IMAGE,
        name: 'Image',
        description: '',
        type: 'image',
      },
      { inputs: [{ id: 257, src: '/media/previz/buffer00.png', ctype: 'buffer', channel: 0, sampler: SAMPLER, published: 1 }], outputs: [{ id: 257, channel: 0 }], code: BUFFER, name: 'Buffer A', description: '', type: 'buffer' },
    ],
  },
};

describe('Shadertoy import/export over HTTP', () => {
  it('imports a keyboard "reset" shader and exports it back without losing vflip, ids or the info block', async () => {
    const imported = await call<Shader>('/shaders/import', { method: 'POST', json: { shadertoy: DOC } }, 201);
    expect(imported).toMatchObject({ title: 'Reset Trails', tags: ['feedback', 'keyboard'] });
    expect(imported.source.image.channels).toEqual([
      { type: 'buffer', id: 'A', filter: 'linear', wrap: 'clamp' },
      { type: 'texture', name: 'noise-rgba-256', filter: 'mipmap', wrap: 'repeat', vflip: false },
      { type: 'none' },
      { type: 'keyboard' },
    ]);
    // The API's provenance stays small: the import's origin is kept for export only.
    expect(imported.provenance.importedFrom).toEqual({ shadertoyId: 'Xt3fDz', author: 'someone' });

    const exported = await call<ShadertoyDocument>(`/shaders/${imported.id}/export`);
    expect(exported.Shader.info).toEqual(DOC.Shader.info);
    const image = exported.Shader.renderpass.find((p) => p.type === 'image')!;
    expect(image.inputs.map((i) => [i.id, i.channel, i.ctype, i.sampler?.vflip])).toEqual([
      ['4dXGR8', 0, 'buffer', 'true'],
      [17, 1, 'texture', 'false'],
      [33, 3, 'keyboard', 'true'],
    ]);
    expect(exported.Shader.renderpass.find((p) => p.name === 'Buffer A')!.inputs[0]!.id).toBe(257);

    const again = await call<Shader>('/shaders/import', { method: 'POST', json: { shadertoy: JSON.stringify(exported) } }, 201);
    expect(again.source).toEqual(imported.source);
    expect(again).toMatchObject({ title: imported.title, tags: imported.tags, description: imported.description });
    const twice = await call<ShadertoyDocument>(`/shaders/${again.id}/export`);
    expect(twice).toEqual(exported);
    expect(fromShadertoy(twice).meta.origin).toEqual(fromShadertoy(DOC).meta.origin);
  });

  it('after an edit, export writes what the shader now holds, not the stale import', async () => {
    const imported = await call<Shader>('/shaders/import', { method: 'POST', json: { shadertoy: DOC } }, 201);
    await call<Shader>(`/shaders/${imported.id}`, { method: 'PUT', json: { title: 'Renamed', tags: ['new'] } });
    const exported = await call<ShadertoyDocument>(`/shaders/${imported.id}/export`);
    expect(exported.Shader.info).toMatchObject({ name: 'Renamed', tags: ['new'], likes: 42, date: '1609459200' });
  });
});
