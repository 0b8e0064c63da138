/**
 * Shadertoy's JSON export format (the `{ Shader: { info, renderpass } }` document its API and
 * site export return) and conversion both ways to the studio's ShaderSource + metadata.
 * Import accepts both field spellings Shadertoy has used (`ctype`/`src` and `type`/`filepath`,
 * numeric and string pass ids). What the studio cannot run (webcam, microphone, music, video,
 * cubemaps, volumes, sound and cubemap passes, unknown textures) is refused with one error
 * listing every such input. What the studio does not model itself (the info block, input and
 * output ids, sampler flags) is kept as the import's `origin`, so export → import is lossless.
 */
import { z } from 'zod';
import { ShaderSource, type BufferId, type ChannelInput, type PassName, type TEXTURE_NAMES } from './source.js';

type TextureName = (typeof TEXTURE_NAMES)[number];

const Flag = z.union([z.string(), z.boolean()]);

export const ShadertoySampler = z.looseObject({
  filter: z.string().optional(),
  wrap: z.string().optional(),
  vflip: Flag.optional(),
  srgb: Flag.optional(),
  internal: z.string().optional(),
});

export const ShadertoyInput = z.looseObject({
  id: z.union([z.number(), z.string()]),
  channel: z.number().int().min(0).max(3),
  /** API spelling; the site export uses `type` and `filepath`. */
  ctype: z.string().optional(),
  type: z.string().optional(),
  src: z.string().optional(),
  filepath: z.string().optional(),
  previewfilepath: z.string().optional(),
  sampler: ShadertoySampler.optional(),
  published: z.number().optional(),
});
export type ShadertoyInput = z.infer<typeof ShadertoyInput>;

export const ShadertoyRenderPass = z.looseObject({
  inputs: z.array(ShadertoyInput).default([]),
  outputs: z.array(z.looseObject({ id: z.union([z.number(), z.string()]), channel: z.number().int() })).default([]),
  code: z.string(),
  name: z.string().default(''),
  description: z.string().optional(),
  type: z.enum(['image', 'buffer', 'common', 'sound', 'cubemap']),
});
export type ShadertoyRenderPass = z.infer<typeof ShadertoyRenderPass>;

export const ShadertoyInfo = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  username: z.string().optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  date: z.string().optional(),
  viewed: z.number().optional(),
  likes: z.number().optional(),
  published: z.number().optional(),
  flags: z.number().optional(),
  usePreview: z.number().optional(),
  hasliked: z.number().optional(),
});

export const ShadertoyShader = z.looseObject({
  ver: z.string().optional(),
  info: ShadertoyInfo.default({}),
  renderpass: z.array(ShadertoyRenderPass).min(1, 'A Shadertoy export needs at least one renderpass'),
});

/** The API document: `{ "Shader": { … } }`. */
export const ShadertoyDocument = z.object({ Shader: ShadertoyShader });
export type ShadertoyDocument = z.infer<typeof ShadertoyDocument>;

const InputId = z.union([z.number(), z.string()]);

/** What an import held beyond the studio's own model, keyed by pass ("image", "A" … "D"). */
export const ShadertoyOrigin = z.object({
  ver: z.string().optional(),
  /** The info block as imported (date, views, likes, flags … and any field Shadertoy adds). */
  info: z.record(z.string(), z.unknown()),
  /** Per `${pass}:${channel}`: the input's id, kind, file path and sampler flags. */
  inputs: z.record(z.string(), z.object({ id: InputId, kind: z.string(), src: z.string().optional(), sampler: z.record(z.string(), z.unknown()).optional() })),
  /** Output id of each pass. */
  outputs: z.record(z.string(), InputId),
});
export type ShadertoyOrigin = z.infer<typeof ShadertoyOrigin>;

/** Title, description, tags and origin: what the studio keeps beside the code. */
export const ShaderMeta = z.object({
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  author: z.string().nullable(),
  shadertoyId: z.string().nullable(),
  origin: ShadertoyOrigin.nullable().optional(),
});
export type ShaderMeta = z.infer<typeof ShaderMeta>;

export class ShadertoyImportError extends Error {
  constructor(
    message: string,
    /** One line per unsupported feature, e.g. "Image iChannel1: keyboard input". */
    readonly unsupported: string[] = [],
  ) {
    super(message);
    this.name = 'ShadertoyImportError';
  }
}

const BUFFER_IDS: readonly BufferId[] = ['A', 'B', 'C', 'D'];
/** Output ids Shadertoy gives Buffer A–D and Image: numeric (API) and string (site export). */
const BUFFER_OUTPUT_IDS: Record<string, BufferId> = { '257': 'A', '258': 'B', '259': 'C', '260': 'D', '4dXGR8': 'A', XsXGR8: 'B', '4sXGR8': 'C', XdfGR8: 'D' };
const NUMERIC_BUFFER_ID: Record<BufferId, number> = { A: 257, B: 258, C: 259, D: 260 };
const IMAGE_OUTPUT_ID = 37;

/** Shadertoy's shipped textures the studio regenerates procedurally (matched by file hash). */
const TEXTURE_FILES: Record<TextureName, string> = {
  'noise-rgba-256': '/media/a/f735bee5b64ef98879dc618b016ecf7939a5756040c2cde21ccb15e69a6e1cfb.png', // RGBA Noise Medium
  'noise-rgba-64': '/media/a/3083c722c0c738cad0f468383167a0d246f91af2bfa373e9c5c094fb8c8413e0.png', // RGBA Noise Small
  'noise-gray-256': '/media/a/0c7bf5fe9462d5bffbd11126e82908e39be3ce56220d900f633d58fb432e56f5.png', // Gray Noise Medium
  'bayer-8': '/media/a/85a6d68622b36995ccb98a89bbb119edf167c914660e4450d313de049320005c.png', // Bayer
  'organic-256': '/media/a/cd4c518bc6ef165c39d4405b347b51ba40f8d7a065ab0e8d2e4f422cbc1e8a43.jpg', // Organic 1 (approximated)
};
const TEXTURE_BY_HASH = new Map(Object.entries(TEXTURE_FILES).map(([name, file]) => [hashOf(file)!, name as TextureName]));
/** The same textures under the `/presets/texNN` paths of older exports. */
const TEXTURE_BY_PRESET: Record<string, TextureName> = { tex11: 'noise-rgba-64', tex12: 'noise-gray-256', tex15: 'bayer-8', tex16: 'noise-rgba-256' };
/** Shadertoy's keyboard input as its exports name it. */
const KEYBOARD_INPUT = { id: '4dXGRr', src: '/presets/tex00.jpg' };

function hashOf(path: string): string | undefined {
  return /([0-9a-f]{64})/i.exec(path)?.[1]?.toLowerCase();
}

function textureOfFile(path: string): TextureName | undefined {
  const hash = hashOf(path);
  if (hash) return TEXTURE_BY_HASH.get(hash);
  const preset = /\/presets\/(tex\d\d)\.\w+$/.exec(path)?.[1];
  return preset ? TEXTURE_BY_PRESET[preset] : undefined;
}

/** Shadertoy writes flags as "true"/"false" (API) or booleans (site export); absent means its default. */
const flagOf = (f: string | boolean | undefined, fallback: boolean): boolean => (f === undefined ? fallback : f === true || f === 'true');

function passLabel(p: ShadertoyRenderPass): string {
  return p.name || (p.type === 'image' ? 'Image' : p.type === 'common' ? 'Common' : p.type);
}

function bufferOfPass(p: ShadertoyRenderPass): BufferId | undefined {
  const out = p.outputs[0];
  const byId = out ? BUFFER_OUTPUT_IDS[String(out.id)] : undefined;
  return byId ?? (/^Buf(?:fer)?\s*([A-D])$/i.exec(p.name.trim())?.[1]?.toUpperCase() as BufferId | undefined);
}

function bufferOfInput(i: ShadertoyInput): BufferId | undefined {
  const byId = BUFFER_OUTPUT_IDS[String(i.id)];
  if (byId) return byId;
  const n = /buffer0([0-3])\.png$/.exec(i.src ?? i.filepath ?? '')?.[1];
  return n === undefined ? undefined : BUFFER_IDS[Number(n)];
}

type Filter = 'linear' | 'nearest' | 'mipmap';
const filterOf = (s: string | undefined, fallback: Filter): Filter => (s === 'nearest' || s === 'linear' || s === 'mipmap' ? s : fallback);
const wrapOf = (s: string | undefined, fallback: 'clamp' | 'repeat'): 'clamp' | 'repeat' => (s === 'clamp' || s === 'repeat' ? s : fallback);

const UNSUPPORTED_INPUTS: Record<string, string> = {
  webcam: 'webcam input',
  mic: 'microphone input',
  music: 'music input',
  musicstream: 'SoundCloud music input',
  video: 'video input',
  cubemap: 'cubemap texture',
  volume: '3D (volume) texture',
};

function channelsOf(p: ShadertoyRenderPass, pass: PassName, unsupported: string[], origin: ShadertoyOrigin): ChannelInput[] {
  const channels: ChannelInput[] = [{ type: 'none' }, { type: 'none' }, { type: 'none' }, { type: 'none' }];
  for (const input of p.inputs) {
    const where = `${passLabel(p)} iChannel${input.channel}`;
    const kind = input.ctype ?? input.type ?? '';
    const s = input.sampler ?? {};
    const file = input.src ?? input.filepath ?? '';
    if (kind === 'buffer') {
      const id = bufferOfInput(input);
      if (!id) unsupported.push(`${where}: a buffer input whose source pass (id ${String(input.id)}) is not Buffer A–D`);
      else channels[input.channel] = { type: 'buffer', id, filter: filterOf(s.filter, 'linear'), wrap: wrapOf(s.wrap, 'clamp') };
    } else if (kind === 'texture') {
      const name = textureOfFile(file);
      if (!name) unsupported.push(`${where}: texture ${file || String(input.id)} (only the generated noise, Bayer and organic textures are available)`);
      else channels[input.channel] = { type: 'texture', name, filter: filterOf(s.filter, 'mipmap'), wrap: wrapOf(s.wrap, 'repeat'), vflip: flagOf(s.vflip, true) };
    } else if (kind === 'keyboard') {
      channels[input.channel] = { type: 'keyboard' };
    } else {
      unsupported.push(`${where}: ${UNSUPPORTED_INPUTS[kind] ?? `"${kind || 'unknown'}" input`}`);
    }
    origin.inputs[`${pass}:${input.channel}`] = { id: input.id, kind, ...(file ? { src: file } : {}), ...(input.sampler ? { sampler: { ...input.sampler } } : {}) };
  }
  while (channels.length && channels.at(-1)!.type === 'none') channels.pop();
  return channels;
}

/** Accepts `{Shader: …}`, a bare shader object or the site export's one-element array. */
function documentOf(json: unknown): ShadertoyDocument {
  const candidate = Array.isArray(json) ? (json.length === 1 ? { Shader: json[0] } : json) : json && typeof json === 'object' && !('Shader' in json) ? { Shader: json } : json;
  if (Array.isArray(candidate)) throw new ShadertoyImportError(`This export holds ${candidate.length} shaders; import them one at a time`);
  const parsed = ShadertoyDocument.safeParse(candidate);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new ShadertoyImportError(`Not a Shadertoy export: ${first.path.join('.') || '(root)'}: ${first.message}`);
  }
  return parsed.data;
}

/** Shadertoy JSON (parsed or text) → ShaderSource + metadata. Throws ShadertoyImportError. */
export function fromShadertoy(input: unknown): { source: ShaderSource; meta: ShaderMeta } {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (err) {
      throw new ShadertoyImportError(`Not valid JSON: ${(err as Error).message}`);
    }
  }
  const { Shader } = documentOf(json);
  const unsupported: string[] = [];
  const origin: ShadertoyOrigin = { ...(Shader.ver === undefined ? {} : { ver: Shader.ver }), info: { ...Shader.info }, inputs: {}, outputs: {} };
  const outputOf = (pass: PassName, p: ShadertoyRenderPass): void => {
    if (p.outputs[0]) origin.outputs[pass] = p.outputs[0].id;
  };
  let common = '';
  let image: ShadertoyRenderPass | undefined;
  let imageChannels: ChannelInput[] = [];
  const buffers: Array<{ id: BufferId; code: string; channels: ChannelInput[] }> = [];
  for (const pass of Shader.renderpass) {
    if (pass.type === 'sound') unsupported.push(`${passLabel(pass)} pass: sound shaders`);
    else if (pass.type === 'cubemap') unsupported.push(`${passLabel(pass)} pass: cubemap buffers`);
    else if (pass.type === 'common') common = pass.code;
    else if (pass.type === 'image') {
      if (image) throw new ShadertoyImportError('The export has more than one Image pass');
      image = pass;
      imageChannels = channelsOf(pass, 'image', unsupported, origin);
      outputOf('image', pass);
    } else {
      const id = bufferOfPass(pass);
      if (!id) unsupported.push(`${passLabel(pass)} pass: a buffer that is not Buffer A–D`);
      else if (buffers.some((b) => b.id === id)) throw new ShadertoyImportError(`The export has Buffer ${id} twice`);
      else {
        buffers.push({ id, code: pass.code, channels: channelsOf(pass, id, unsupported, origin) });
        outputOf(id, pass);
      }
    }
  }
  if (unsupported.length) {
    throw new ShadertoyImportError(`This shader uses what the studio cannot run: ${unsupported.join('; ')}`, unsupported);
  }
  if (!image) throw new ShadertoyImportError('The export has no Image pass');
  buffers.sort((a, b) => a.id.localeCompare(b.id));
  const parsed = ShaderSource.safeParse({ common, buffers, image: { code: image.code, channels: imageChannels } });
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new ShadertoyImportError(`The shader does not fit the studio: ${first.path.join('.')}: ${first.message}`);
  }
  const info = Shader.info;
  return {
    source: parsed.data,
    meta: {
      title: info.name ?? '',
      description: info.description ?? '',
      tags: info.tags ?? [],
      author: info.username || null,
      shadertoyId: info.id || null,
      origin,
    },
  };
}

const DEFAULT_SAMPLER = { filter: 'linear', wrap: 'clamp', vflip: 'true', srgb: 'false', internal: 'byte' };
const DEFAULT_INFO = { id: '', date: '0', viewed: 0, name: '', username: '', description: '', likes: 0, published: 0, flags: 0, usePreview: 0, tags: [] as string[], hasliked: 0 };

/** One channel as a Shadertoy input; ids, paths and sampler flags come from the import when the channel still holds what it imported. */
function inputOf(ch: ChannelInput, channel: number, pass: PassName, origin: ShadertoyOrigin | null | undefined): ShadertoyInput | null {
  if (ch.type === 'none') return null;
  const was = origin?.inputs[`${pass}:${channel}`];
  const same =
    was !== undefined &&
    (ch.type === 'buffer'
      ? was.kind === 'buffer' && bufferOfInput({ id: was.id, channel, ...(was.src ? { src: was.src } : {}) }) === ch.id
      : ch.type === 'texture'
        ? was.kind === 'texture' && textureOfFile(was.src ?? '') === ch.name
        : was.kind === 'keyboard');
  const kept = same ? was : undefined;
  const base = { ...DEFAULT_SAMPLER, ...(kept?.sampler ?? {}) };
  if (ch.type === 'keyboard') {
    return { id: kept?.id ?? KEYBOARD_INPUT.id, src: kept?.src ?? KEYBOARD_INPUT.src, ctype: 'keyboard', channel, sampler: kept?.sampler ?? { ...DEFAULT_SAMPLER, filter: 'nearest' }, published: 1 };
  }
  if (ch.type === 'buffer') {
    const sampler = { ...base, filter: ch.filter, wrap: ch.wrap };
    return { id: kept?.id ?? NUMERIC_BUFFER_ID[ch.id], src: kept?.src ?? `/media/previz/buffer0${BUFFER_IDS.indexOf(ch.id)}.png`, ctype: 'buffer', channel, sampler, published: 1 };
  }
  const sampler = { ...base, filter: ch.filter, wrap: ch.wrap, vflip: String(ch.vflip) };
  return { id: kept?.id ?? ch.name, src: kept?.src ?? TEXTURE_FILES[ch.name], ctype: 'texture', channel, sampler, published: 1 };
}

function inputsOf(channels: ChannelInput[], pass: PassName, origin: ShadertoyOrigin | null | undefined): ShadertoyInput[] {
  return channels.map((c, i) => inputOf(c, i, pass, origin)).filter((i): i is ShadertoyInput => i !== null);
}

/** ShaderSource + metadata → a Shadertoy API document (ctype/src spelling, numeric pass ids unless the import had others). */
export function toShadertoy(source: ShaderSource, meta: Partial<ShaderMeta> = {}): ShadertoyDocument {
  const origin = meta.origin;
  const outId = (pass: PassName, fallback: number): number | string => {
    const was = origin?.outputs[pass];
    if (was === undefined) return fallback;
    return pass === 'image' || BUFFER_OUTPUT_IDS[String(was)] === pass ? was : fallback;
  };
  const renderpass: ShadertoyRenderPass[] = [
    { inputs: inputsOf(source.image.channels, 'image', origin), outputs: [{ id: outId('image', IMAGE_OUTPUT_ID), channel: 0 }], code: source.image.code, name: 'Image', description: '', type: 'image' },
    ...source.buffers.map(
      (b): ShadertoyRenderPass => ({
        inputs: inputsOf(b.channels, b.id, origin),
        outputs: [{ id: outId(b.id, NUMERIC_BUFFER_ID[b.id]), channel: 0 }],
        code: b.code,
        name: `Buffer ${b.id}`,
        description: '',
        type: 'buffer',
      }),
    ),
  ];
  if (source.common) renderpass.push({ inputs: [], outputs: [], code: source.common, name: 'Common', description: '', type: 'common' });
  return {
    Shader: {
      ver: origin?.ver ?? '0.1',
      info: {
        // An import's info block goes back as it came (with the studio's own fields on top); else Shadertoy's defaults.
        ...(origin?.info ?? DEFAULT_INFO),
        id: meta.shadertoyId ?? '',
        name: meta.title ?? '',
        username: meta.author ?? '',
        description: meta.description ?? '',
        tags: meta.tags ?? [],
      },
      renderpass,
    },
  };
}
