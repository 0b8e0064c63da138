import type { BufferId, ChannelInput, PassName, ShaderSource } from '../../../../shared/shaders/source.js';

/** What the editor edits: the shader's text fields plus its multipass source. Pure helpers only. */
export interface Draft {
  title: string;
  description: string;
  tags: string[];
  source: ShaderSource;
}

export const BUFFER_IDS: BufferId[] = ['A', 'B', 'C', 'D'];
export const NONE: ChannelInput = { type: 'none' };

export const STARTER_CODE = `// Welcome to the Auteur shader editor: Shadertoy-style GLSL, live on the right.
void mainImage(out vec4 fragColor, in vec2 fragCoord)
{
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float r = length(uv);
    float a = atan(uv.y, uv.x);
    float rings = sin(12.0 * r - 3.0 * iTime + 2.0 * sin(3.0 * a));
    vec3 col = 0.5 + 0.5 * cos(iTime + r * 4.0 + vec3(0.0, 2.1, 4.2));
    col *= smoothstep(0.0, 0.9, rings * 0.5 + 0.5) * exp(-1.2 * r);
    fragColor = vec4(col, 1.0);
}
`;

export function emptyDraft(): Draft {
  return { title: '', description: '', tags: [], source: { common: '', buffers: [], image: { code: STARTER_CODE, channels: [] } } };
}

export function passCode(source: ShaderSource, pass: PassName): string {
  if (pass === 'image') return source.image.code;
  if (pass === 'common') return source.common;
  return source.buffers.find((b) => b.id === pass)?.code ?? '';
}

export function hasPass(source: ShaderSource, pass: PassName): boolean {
  if (pass === 'image' || pass === 'common') return true;
  return source.buffers.some((b) => b.id === pass);
}

export function withPassCode(source: ShaderSource, pass: PassName, code: string): ShaderSource {
  if (pass === 'image') return { ...source, image: { ...source.image, code } };
  if (pass === 'common') return { ...source, common: code };
  return { ...source, buffers: source.buffers.map((b) => (b.id === pass ? { ...b, code } : b)) };
}

/** Four slots, missing ones as none: the pickers always show iChannel0..3. */
export function channelsOf(source: ShaderSource, pass: PassName): ChannelInput[] {
  const list = pass === 'image' ? source.image.channels : pass === 'common' ? [] : (source.buffers.find((b) => b.id === pass)?.channels ?? []);
  return [0, 1, 2, 3].map((i) => list[i] ?? NONE);
}

/** Trailing `none` slots are dropped so an untouched pass stores `[]`. */
function trimChannels(list: ChannelInput[]): ChannelInput[] {
  const out = list.slice();
  while (out.length && out[out.length - 1]?.type === 'none') out.pop();
  return out;
}

export function withChannel(source: ShaderSource, pass: PassName, index: number, input: ChannelInput): ShaderSource {
  if (pass === 'common') return source;
  const next = channelsOf(source, pass);
  next[index] = input;
  const channels = trimChannels(next);
  if (pass === 'image') return { ...source, image: { ...source.image, channels } };
  return { ...source, buffers: source.buffers.map((b) => (b.id === pass ? { ...b, channels } : b)) };
}

const BUFFER_STARTER = `// Buffer passes render off-screen; read them from another pass through an iChannel.
// A buffer that reads itself gets its own previous frame (feedback effects).
void mainImage(out vec4 fragColor, in vec2 fragCoord)
{
    vec2 uv = fragCoord / iResolution.xy;
    fragColor = vec4(uv, 0.5 + 0.5 * sin(iTime), 1.0);
}
`;

export function withBuffer(source: ShaderSource, id: BufferId): ShaderSource {
  if (hasPass(source, id)) return source;
  const buffers = [...source.buffers, { id, code: BUFFER_STARTER, channels: [] }].sort((a, b) => a.id.localeCompare(b.id));
  return { ...source, buffers };
}

/** Removing a buffer also unplugs every channel that read it. */
export function withoutBuffer(source: ShaderSource, id: BufferId): ShaderSource {
  const unplug = (list: ChannelInput[]) => trimChannels(list.map((c) => (c.type === 'buffer' && c.id === id ? NONE : c)));
  return {
    ...source,
    image: { ...source.image, channels: unplug(source.image.channels) },
    buffers: source.buffers.filter((b) => b.id !== id).map((b) => ({ ...b, channels: unplug(b.channels) })),
  };
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))];
}
