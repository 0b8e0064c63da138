import { glslFloat as f } from '../rng.js';
import { chooseVariant, type Family } from './types.js';

/** 2D metaballs: glossy jelly blobs or soap-bubble outlines, merging and pinching apart. */
export const blobs: Family = {
  id: 'blobs',
  keywords: ['blob', 'blobs', 'metaball', 'metaballs', 'goo', 'gooey', 'jelly', 'lava lamp', 'slime', 'bubble', 'bubbles', 'drops', 'droplets', 'liquid', 'mercury', 'amoeba', 'cells merging'],
  palettes: ['candy', 'toxic', 'fire', 'pastel', 'ocean'],
  energy: 0.45,
  build(ctx) {
    const variant = chooseVariant(ctx, [
      { id: 'bubbles', words: ['bubble', 'bubbles', 'soap', 'outline', 'rings'] },
      { id: 'jelly', words: ['jelly', 'goo', 'gooey', 'slime', 'lava lamp', 'blob', 'blobs', 'metaballs', 'mercury', 'liquid'] },
    ] as const);
    const n = 4 + Math.round(4 * ctx.chaos);
    const shade =
      variant === 'jelly'
        ? `    float edge = smoothstep(0.95, 1.05, f);
    vec3 n = normalize(vec3(-grad * 0.08, 1.0));
    vec3 l = normalize(vec3(-0.5, 0.6, 0.8));
    float dif = max(dot(n, l), 0.0);
    float spec = pow(max(dot(reflect(-l, n), vec3(0.0, 0.0, 1.0)), 0.0), 40.0);
    vec3 body = tint * (0.35 + 0.75 * dif) + P4 * spec * 0.9 + tint * 0.4 * pow(1.0 - n.z, 2.0);
    col = mix(col, body, edge);
    col += tint * 0.15 * smoothstep(0.5, 1.0, f) * (1.0 - edge);`
        : `    // Soap film: a thin rim at the iso line, iridescent with the field gradient.
    float rim = exp(-abs(f - 1.0) * 18.0);
    float iri = length(grad) * 0.05 + T * 0.1;
    col += glow(iri) * rim * 0.9 + P4 * pow(rim, 6.0) * 0.5;
    col += tint * 0.18 * smoothstep(0.6, 1.2, f);
    col += P2 * 0.1 * smoothstep(0.2, 0.9, f);`;
    return {
      variant,
      needs: [],
      geometry: 'organic',
      motionType: 'fluid',
      shaderType: '2d',
      nouns: variant === 'jelly' ? ['Goo', 'Jelly', 'Blobs', 'Drops'] : ['Bubbles', 'Foam', 'Soap'],
      what: `${n} metaballs as ${variant === 'jelly' ? 'glossy jelly lit by a key light' : 'iridescent soap-film outlines'}`,
      tags: ['metaballs', 'blobs', variant === 'jelly' ? 'liquid' : 'bubbles'],
      cost: 0.15,
      code: `// Blobs: an inverse-square field of moving charges; its analytic gradient is the normal.
const int BLOBS = ${n};
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * SPEED;
    float f = 0.0;
    vec2 grad = vec2(0.0);
    vec3 tint = vec3(0.0);
    for (int i = 0; i < BLOBS; i++) {
        float fi = float(i);
        vec2 c = vec2(1.1 * sin(T * (0.31 + 0.07 * fi) + fi * 1.7 + SEED), 0.65 * cos(T * (0.43 + 0.05 * fi) + fi * 2.3));
        float r = ${f(0.1 + 0.04 * (1 - ctx.chaos))} + 0.05 * mod(fi, 3.0);
        vec2 d = uv - c;
        float dd = dot(d, d) + 1e-4;
        float w = r * r / dd;
        f += w;
        grad -= 2.0 * w * d / dd;
        tint += w * glow(fi / float(BLOBS));
    }
    tint /= max(f, 1e-4);
    vec3 col = mix(P0 * 0.8, P1 * 0.5, fragCoord.y / iResolution.y);
${shade}
    return col;
}
`,
    };
  },
};
