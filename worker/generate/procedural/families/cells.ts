import { glslFloat as f } from '../rng.js';
import { chooseVariant, type Family } from './types.js';

/** Voronoi / worley cells: stained glass, glowing membranes or cracked earth. */
export const cells: Family = {
  id: 'cells',
  keywords: ['voronoi', 'cell', 'cells', 'cellular', 'worley', 'crystal', 'crystals', 'crackle', 'cracked', 'stained glass', 'mosaic', 'scales', 'tissue', 'biology', 'microscope', 'membrane', 'shards', 'shattered'],
  palettes: ['rainbow', 'candy', 'blood', 'forest', 'ice'],
  energy: 0.5,
  build(ctx) {
    const variant = chooseVariant(ctx, [
      { id: 'glass', words: ['stained glass', 'glass', 'mosaic', 'window', 'church', 'jewel', 'shards'] },
      { id: 'glow', words: ['tissue', 'biology', 'microscope', 'membrane', 'organic', 'living', 'glow', 'glowing'] },
      { id: 'crackle', words: ['crackle', 'cracked', 'cracks', 'earth', 'lava', 'mud', 'dry', 'shattered'] },
    ] as const);
    const scale = ctx.rng.range(3.5, 7);
    const jitter = 0.35 + 0.65 * ctx.chaos;
    const warp = 0.1 + 1.4 * ctx.chaos;
    const shade: Record<typeof variant, string> = {
      glass: `    float lead = smoothstep(0.02, 0.07, edge);
    vec2 sun = vec2(0.5 * iResolution.x / iResolution.y + 0.6 * sin(T * 0.25 + SEED), 0.7);
    float light = 0.5 + 1.1 * exp(-1.8 * length(uv - sun));
    vec3 col = pal(v.z * 0.9 + 0.05) * light * (0.55 + 0.45 * smoothstep(0.0, 0.3, edge)) * lead;
    col += P0 * 0.4 * (1.0 - lead);`,
      glow: `    float pulse = 0.5 + 0.5 * sin(T * 2.0 + v.z * 20.0);
    vec3 col = ramp(0.15 + 0.45 * v.x) * 0.8;
    col += mix(P3, P4, 0.5) * exp(-edge * 22.0) * 0.9;
    col += glow(v.z) * smoothstep(0.25, 0.05, v.x) * (0.25 + 0.35 * pulse);`,
      crackle: `    float crack = smoothstep(0.0, 0.06, edge);
    float heat = exp(-edge * 30.0) * (0.7 + 0.3 * sin(T * 1.5 + v.z * 12.0));
    vec3 col = ramp(0.25 + 0.5 * smoothstep(0.0, 0.8, v.x) * (0.6 + 0.4 * v.z)) * crack;
    col += mix(P3, P4, 0.6) * heat;`,
    };
    return {
      variant,
      needs: ['voronoi', 'noise'],
      geometry: 'cellular',
      motionType: 'drift',
      shaderType: '2d',
      nouns: variant === 'glass' ? ['Glass', 'Mosaic', 'Window'] : variant === 'glow' ? ['Cells', 'Tissue', 'Colony'] : ['Crackle', 'Shards', 'Fissures'],
      what: `voronoi cells as ${variant === 'glass' ? 'leaded stained glass' : variant === 'glow' ? 'living tissue with glowing membranes' : 'cracked crust with light burning in the fissures'}`,
      tags: ['voronoi', 'cells', variant === 'glass' ? 'glass' : variant === 'glow' ? 'organic' : 'cracks'],
      cost: 0.35,
      code: `// Cells: worley F1/F2 on a softly warped plane; F2 - F1 is the distance to the cell border.
vec3 scene(vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.y;
    float T = iTime * SPEED;
    vec2 p = uv * ${f(scale)} + SEED;
    p += ${f(warp)} * (vec2(noise(p * 0.5 + T * 0.1), noise(p * 0.5 + 3.1 - T * 0.1)) - 0.5);
    vec3 v = voronoi(p, ${f(jitter)}, T * 0.6);
    float edge = v.y - v.x;
${shade[variant]}
    return col;
}
`,
    };
  },
};
