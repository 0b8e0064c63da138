import { glslFloat as f } from '../rng.js';
import type { Family } from './types.js';

/** Aurora curtains rippling over a dark ridge and a mirroring lake, under a starry sky. */
export const aurora: Family = {
  id: 'aurora',
  keywords: ['aurora', 'northern lights', 'borealis', 'polar lights', 'curtain', 'curtains', 'arctic night', 'lights in the sky'],
  palettes: ['aurora', 'lavender', 'ice', 'neon', 'toxic'],
  energy: 0.3,
  build(ctx) {
    const layers = 6 + Math.round(2 * ctx.chaos);
    return {
      variant: 'curtains',
      needs: ['noise', 'hash'],
      geometry: 'landscape',
      motionType: 'wave',
      shaderType: '2d',
      nouns: ['Aurora', 'Lights', 'Curtains', 'Borealis'],
      what: `${layers} layers of aurora curtains over a pine ridge and a frozen lake`,
      tags: ['aurora', 'sky', 'night'],
      cost: 0.35,
      code: `// Aurora: vertical streaks of noise whose base follows a wandering line; layers give depth.
vec3 aurora(vec2 uv, float T) {
    vec3 acc = vec3(0.0);
    for (int i = 0; i < ${layers}; i++) {
        float fi = float(i);
        vec2 p = uv * (1.0 + fi * 0.12);
        float base = 0.25 + 0.18 * sin(p.x * 1.3 + T * 0.2 + fi * 0.15 + SEED) + ${f(0.05 + 0.15 * ctx.chaos)} * noise(vec2(p.x * 2.0 + T * 0.1, fi));
        float h = uv.y - base - fi * 0.02;
        float streak = noise(vec2(p.x * 14.0 + T * 0.3, fi * 0.5)) * noise(vec2(p.x * 3.0 - T * 0.15, fi));
        float curtain = streak * exp(-max(h, 0.0) * 5.0) * smoothstep(-0.02, 0.04, h);
        acc += mix(P3, P2, smoothstep(0.0, 0.4, h) + fi * 0.05) * curtain * (1.0 - fi / ${f(layers, 1)}) * 0.6;
    }
    return acc;
}
vec3 scene(vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.y;
    uv.x -= 0.5 * iResolution.x / iResolution.y - 0.5;
    float T = iTime * SPEED;
    vec3 col = mix(P1 * 0.25, P0 * 0.5, uv.y);
    col += P4 * step(0.997, hash12(floor(fragCoord / 1.5))) * 0.8 * smoothstep(0.3, 0.6, uv.y);
    float horizon = 0.28;
    float ridge = horizon + 0.06 * noise(vec2(uv.x * 3.0, SEED)) + 0.08 * pow(abs(sin(uv.x * 40.0 + noise(vec2(uv.x * 9.0, 2.0)) * 6.0)), 8.0);
    bool lake = uv.y < horizon - 0.05;
    vec2 q = lake ? vec2(uv.x + 0.01 * sin(uv.y * 80.0 + T), 2.0 * (horizon - 0.05) - uv.y + 0.05) : uv;
    vec3 light = aurora(q, T);
    col = lake ? (P0 * 0.4 + light) * 0.45 : col + light;
    col = mix(col, P0 * 0.3, smoothstep(ridge, ridge - 0.005, uv.y) * step(horizon - 0.05, uv.y));
    return 1.0 - exp(-col * 1.6);
}
`,
    };
  },
};
