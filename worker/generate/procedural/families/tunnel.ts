import { glslFloat as f } from '../rng.js';
import { chooseVariant, type Family } from './types.js';

/** A polar (1/r) tunnel; the wall pattern is the variant, chaos bends and twists it. */
export const tunnel: Family = {
  id: 'tunnel',
  keywords: ['tunnel', 'tube', 'wormhole', 'corridor', 'vortex', 'portal', 'pipe', 'tunnels', 'hyperdrive', 'infinite corridor', 'time tunnel'],
  palettes: ['neon', 'vapor', 'ocean', 'fire', 'lavender'],
  energy: 0.7,
  build(ctx) {
    const variant = chooseVariant(ctx, [
      { id: 'rings', words: ['ring', 'rings', 'neon', 'light', 'lights'] },
      { id: 'grid', words: ['grid', 'wireframe', 'digital', 'matrix', 'cyber'] },
      { id: 'tiles', words: ['tile', 'tiles', 'hex', 'honeycomb', 'block', 'blocks', 'panel', 'panels'] },
      { id: 'smoke', words: ['smoke', 'cloud', 'clouds', 'wormhole', 'vortex', 'organic', 'nebula'] },
    ] as const);
    const segments = ctx.rng.int(8, 16);
    const depth = ctx.rng.range(0.9, 1.4);
    const twist = 0.02 + 0.18 * ctx.chaos;
    const pattern: Record<typeof variant, string> = {
      rings: `    float w = 0.03 + 0.05 * r;
    float dz = 0.5 - abs(fract(tc.y) - 0.5);
    float da = 0.5 - abs(fract(tc.x) - 0.5);
    float v = exp(-dz * dz / (w * w)) + 0.45 * exp(-da * da / (w * w * 0.5)) * smoothstep(0.1, 0.7, r);
    float hue = floor(tc.y) * 0.13 + 0.05 * T;`,
      grid: `    float w = 0.02 + 0.03 * r;
    vec2 d = 0.5 - abs(fract(tc) - 0.5);
    float v = 1.6 * (exp(-d.y * d.y / (w * w)) + exp(-d.x * d.x / (w * w)));
    v += 0.25 * smoothstep(0.45, 0.0, min(d.x, d.y));
    float hue = tc.y * 0.02 + 0.1 * sin(T * 0.3);`,
      tiles: `    vec2 tt = tc * vec2(2.0, 2.0);
    vec2 cell = floor(tt);
    vec2 g = fract(tt);
    float edge = min(min(g.x, 1.0 - g.x), min(g.y, 1.0 - g.y));
    float h = hash12(vec2(mod(cell.x, ${f(segments * 2, 1)}), cell.y));
    float lit = step(0.45, h) * (0.55 + 0.45 * sin(T * 3.0 + h * 40.0));
    float v = smoothstep(0.0, 0.06, edge) * (0.12 + 0.9 * lit) + 0.5 * smoothstep(0.05, 0.0, edge);
    float hue = h * 0.6 + cell.y * 0.01;`,
      smoke: `    vec3 q = vec3(cos(a) * 1.4, sin(a) * 1.4, tc.y * 0.35);
    float n = fbm3(q + vec3(0.0, 0.0, T * 0.1) + ${f(0.4 + 1.2 * ctx.chaos)} * fbm3(q * 1.7 - T * 0.05));
    float v = smoothstep(0.25, 0.85, n) * 1.3;
    float hue = n * 0.9 + tc.y * 0.01;`,
    };
    const needs = variant === 'smoke' ? (['fbm3'] as const) : variant === 'tiles' ? (['hash'] as const) : ([] as const);
    return {
      variant,
      needs: [...needs],
      geometry: 'tunnel',
      motionType: 'flythrough',
      shaderType: '2d',
      nouns: ['Tunnel', 'Vortex', 'Passage', 'Wormhole'],
      what: `a polar tunnel lined with ${variant === 'smoke' ? 'swirling smoke' : variant === 'tiles' ? 'flickering tiles' : variant === 'grid' ? 'a glowing grid' : 'pulsing rings of light'}`,
      tags: ['tunnel', variant === 'smoke' ? 'fbm' : variant, 'polar'],
      cost: variant === 'smoke' ? 0.5 : 0.15,
      code: `// Tunnel: 1/r depth, angle around the tube; SEGMENTS is whole so the atan seam never shows.
const float SEGMENTS = ${f(segments, 1)};
const float DEPTH = ${f(depth)};
const float TWIST = ${f(twist)};
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * SPEED;
    // The tunnel bends: its centre wanders more with chaos.
    uv += (0.06 + 0.22 * CHAOS) * vec2(sin(T * 0.7 + SEED), cos(T * 0.53 + SEED * 1.3));
    float r = max(length(uv), 0.02);
    float a = atan(uv.y, uv.x);
    float z = DEPTH / r + T * 2.5;
    float ang = a / 6.28318 + TWIST * sin(z * 0.3 + T * 0.2);
    vec2 tc = vec2(ang * SEGMENTS, z);
${pattern[variant]}
    vec3 col = glow(hue) * v;
    // The far end fades into darkness, with a light burning there.
    col *= smoothstep(0.02, 0.3, r);
    col += mix(P2, P4, 0.5) * 0.05 / (r + 0.06) * (0.7 + 0.3 * sin(T * 2.0));
    return col;
}
`,
    };
  },
};
