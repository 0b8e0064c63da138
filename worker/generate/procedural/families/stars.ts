import { glslFloat as f } from '../rng.js';
import { chooseVariant, type Family } from './types.js';

/** Space: a warp-speed starfield or drifting parallax stars over a nebula. */
export const stars: Family = {
  id: 'stars',
  keywords: ['star', 'stars', 'space', 'galaxy', 'cosmos', 'cosmic', 'nebula', 'universe', 'starfield', 'warp', 'hyperspace', 'light speed', 'astronomy', 'interstellar', 'celestial', 'constellation'],
  palettes: ['midnight', 'lavender', 'ocean', 'neon', 'ice'],
  energy: 0.4,
  build(ctx) {
    const variant = chooseVariant(ctx, [
      { id: 'warp', words: ['warp', 'hyperspace', 'light speed', 'speed', 'jump', 'fast', 'rushing', 'streaks'] },
      { id: 'nebula', words: ['nebula', 'galaxy', 'cosmos', 'calm', 'drift', 'drifting', 'clouds', 'dust'] },
    ] as const);
    if (variant === 'warp') {
      return {
        variant,
        needs: ['hash'],
        geometry: 'particles',
        motionType: 'zoom',
        shaderType: '2d',
        nouns: ['Warp', 'Jump', 'Starstream', 'Drive'],
        what: 'stars streaking past on radial spokes, their trails longer the faster the motion slider',
        tags: ['stars', 'space', 'warp'],
        cost: 0.2,
        code: `// Warp: stars live on angular spokes; each one's depth cycles, and its streak grows with speed.
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * SPEED;
    float r = length(uv);
    float a = atan(uv.y, uv.x);
    vec3 col = mix(P1, P2, 0.3) * 0.6 * exp(-r * 0.9) * (0.7 + 0.3 * sin(a * 3.0 + r * 4.0 + SEED));
    for (int layer = 0; layer < 3; layer++) {
        float fl = float(layer);
        float sa = a / 6.28318 * ${f(120 + Math.round(ctx.chaos * 80), 1)} + fl * 0.37;
        float id = floor(sa);
        float da = abs(fract(sa) - 0.5);
        float rnd = hash12(vec2(id, fl * 17.0 + SEED));
        float depth = fract(rnd + T * (0.12 + 0.05 * fl));
        float sr = depth * depth * 2.2;
        float len = 0.015 + (0.05 + 0.5 * SPEED) * sr * 0.5;
        float along = smoothstep(sr - len, sr, r) * smoothstep(sr + 0.015, sr, r);
        float width = smoothstep(0.04 / max(r, 0.05), 0.0, da);
        col += along * width * step(0.3, rnd) * (1.2 + 2.0 * depth) * mix(glow(rnd), P4, depth);
    }
    col += P3 * 0.06 / (r + 0.15);
    return col;
}
`,
      };
    }
    const warp = 0.3 + 1.5 * ctx.chaos;
    return {
      variant,
      needs: ['fbm', 'hash'],
      geometry: 'particles',
      motionType: 'drift',
      shaderType: '2d',
      nouns: ['Nebula', 'Starfield', 'Cosmos', 'Expanse'],
      what: 'three parallax layers of twinkling stars drifting over a domain-warped nebula',
      tags: ['stars', 'space', 'nebula'],
      cost: 0.4,
      code: `// Nebula: one star per grid cell per layer (parallax by speed), fbm nebula warped by a second fbm.
vec3 starLayer(vec2 p, float scale, float T) {
    vec2 g = p * scale;
    vec2 id = floor(g), fp = fract(g) - 0.5;
    float h = hash12(id + SEED);
    vec2 off = hash22(id + 3.3) - 0.5;
    float d = length(fp - off * 0.7);
    float size = mix(0.012, 0.05, pow(h, 6.0));
    float tw = 0.7 + 0.3 * sin(T * (1.0 + 3.0 * h) + h * 40.0);
    float s = smoothstep(size, 0.0, d) * step(0.55, h) * tw + 0.02 * size / (d * d + 0.002) * step(0.95, h);
    return s * mix(P4, glow(h), 0.35);
}
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * SPEED;
    float n = fbm(uv * 1.3 + vec2(T * 0.05, SEED));
    float m = fbm(uv * 2.4 - vec2(0.0, T * 0.04) + ${f(warp)} * n);
    vec3 neb = mix(P1, P2, m) * smoothstep(0.3, 0.8, n) + P3 * smoothstep(0.65, 0.9, m) * 0.4;
    vec3 col = P0 * 0.5 + neb * 0.8;
    col += starLayer(uv + vec2(T * 0.02, 0.0), 22.0, T) * 0.6;
    col += starLayer(uv + vec2(T * 0.05, 0.0), 11.0, T) * 0.85;
    col += starLayer(uv + vec2(T * 0.1, 0.0), 5.0, T);
    return col;
}
`,
    };
  },
};
