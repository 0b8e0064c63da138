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
    expect(meta).toEqual({ title: 'kifs octahedrons', description: 'looks like coral', tags: ['kifs', 'feedback'], author: 'macbooktall', shadertoyId: 'WdlGRf' });
    expect(source.common).toBe('float h(float x) { return x; }');
    expect(source.image).toEqual({ code: IMAGE, channels: [{ type: 'buffer', id: 'C', filter: 'linear', wrap: 'clamp' }] });
    expect(source.buffers.map((b) => b.id)).toEqual(['A', 'C']);
    expect(source.buffers[1]!.channels).toEqual([
      { type: 'buffer', id: 'A', filter: 'nearest', wrap: 'repeat' },
      { type: 'none' },
      { type: 'texture', name: 'noise-gray-256', filter: 'mipmap', wrap: 'repeat' },
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
      { id: 33, src: '/presets/tex00.jpg', ctype: 'keyboard', channel: 1 },
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
      'Image iChannel1: keyboard input',
      'Image iChannel2: webcam input',
      'Image iChannel3: cubemap texture',
      'Sound pass: sound shaders',
      'Buffer D iChannel0: texture /media/a/52d2a8f514c4fd2d9866587f4d7b2a5bfa1a11a0e772077d7682deb8b3b517e5.jpg (only the generated noise, Bayer and organic textures are available)',
    ]);
    expect(err!.message).toContain('keyboard input');
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
    expect(back.meta).toEqual(meta);
  });
});
