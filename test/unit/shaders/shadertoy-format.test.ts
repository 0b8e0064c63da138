import { describe, expect, it } from 'vitest';
import { fromShadertoy, ShadertoyImportError, toShadertoy } from '../../../shared/shaders/shadertoy-format.js';
import { ShaderSource } from '../../../shared/shaders/source.js';

const IMAGE = 'void mainImage(out vec4 o, in vec2 f) { o = texture(iChannel0, f / iResolution.xy); }';

/** A real API-style export (numeric ids, ctype/src), shaped like Shadertoy returns it. */
const API_EXPORT = {
  Shader: {
    ver: '0.1',
    info: { id: 'WdlGRf', date: '1547167616', viewed: 568, name: 'kifs octahedrons', username: 'macbooktall', description: 'looks like coral', likes: 30, published: 3, flags: 32, tags: ['kifs', 'feedback'], hasliked: 0 },
    renderpass: [
      {
        inputs: [{ id: 259, src: '/media/previz/buffer02.png', ctype: 'buffer', channel: 0, sampler: { filter: 'linear', wrap: 'clamp', vflip: 'true', srgb: 'false', internal: 'byte' }, published: 1 }],
        outputs: [{ id: 37, channel: 0 }],
        code: IMAGE,
        name: 'Image',
        description: '',
        type: 'image',
      },
      { inputs: [], outputs: [{ id: 257, channel: 0 }], code: 'void mainImage(out vec4 o, in vec2 f) { o = vec4(1.0); }', name: 'Buffer A', description: '', type: 'buffer' },
      {
        inputs: [
          { id: 257, src: '/media/previz/buffer00.png', ctype: 'buffer', channel: 0, sampler: { filter: 'nearest', wrap: 'repeat', vflip: 'true', srgb: 'false', internal: 'byte' } },
          { id: 16, src: '/media/a/0c7bf5fe9462d5bffbd11126e82908e39be3ce56220d900f633d58fb432e56f5.png', ctype: 'texture', channel: 2, sampler: { filter: 'mipmap', wrap: 'repeat', vflip: 'true', srgb: 'false', internal: 'byte' } },
        ],
        outputs: [{ id: 259, channel: 0 }],
        code: 'void mainImage(out vec4 o, in vec2 f) { o = texture(iChannel0, f) + texture(iChannel2, f); }',
        name: 'Buffer C',
        description: '',
        type: 'buffer',
      },
      { inputs: [], outputs: [], code: 'float h(float x) { return x; }', name: 'Common', description: '', type: 'common' },
    ],
  },
};

describe('fromShadertoy', () => {
  it('converts an API export: passes, channels, samplers, textures and metadata', () => {
    const { source, meta } = fromShadertoy(JSON.stringify(API_EXPORT));
    expect(meta).toMatchObject({ title: 'kifs octahedrons', description: 'looks like coral', tags: ['kifs', 'feedback'], author: 'macbooktall', shadertoyId: 'WdlGRf' });
    expect(source.common).toBe('float h(float x) { return x; }');
    expect(source.image).toEqual({ code: IMAGE, channels: [{ type: 'buffer', id: 'C', filter: 'linear', wrap: 'clamp' }] });
    expect(source.buffers.map((b) => b.id)).toEqual(['A', 'C']);
    expect(source.buffers[1]!.channels).toEqual([
      { type: 'buffer', id: 'A', filter: 'nearest', wrap: 'repeat' },
      { type: 'none' },
      { type: 'texture', name: 'noise-gray-256', filter: 'mipmap', wrap: 'repeat', vflip: true },
    ]);
  });

  it('reads the site export spelling too (array, type/filepath, string ids)', () => {
    const site = [
      {
        ver: '0.1',
        info: { id: 'lst3W2', name: 'Site export' },
        renderpass: [
          { inputs: [{ id: '4dXGR8', filepath: '/media/previz/buffer00.png', type: 'buffer', channel: 1, sampler: { filter: 'linear', wrap: 'clamp', vflip: true } }], outputs: [{ id: '4dfGRr', channel: 0 }], code: IMAGE, name: 'Image', type: 'image' },
          { inputs: [], outputs: [{ id: '4dXGR8', channel: 0 }], code: IMAGE, name: 'Buf A', type: 'buffer' },
        ],
      },
    ];
    const { source, meta } = fromShadertoy(site);
    expect(meta.title).toBe('Site export');
    expect(source.image.channels).toEqual([{ type: 'none' }, { type: 'buffer', id: 'A', filter: 'linear', wrap: 'clamp' }]);
    expect(source.buffers.map((b) => b.id)).toEqual(['A']);
  });

  it('lists every unsupported input and pass in one clear error', () => {
    const doc = structuredClone(API_EXPORT) as { Shader: { renderpass: Array<Record<string, unknown>> } };
    (doc.Shader.renderpass[0]!.inputs as unknown[]).push(
      { id: 31, src: '/presets/webcam.png', ctype: 'webcam', channel: 2 },
      { id: 99, src: '/media/a/585f9546c092f53ded45332b343144396c0b2d70d9965f585ebc172080d8aa58.jpg', ctype: 'cubemap', channel: 3 },
    );
    doc.Shader.renderpass.push({ inputs: [], outputs: [{ id: 41, channel: 0 }], code: 'vec2 mainSound(int s, float t) { return vec2(0.0); }', name: 'Sound', type: 'sound' });
    doc.Shader.renderpass.push({ inputs: [{ id: 7, src: '/media/a/52d2a8f514c4fd2d9866587f4d7b2a5bfa1a11a0e772077d7682deb8b3b517e5.jpg', ctype: 'texture', channel: 0 }], outputs: [{ id: 260, channel: 0 }], code: IMAGE, name: 'Buffer D', type: 'buffer' });
    let err: ShadertoyImportError | undefined;
    try {
      fromShadertoy(doc);
    } catch (e) {
      err = e as ShadertoyImportError;
    }
    expect(err).toBeInstanceOf(ShadertoyImportError);
    expect(err!.unsupported).toEqual([
      'Image iChannel2: webcam input',
      'Image iChannel3: cubemap texture',
      'Sound pass: sound shaders',
      'Buffer D iChannel0: texture /media/a/52d2a8f514c4fd2d9866587f4d7b2a5bfa1a11a0e772077d7682deb8b3b517e5.jpg (only the generated noise, Bayer and organic textures are available)',
    ]);
    expect(err!.message).toContain('webcam input');
  });

  it('refuses things that are not a Shadertoy export with the failing field', () => {
    expect(() => fromShadertoy('{not json')).toThrow(/Not valid JSON/);
    expect(() => fromShadertoy({ Shader: { renderpass: [{ code: 'x', type: 'vr' }] } })).toThrow(/renderpass\.0\.type/);
    expect(() => fromShadertoy({ Shader: { renderpass: [{ code: 'x', type: 'buffer', outputs: [{ id: 257, channel: 0 }] }] } })).toThrow(/no Image pass/);
  });
});

describe('toShadertoy ↔ fromShadertoy', () => {
  it('round-trips a multipass source with textures and metadata losslessly', () => {
    const source = ShaderSource.parse({
      common: '#define SPEED 2.0\nfloat h(float x) { return x * SPEED; }',
      buffers: [
        { id: 'A', code: 'void mainImage(out vec4 o, in vec2 f) { o = texture(iChannel0, f / iResolution.xy) * 0.99; }', channels: [{ type: 'buffer', id: 'A' }] },
        { id: 'B', code: 'void mainImage(out vec4 o, in vec2 f) { o = texture(iChannel1, f); }', channels: [{ type: 'none' }, { type: 'texture', name: 'bayer-8', filter: 'nearest' }] },
      ],
      image: { code: IMAGE, channels: [{ type: 'buffer', id: 'A', filter: 'mipmap', wrap: 'repeat' }, { type: 'buffer', id: 'B' }, { type: 'texture', name: 'noise-rgba-256' }, { type: 'texture', name: 'organic-256', wrap: 'clamp' }] },
    });
    const meta = { title: 'Feedback', description: 'a trail', tags: ['2d', 'feedback'], author: 'me', shadertoyId: null };
    const doc = toShadertoy(source, meta);
    expect(doc.Shader.renderpass.map((p) => [p.name, p.type, p.outputs[0]?.id])).toEqual([
      ['Image', 'image', 37],
      ['Buffer A', 'buffer', 257],
      ['Buffer B', 'buffer', 258],
      ['Common', 'common', undefined],
    ]);
    const back = fromShadertoy(JSON.parse(JSON.stringify(doc)));
    expect(back.source).toEqual(source);
    expect(back.meta).toMatchObject(meta);
  });

  it('import → export → import keeps vflip, numeric and string input ids, output ids and the whole info block', () => {
    const doc = structuredClone(API_EXPORT) as { Shader: { renderpass: Array<{ inputs: Array<Record<string, unknown>> }> } };
    // An unflipped texture with a numeric id, and a site-style string buffer id on Buffer C.
    doc.Shader.renderpass[0]!.inputs.push({ id: 17, src: '/media/a/f735bee5b64ef98879dc618b016ecf7939a5756040c2cde21ccb15e69a6e1cfb.png', ctype: 'texture', channel: 1, sampler: { filter: 'linear', wrap: 'repeat', vflip: 'false', srgb: 'false', internal: 'byte' } });
    doc.Shader.renderpass[2]!.inputs[0]!.id = '4dXGR8';
    const first = fromShadertoy(doc);
    expect(first.source.image.channels[1]).toEqual({ type: 'texture', name: 'noise-rgba-256', filter: 'linear', wrap: 'repeat', vflip: false });
    const exported = toShadertoy(first.source, first.meta);
    const image = exported.Shader.renderpass.find((p) => p.type === 'image')!;
    expect(image.inputs.map((i) => [i.id, i.channel, i.sampler?.vflip])).toEqual([
      [259, 0, 'true'],
      [17, 1, 'false'],
    ]);
    const bufferC = exported.Shader.renderpass.find((p) => p.name === 'Buffer C')!;
    expect(bufferC.inputs.map((i) => i.id)).toEqual(['4dXGR8', 16]);
    expect(bufferC.outputs[0]!.id).toBe(259);
    expect(exported.Shader.info).toEqual(API_EXPORT.Shader.info);
    const second = fromShadertoy(JSON.parse(JSON.stringify(exported)));
    expect(second.source).toEqual(first.source);
    expect(second.meta).toEqual(first.meta);
  });

  it('a channel changed after import gets a fresh id instead of the stale imported one', () => {
    const first = fromShadertoy(API_EXPORT);
    const source = structuredClone(first.source);
    source.buffers[1]!.channels[2] = { type: 'texture', name: 'bayer-8', filter: 'nearest', wrap: 'repeat', vflip: true };
    const bufferC = toShadertoy(source, first.meta).Shader.renderpass.find((p) => p.name === 'Buffer C')!;
    expect(bufferC.inputs[1]).toMatchObject({ id: 'bayer-8', channel: 2, src: expect.stringContaining('85a6d68622b36995ccb98a89bbb119edf167c914660e4450d313de049320005c') });
  });
});

describe('keyboard and older texture paths', () => {
  it('a keyboard channel imports as the keyboard input and exports back with its id and sampler', () => {
    const doc = structuredClone(API_EXPORT) as { Shader: { renderpass: Array<{ inputs: Array<Record<string, unknown>> }> } };
    const kb = { id: 33, src: '/presets/tex00.jpg', ctype: 'keyboard', channel: 3, sampler: { filter: 'nearest', wrap: 'clamp', vflip: 'true', srgb: 'false', internal: 'byte' }, published: 1 };
    doc.Shader.renderpass[0]!.inputs.push(kb);
    const { source, meta } = fromShadertoy(doc);
    expect(source.image.channels).toEqual([{ type: 'buffer', id: 'C', filter: 'linear', wrap: 'clamp' }, { type: 'none' }, { type: 'none' }, { type: 'keyboard' }]);
    const image = toShadertoy(source, meta).Shader.renderpass[0]!;
    expect(image.inputs[1]).toEqual(kb);
    // Without an import behind it, the keyboard exports as Shadertoy names it.
    expect(toShadertoy(source).Shader.renderpass[0]!.inputs[1]).toMatchObject({ id: '4dXGRr', ctype: 'keyboard', src: '/presets/tex00.jpg', channel: 3 });
  });

  it('reads /presets/texNN texture paths of older exports', () => {
    const { source } = fromShadertoy({ Shader: { renderpass: [{ inputs: [{ id: 16, src: '/presets/tex16.png', ctype: 'texture', channel: 0 }], outputs: [], code: IMAGE, name: 'Image', type: 'image' }] } });
    expect(source.image.channels).toEqual([{ type: 'texture', name: 'noise-rgba-256', filter: 'mipmap', wrap: 'repeat', vflip: true }]);
  });
});
