import { glslFloat as f } from '../rng.js';
import { chooseVariant, type Family } from './types.js';

/** Synthwave: a neon floor grid racing toward a striped sun and a wireframe ridge, or a grid corridor in the void. */
export const grid: Family = {
  id: 'grid',
  keywords: ['grid', 'synthwave', 'retrowave', 'outrun', 'vaporwave', 'neon grid', '80s', 'eighties', 'cyberpunk', 'tron', 'retro', 'arcade', 'wireframe', 'highway', 'drive'],
  palettes: ['vapor', 'neon', 'sunset', 'candy', 'midnight'],
  energy: 0.45,
  build(ctx) {
    const variant = chooseVariant(ctx, [
      { id: 'sunset', words: ['sun', 'sunset', 'synthwave', 'outrun', 'retrowave', 'mountains', 'horizon', 'drive', 'highway'] },
      { id: 'corridor', words: ['corridor', 'void', 'tron', 'cyberspace', 'tunnel', 'matrix', 'simulation'] },
    ] as const);
    const jag = 0.3 + 0.7 * ctx.chaos;
    const sky =
      variant === 'sunset'
        ? `        vec3 col = mix(P2 * 0.8, P0, smoothstep(0.0, 0.9, uv.y));
        vec2 sp = uv - vec2(0.0, 0.28);
        float sun = smoothstep(0.41, 0.4, length(sp));
        float stripes = step(0.0, sin((sp.y + T * 0.03) * 60.0) + (sp.y + 0.05) * 18.0 + 0.6);
        col = mix(col, mix(P3, P4, smoothstep(-0.35, 0.35, sp.y)), sun * stripes);
        col += P3 * 0.25 * exp(-length(sp) * 2.5);
        float x = uv.x * 2.2 + SEED;
        float m = ${f(0.1 * jag)} * abs(sin(x * 1.3 + 1.0)) + ${f(0.08 * jag)} * abs(sin(x * 2.9 + 2.0)) + ${f(0.05 * jag)} * abs(sin(x * 7.1));
        m *= smoothstep(0.0, 0.8, abs(uv.x));
        col = mix(col, P0 * 0.7, smoothstep(m + 0.004, m, uv.y));
        col += P4 * 0.8 * smoothstep(0.01, 0.0, abs(uv.y - m)) * step(0.02, m);
        col += P4 * step(0.9975, hash12(floor(fragCoord / 2.0))) * (1.0 - sun) * smoothstep(0.3, 0.7, uv.y);
        return col;`
        : `        // The same grid mirrored as a ceiling: a corridor into the void.
        float z = 0.35 / (uv.y - horizon + 0.001);
        vec2 g = vec2(uv.x * z, z + T * 2.0);
        float w = clamp(0.04 * z, 0.03, 0.45);
        float lines = max(gridLine(g.x, w), gridLine(g.y, w));
        vec3 c = P0 * 0.6 + glow(g.y * 0.02) * lines * exp(-z * 0.05) * 1.3 + P3 * 0.3 * exp(-(uv.y - horizon) * 12.0);
        return c + mix(P3, P4, 0.5) * 0.35 * exp(-length(uv) * 3.0);`;
    return {
      variant,
      needs: ['hash'],
      geometry: 'landscape',
      motionType: 'flythrough',
      shaderType: '2d',
      nouns: variant === 'sunset' ? ['Horizon', 'Drive', 'Sunset', 'Highway'] : ['Grid', 'Corridor', 'Cyberspace'],
      what: variant === 'sunset' ? 'an endless neon grid racing toward a striped retro sun and a wireframe ridge' : 'a neon grid floor and ceiling forming a corridor into the void',
      tags: ['synthwave', 'grid', 'neon'],
      cost: 0.1,
      code: `// Grid: the floor's world coordinates come from the perspective divide z = k / (horizon - y).
float gridLine(float x, float w) { float d = abs(fract(x) - 0.5); return smoothstep(0.5 - w, 0.5, d); }
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * SPEED * 1.5;
    float horizon = 0.0;
    if (uv.y > horizon) {
${sky}
    }
    float z = 0.35 / (horizon - uv.y + 0.001);
    vec2 g = vec2(uv.x * z, z + T * 2.0);
    float w = clamp(0.04 * z, 0.03, 0.45);
    float lines = max(gridLine(g.x, w), gridLine(g.y, w));
    vec3 col = P0 * 0.5 + mix(P3, P2, 0.3) * lines * exp(-z * 0.06) * 1.2;
    col += P2 * 0.3 * exp(-(horizon - uv.y) * 12.0);
${variant === 'corridor' ? '    col += mix(P3, P4, 0.5) * 0.35 * exp(-length(uv) * 3.0);\n' : ''}
    return col + P1 * 0.05 * sin(fragCoord.y * 1.5);
}
`,
    };
  },
};
