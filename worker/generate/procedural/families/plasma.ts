import { glslFloat as f } from '../rng.js';
import type { Family } from './types.js';

/** The demoscene plasma: interfering sine fields mapped through the palette; chaos adds terms and warp. */
export const plasma: Family = {
  id: 'plasma',
  keywords: ['plasma', 'demoscene', 'demo', 'liquid', 'acid', 'trippy', 'psychedelic', 'lsd', 'groovy', 'sixties', '60s', 'lava lamp colors', 'interference'],
  palettes: ['candy', 'rainbow', 'vapor', 'toxic', 'sunset'],
  energy: 0.6,
  build(ctx) {
    const extra = Math.round(3 * ctx.chaos);
    const scale = ctx.rng.range(2.5, 5);
    const bands = 0.6 + 1.6 * ctx.chaos;
    const contours = ctx.moods.has('hypnotic') || ctx.rng.next() < 0.4;
    return {
      variant: contours ? 'contours' : 'smooth',
      needs: [],
      geometry: 'abstract_2d',
      motionType: 'flow',
      shaderType: '2d',
      nouns: ['Plasma', 'Flux', 'Groove', 'Current'],
      what: `a ${4 + extra}-term sine plasma${contours ? ' with glowing contour lines' : ''}`,
      tags: ['plasma', 'retro', 'demoscene'],
      cost: 0.12,
      code: `// Plasma: linear, radial and moving-radial sine fields summed; chaos adds terms and warps the plane.
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * SPEED * 1.5;
    vec2 p = uv * ${f(scale)};
    p += ${f(0.1 + 0.9 * ctx.chaos)} * vec2(sin(p.y * 0.9 + T * 0.7 + SEED), cos(p.x * 0.8 - T * 0.6));
    float v = sin(p.x + T);
    v += sin((p.y + T) * 0.7);
    v += sin((p.x + p.y + T) * 0.5);
    vec2 c = p + vec2(2.0 * sin(T / 3.0 + SEED), 2.0 * cos(T / 2.0));
    v += sin(sqrt(dot(c, c) + 1.0) + T);
    for (int i = 0; i < ${extra}; i++) {
        float fi = float(i) + 1.0;
        v += sin(dot(p, vec2(cos(fi * 2.4 + SEED), sin(fi * 2.4))) * (1.0 + 0.3 * fi) - T * (0.5 + 0.2 * fi));
    }
    v /= ${f(4 + extra, 1)};
    vec3 col = pal(v * ${f(bands)} + T * 0.03);
${contours ? '    col += P4 * 0.35 * pow(0.5 + 0.5 * cos(v * 25.0), 12.0);\n' : ''}    return col * (0.85 + 0.15 * sin(v * 3.0 + T));
}
`,
    };
  },
};
