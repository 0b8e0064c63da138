import { glslFloat as f } from '../rng.js';
import { chooseVariant, type Family } from './types.js';

/** Fire: a roaring flame column with embers, or a field of flowing lava with glowing cracks. */
export const fire: Family = {
  id: 'fire',
  keywords: ['fire', 'flame', 'flames', 'lava', 'magma', 'inferno', 'burning', 'burn', 'embers', 'ember', 'volcano', 'volcanic', 'heat', 'blaze', 'campfire', 'hell'],
  palettes: ['fire', 'blood', 'gold', 'toxic', 'sunset'],
  energy: 0.7,
  build(ctx) {
    const variant = chooseVariant(ctx, [
      { id: 'lava', words: ['lava', 'magma', 'volcano', 'volcanic', 'molten', 'flow'] },
      { id: 'flame', words: ['fire', 'flame', 'flames', 'campfire', 'burning', 'blaze', 'inferno', 'candle', 'torch'] },
    ] as const);
    if (variant === 'lava') {
      return {
        variant,
        needs: ['fbm'],
        geometry: 'organic',
        motionType: 'fluid',
        shaderType: '2d',
        nouns: ['Magma', 'Lava', 'Caldera', 'Flow'],
        what: 'a slowly flowing lava field: cooled crust plates drifting over glowing, cracking magma',
        tags: ['lava', 'fire', 'fbm'],
        cost: 0.4,
        code: `// Lava: crust is warped fbm; along its mid-value contour the crust splits and magma glows through.
vec3 scene(vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.y;
    float T = iTime * SPEED * 0.2;
    vec2 p = uv * 3.0 + vec2(SEED, T);
    vec2 w = vec2(fbm(p + T), fbm(p + 4.3 - T));
    float crust = fbm(p * 1.5 + ${f(1 + 2.5 * ctx.chaos)} * w);
    // Normalised fbm clusters around 0.5, so the cracks are a thin band around that value.
    float crack = abs(crust - 0.5 - 0.04 * sin(T * 3.0 + w.y * 6.0));
    float magma = smoothstep(0.035, 0.0, crack);
    float rim = smoothstep(0.12, 0.0, crack);
    vec3 col = ramp(0.04 + 0.25 * smoothstep(0.3, 0.7, crust)) * (0.5 + 0.5 * w.x);
    col += P2 * rim * 0.45 * (0.7 + 0.3 * sin(T * 8.0 + crust * 20.0));
    col += mix(P3, P4, magma) * magma * 1.2;
    return col;
}
`,
      };
    }
    return {
      variant,
      needs: ['fbm', 'hash'],
      geometry: 'organic',
      motionType: 'flicker',
      shaderType: '2d',
      nouns: ['Blaze', 'Flame', 'Pyre', 'Inferno'],
      what: 'a column of fire from scrolled, sheared fbm, with embers spinning off into the dark',
      tags: ['fire', 'flame', 'embers'],
      cost: 0.35,
      code: `// Flame: fbm scrolled upward and sheared by height, shaped by a teardrop envelope, coloured by ramp().
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * (0.3 + SPEED);
    vec2 p = vec2(uv.x, uv.y + 1.0);
    float n = fbm(vec2(p.x * 3.0 + SEED, p.y * 2.0 - T * 1.6));
    float n2 = fbm(vec2(p.x * 6.0 + n, p.y * 4.0 - T * 2.5));
    float x = p.x + (n - 0.5) * ${f(0.3 + 0.5 * ctx.chaos)} * p.y;
    float width = 0.7 * (1.0 - p.y * 0.38);
    float shape = 1.0 - abs(x) / max(width, 0.01);
    float flame = clamp(shape * 1.3 - p.y * 0.25 + (n2 - 0.5) * ${f(0.6 + 0.8 * ctx.chaos)}, 0.0, 1.0);
    flame *= smoothstep(0.0, 0.15, p.y + 0.05);
    vec3 col = ramp(pow(flame, 1.2)) * smoothstep(0.0, 0.15, flame) * 1.3;
    vec2 eg = vec2(uv.x * 12.0, uv.y * 6.0 - T * 2.0);
    vec2 ei = floor(eg);
    vec2 ef = fract(eg) - 0.5 - (hash22(ei) - 0.5) * 0.7;
    col += P4 * smoothstep(0.06, 0.0, length(ef)) * step(0.8, hash12(ei + 7.0)) * smoothstep(1.0, 0.0, abs(uv.x) * 1.5) * smoothstep(-0.5, 0.5, uv.y);
    return col + P2 * 0.15 * exp(-length(uv - vec2(0.0, -0.8)) * 2.0);
}
`,
    };
  },
};
