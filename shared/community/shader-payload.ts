import { ShaderSource, singlePass } from '../shaders/source.js';

const MAX_GLSL = 64 * 1024;

/**
 * A published shader's payload as a studio source, or why it is not one. The desktop app
 * publishes the multi-pass ShaderSource as JSON; other relay clients may publish a bare
 * Shadertoy `mainImage` program. Used by the host ("Open in editor") and the item view (live canvas).
 */
export function shaderSourceFromPayload(payload: string): { source: ShaderSource } | { error: string } {
  const text = payload.trim();
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = undefined;
    }
    const parsed = ShaderSource.safeParse(json);
    return parsed.success ? { source: parsed.data } : { error: 'It was published as JSON that is not a shader source the studio knows.' };
  }
  if (!/\bvoid\s+mainImage\s*\(/.test(text)) return { error: 'It has no mainImage program.' };
  if (text.length > MAX_GLSL) return { error: 'Its code is larger than 64 KB.' };
  return { source: singlePass(text) };
}
