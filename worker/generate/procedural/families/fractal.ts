import { glslFloat as f } from '../rng.js';
import { chooseVariant, type Family } from './types.js';

/** Points on the Mandelbrot boundary where a zoom keeps finding detail. */
const CENTERS: ReadonlyArray<{ name: string; c: [number, number] }> = [
  { name: 'seahorse valley', c: [-0.743643887, 0.131825904] },
  { name: 'double spiral', c: [-0.77568377, 0.13646737] },
  { name: 'dendrite at i', c: [0.0, 1.0] },
  { name: 'elephant valley', c: [0.285, 0.011] },
];

/** Escape-time fractals: a breathing Mandelbrot zoom or a Julia set whose parameter circles. */
export const fractal: Family = {
  id: 'fractal',
  keywords: ['fractal', 'fractals', 'mandelbrot', 'julia', 'recursive', 'recursion', 'self similar', 'infinite zoom', 'zoom', 'complex', 'mathematical', 'math'],
  palettes: ['fire', 'ocean', 'gold', 'lavender', 'rainbow'],
  energy: 0.75,
  build(ctx) {
    const variant = chooseVariant(ctx, [
      { id: 'mandelbrot', words: ['mandelbrot', 'zoom', 'infinite zoom', 'dive', 'deep'] },
      { id: 'julia', words: ['julia', 'organic', 'flower', 'bloom', 'morph', 'morphing'] },
    ] as const);
    const iterations = Math.round(90 + 70 * ctx.chaos);
    const bands = 3 + 4 * ctx.chaos;
    if (variant === 'mandelbrot') {
      const center = ctx.rng.pick(CENTERS);
      const depth = 3.5 + 3.5 * ctx.chaos;
      const phase = ctx.rng.range(2.2, 3.0);
      return {
        variant,
        needs: ['rot'],
        geometry: 'fractal',
        motionType: 'zoom',
        shaderType: '2d',
        nouns: ['Dive', 'Abyss', 'Spiral', 'Labyrinth'],
        what: `a breathing zoom into the Mandelbrot set's ${center.name}, smooth-coloured with ${bands.toFixed(1)} palette bands`,
        tags: ['fractal', 'mandelbrot', 'zoom'],
        cost: 0.55 + 0.3 * ctx.chaos,
        code: `// Mandelbrot: the zoom breathes (cos) so float precision never runs out; smooth iteration colouring.
const vec2 CENTER = vec2(${f(center.c[0], 9)}, ${f(center.c[1], 9)});
const int MAX_IT = ${iterations};
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * SPEED;
    float zoom = 1.6 * exp(-${f(depth)} * (0.5 - 0.5 * cos(T * 0.15 + ${f(phase)})));
    vec2 c = CENTER + rot(T * 0.04) * uv * zoom;
    vec2 z = vec2(0.0);
    float n = 0.0;
    bool escaped = false;
    for (int i = 0; i < MAX_IT; i++) {
        z = vec2(z.x * z.x - z.y * z.y, 2.0 * z.x * z.y) + c;
        if (dot(z, z) > 256.0) { escaped = true; break; }
        n += 1.0;
    }
    if (!escaped) return P0 * 0.5;
    float sn = n - log2(log2(dot(z, z))) + 4.0;
    // log of the smooth count spreads the palette over the whole exterior, not just the rim.
    float t = log(max(sn, 1.0)) / log(float(MAX_IT));
    // Dark far from the set, bright at its rim; the palette bands ride on top.
    vec3 base = ramp(pow(t, 1.4));
    return base * 0.6 + base * pal(t * ${f(bands)} + T * 0.02) * 0.8;
}
`,
      };
    }
    const radius = ctx.rng.range(0.76, 0.79);
    return {
      variant,
      needs: [],
      geometry: 'fractal',
      motionType: 'morph',
      shaderType: '2d',
      nouns: ['Bloom', 'Filigree', 'Flower', 'Lace'],
      what: `a Julia set whose parameter circles at radius ${radius.toFixed(3)}, so it flowers, splits and reforms`,
      tags: ['fractal', 'julia', 'organic'],
      cost: 0.45 + 0.3 * ctx.chaos,
      code: `// Julia: c walks a circle through dendrites, spirals and dust; an orbit trap adds the filaments.
const int MAX_IT = ${iterations};
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * SPEED;
    float a = T * 0.25 + SEED;
    vec2 c = ${f(radius)} * vec2(cos(a), sin(a));
    vec2 z = uv * 1.3;
    float trap = 1e5;
    float n = 0.0;
    for (int i = 0; i < MAX_IT; i++) {
        z = vec2(z.x * z.x - z.y * z.y, 2.0 * z.x * z.y) + c;
        trap = min(trap, abs(length(z) - 0.5));
        if (dot(z, z) > 64.0) break;
        n += 1.0;
    }
    float inside = step(float(MAX_IT) - 0.5, n);
    float sn = n - log2(max(log2(dot(z, z)), 1e-3));
    float t = clamp(sn / float(MAX_IT), 0.0, 1.0);
    vec3 col = ramp(pow(t, 0.45)) * 0.9 + pal(t * ${f(bands)}) * 0.25;
    col += P4 * exp(-trap * ${f(14 + 20 * ctx.chaos)}) * 0.5 * (1.0 - inside);
    return mix(col, P0 * 0.6 + P2 * exp(-trap * 6.0) * 0.5, inside);
}
`,
    };
  },
};
