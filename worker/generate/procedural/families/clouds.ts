import { glslFloat as f } from '../rng.js';
import { chooseVariant, type Family } from './types.js';

/** Domain-warped fbm: clouds over a sky, rising smoke, or marbled dream colour. */
export const clouds: Family = {
  id: 'clouds',
  keywords: ['cloud', 'clouds', 'cloudy', 'smoke', 'fog', 'mist', 'fbm', 'sky', 'haze', 'vapour', 'steam', 'marble', 'marbled', 'ink', 'nebulous', 'dream', 'dreamscape', 'heaven'],
  palettes: ['sunset', 'pastel', 'monochrome', 'ocean', 'lavender'],
  energy: 0.25,
  build(ctx) {
    const variant = chooseVariant(ctx, [
      { id: 'sky', words: ['cloud', 'clouds', 'cloudy', 'sky', 'heaven', 'sunset', 'sunrise'] },
      { id: 'smoke', words: ['smoke', 'steam', 'incense', 'fog', 'mist', 'haze'] },
      { id: 'marble', words: ['marble', 'marbled', 'ink', 'dream', 'dreamscape', 'fluid', 'paint', 'swirl', 'swirls'] },
    ] as const);
    const warp = variant === 'marble' ? 1.0 + 3.0 * ctx.chaos : 0.8 + 2.0 * ctx.chaos;
    const body: Record<typeof variant, string> = {
      sky: `    vec3 col = mix(P3, P1, clamp(uv.y / (iResolution.y / iResolution.x) * 0.9, 0.0, 1.0));
    float cloud = smoothstep(0.4, 0.8, f);
    vec3 cc = mix(P2, P4, clamp(length(q) * 0.8, 0.0, 1.0));
    col = mix(col, mix(cc, P4, smoothstep(0.6, 1.0, r.x)), cloud);`,
      smoke: `    vec3 col = mix(P0, P1 * 0.6, fragCoord.y / iResolution.y);
    float wisp = smoothstep(0.45, 0.85, f) * smoothstep(0.2, 0.8, q.y);
    col += mix(P3, P4, r.x) * wisp * 0.9;`,
      marble: `    vec3 col = pal(f * 1.2 + length(q) * 0.4 + T * 0.02);
    col = mix(col, P4, smoothstep(0.7, 0.95, r.y) * 0.5);
    col *= 0.7 + 0.5 * f;`,
    };
    return {
      variant,
      needs: ['fbm'],
      geometry: 'organic',
      motionType: 'fluid',
      shaderType: '2d',
      nouns: variant === 'sky' ? ['Skies', 'Cloudscape', 'Heavens'] : variant === 'smoke' ? ['Smoke', 'Veil', 'Haze'] : ['Marble', 'Swirl', 'Dreamscape'],
      what: `domain-warped fbm (warp ${warp.toFixed(1)}) as ${variant === 'sky' ? 'billowing clouds over a gradient sky' : variant === 'smoke' ? 'smoke curling up from the dark' : 'marbled, ever-folding colour'}`,
      tags: ['fbm', variant === 'sky' ? 'clouds' : variant, 'domain-warp'],
      cost: 0.45,
      code: `// Clouds: f = fbm(p + w*r), r = fbm(p + w*q), q = fbm(p): two levels of domain warping.
vec3 scene(vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.x;
    float T = iTime * SPEED * 0.15;
    vec2 p = uv * 3.0 + SEED;
${variant === 'smoke' ? '    p.y -= T * 3.0;\n' : ''}    vec2 q = vec2(fbm(p + vec2(0.0, T)), fbm(p + vec2(5.2, 1.3 - T)));
    vec2 r = vec2(fbm(p + ${f(warp)} * q + vec2(1.7, 9.2) + T * 1.5), fbm(p + ${f(warp)} * q + vec2(8.3, 2.8) - T));
    float f = fbm(p + ${f(warp)} * r);
${body[variant]}
    return col;
}
`,
    };
  },
};
