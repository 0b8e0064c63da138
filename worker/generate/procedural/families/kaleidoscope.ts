import { glslFloat as f } from '../rng.js';
import type { Family } from './types.js';

/** A turning kaleidoscope: the angle folded into one mirrored wedge, painted with warped noise and gold lines. */
export const kaleidoscope: Family = {
  id: 'kaleidoscope',
  keywords: ['kaleidoscope', 'kaleidoscopic', 'mandala', 'symmetry', 'symmetric', 'symmetrical', 'flower', 'rosette', 'sacred geometry', 'mirror', 'mirrored', 'lotus', 'snowflake'],
  palettes: ['lavender', 'gold', 'candy', 'rainbow', 'sunset'],
  energy: 0.55,
  build(ctx) {
    const folds = ctx.terms.has('snowflake') ? 6 : ctx.rng.pick([5, 6, 7, 8, 9, 10, 12]);
    const warp = 0.5 + 2.0 * ctx.chaos;
    return {
      variant: `${folds}-fold`,
      needs: ['fbm'],
      geometry: 'kaleidoscopic',
      motionType: 'rotate',
      shaderType: '2d',
      nouns: ['Mandala', 'Kaleidoscope', 'Rosette', 'Bloom'],
      what: `a ${folds}-fold kaleidoscope of warped noise with gold contour lines`,
      tags: ['kaleidoscope', 'mandala', 'symmetry'],
      cost: 0.35,
      code: `// Kaleidoscope: fold the angle into one wedge and mirror it, then paint the wedge with warped fbm.
const float FOLDS = ${f(folds, 1)};
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * SPEED;
    float r = length(uv);
    float a = atan(uv.y, uv.x) + T * 0.15;
    float wedge = 6.28318 / FOLDS;
    a = abs(mod(a, wedge) - wedge * 0.5);
    vec2 p = r * vec2(cos(a), sin(a)) * (2.0 + 0.3 * sin(T * 0.3));
    float n = fbm(p * 1.5 + vec2(T * 0.2, SEED));
    float g = fbm(p * 3.0 + ${f(warp)} * n - T * 0.15);
    vec3 col = mix(P0, P2, smoothstep(0.3, 0.75, n));
    col = mix(col, P3, smoothstep(0.55, 0.8, g) * 0.8);
    float lines = smoothstep(0.42, 0.49, abs(fract(g * 5.0 + r * 2.0 - T * 0.2) - 0.5));
    col += P4 * lines * 0.6;
    col *= 0.55 + 0.6 * (0.5 + 0.5 * cos(r * 12.0 - T * 1.5));
    col *= smoothstep(1.7, 0.3, r) * 0.85 + 0.15;
    return col + P3 * 0.012 / (r + 0.03);
}
`,
    };
  },
};
