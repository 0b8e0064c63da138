import { glslFloat as f } from '../rng.js';
import { chooseVariant, type Family } from './types.js';

/** Ring patterns: op-art rings bent by lenses, moiré between two gratings, or a logarithmic spiral. */
export const rings: Family = {
  id: 'rings',
  keywords: ['ring', 'rings', 'circle', 'circles', 'concentric', 'spiral', 'spirals', 'moire', 'op art', 'op-art', 'target', 'radar', 'sonar', 'illusion', 'optical', 'hypnosis', 'pulse'],
  palettes: ['monochrome', 'neon', 'candy', 'ocean', 'blood'],
  energy: 0.5,
  build(ctx) {
    const variant = chooseVariant(ctx, [
      { id: 'moire', words: ['moire', 'interference', 'optical'] },
      { id: 'spiral', words: ['spiral', 'spirals', 'swirl', 'hypnosis', 'vortex'] },
      { id: 'opart', words: ['op art', 'op-art', 'ring', 'rings', 'concentric', 'target', 'circles', 'illusion'] },
    ] as const);
    const freq = ctx.rng.range(14, 26);
    const bend = 0.15 + 0.5 * ctx.chaos;
    const field: Record<typeof variant, string> = {
      opart: `    vec2 c1 = 0.5 * vec2(sin(T * 0.3 + SEED), cos(T * 0.23));
    vec2 c2 = 0.6 * vec2(cos(T * 0.17 + 1.0), sin(T * 0.29 + SEED));
    float lens = ${f(bend)} * exp(-dot(uv - c1, uv - c1) * 5.0) - ${f(bend * 0.7)} * exp(-dot(uv - c2, uv - c2) * 4.0);
    float phase = length(uv) * (1.0 + lens) * FREQ - T * 1.5;`,
      moire: `    vec2 a = vec2(0.35 * sin(T * 0.21 + SEED), 0.25 * cos(T * 0.17));
    vec2 b = vec2(-0.3 * cos(T * 0.13), 0.2 * sin(T * 0.19 + SEED));
    // Two fine gratings; their product carries the slow beat the eye reads as fringes.
    float phase = length(uv - a) * FREQ * 3.5;
    float phase2 = length(uv - b) * FREQ * 3.5 * 1.02;`,
      spiral: `    float r = length(uv);
    float ang = atan(uv.y, uv.x);
    float phase = (log(r + 1e-3) * FREQ * 0.35 + ang * ${f(ctx.rng.int(2, 6), 1)}) - T * 2.0 + ${f(bend)} * sin(r * 8.0 - T);`,
    };
    const paint =
      variant === 'moire'
        ? `    float g1 = 0.5 + 0.5 * sin(phase), g2 = 0.5 + 0.5 * sin(phase2);
    float beat = 0.5 + 0.5 * cos(phase - phase2);
    vec3 col = mix(P0, P4, g1 * g2);
    col = mix(col, col * pal(beat * 0.5 + T * 0.05) * 1.6, beat * 0.6);`
        : `    float aa = FREQ * 2.0 / iResolution.y;
    float v = smoothstep(-aa, aa, sin(phase));
    vec3 col = mix(P0, P4, v);
    // One accent band travels outward through the rings.
    float band = smoothstep(0.9, 1.0, sin(phase * 0.125 + T * 0.5));
    col = mix(col, mix(P2, P3, 0.5), band * v);`;
    return {
      variant,
      needs: [],
      geometry: 'radial',
      motionType: 'pulsing',
      shaderType: '2d',
      nouns: variant === 'moire' ? ['Moire', 'Interference', 'Fringes'] : variant === 'spiral' ? ['Spiral', 'Hypnosis', 'Whorl'] : ['Rings', 'Target', 'Ripples'],
      what: variant === 'moire' ? 'two sliding circle gratings whose interference sweeps huge ghostly fringes' : variant === 'spiral' ? 'a logarithmic spiral of hard-edged bands turning inward' : 'concentric op-art rings bulging and pinching around wandering lenses',
      tags: ['rings', variant === 'moire' ? 'moire' : variant === 'spiral' ? 'spiral' : 'op-art', 'illusion'],
      cost: 0.08,
      code: `// Rings: a phase field drawn as anti-aliased bands (the pixel footprint sets the smoothstep width).
const float FREQ = ${f(freq)};
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * SPEED;
${field[variant]}
${paint}
    return col;
}
`,
    };
  },
};
