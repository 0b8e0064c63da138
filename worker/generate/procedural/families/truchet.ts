import { glslFloat as f } from '../rng.js';
import { chooseVariant, type Family } from './types.js';

/** Truchet tiles: quarter-arc pipes with travelling light, or a 10 PRINT diagonal maze. */
export const truchet: Family = {
  id: 'truchet',
  keywords: ['truchet', 'maze', 'labyrinth', 'tile', 'tiles', 'tiling', 'pattern', 'patterns', 'weave', 'pipes', 'circuit', 'circuits', 'geometric', 'wallpaper', 'textile', 'knot'],
  palettes: ['midnight', 'desert', 'neon', 'gold', 'forest'],
  energy: 0.4,
  build(ctx) {
    const variant = chooseVariant(ctx, [
      { id: 'arcs', words: ['pipe', 'pipes', 'circuit', 'circuits', 'flow', 'weave', 'knot', 'curves'] },
      { id: 'maze', words: ['maze', 'labyrinth', 'diagonal', '10 print', 'lines'] },
    ] as const);
    const scale = ctx.rng.range(3, 6);
    const wobble = 0.15 * ctx.chaos;
    const tile =
      variant === 'arcs'
        ? `    // Two quarter arcs around opposite corners; the arc angle is a coordinate along the pipe.
    vec2 c1 = g - vec2(0.5), c2 = g + vec2(0.5);
    float d1 = abs(length(c1) - 0.5), d2 = abs(length(c2) - 0.5);
    vec2 cc = d1 < d2 ? c1 : c2;
    float d = min(d1, d2);
    float parity = mod(id.x + id.y, 2.0) * 2.0 - 1.0;
    float along = atan(cc.y, cc.x) / 1.5708 * parity * (flip > 0.5 ? -1.0 : 1.0);
    float width = 0.1 + 0.04 * sin(T + h * 6.0) * CHAOS;`
        : `    // One diagonal per tile (10 PRINT); the distance to it is the line.
    float d = abs(g.x + g.y) * 0.7071;
    float along = (g.x - g.y) * 0.7071 + id.x + id.y;
    float width = 0.08 + 0.03 * sin(T + h * 6.0) * CHAOS;`;
    return {
      variant,
      needs: ['hash'],
      geometry: 'geometric',
      motionType: 'flow',
      shaderType: '2d',
      nouns: variant === 'arcs' ? ['Pipes', 'Circuit', 'Weave', 'Flow'] : ['Maze', 'Labyrinth', 'Lattice'],
      what: variant === 'arcs' ? 'truchet quarter-arc tiles forming endless pipes with light pulses travelling along them' : 'a 10 PRINT diagonal maze with light racing down its corridors',
      tags: ['truchet', variant === 'arcs' ? 'pipes' : 'maze', 'tiles'],
      cost: 0.1,
      code: `// Truchet: every tile flips at random; chaos re-rolls tiles over time and wobbles the lines.
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * SPEED;
    uv *= ${f(scale)};
    uv += vec2(T * 0.15, T * 0.05) + ${f(wobble)} * vec2(sin(uv.y * 1.3 + T), cos(uv.x * 1.1 - T));
    vec2 id = floor(uv);
    vec2 g = fract(uv) - 0.5;
    float h = hash12(id + SEED);
    float epoch = floor(T * 0.2 * CHAOS + h);
    float flip = step(0.5, hash12(id + epoch * 13.1 + SEED));
    if (flip > 0.5) g.x = -g.x;
${tile}
    float line = smoothstep(width, width - 0.02, d);
    float core = smoothstep(width * 0.5, 0.0, d);
    float pulse = pow(0.5 + 0.5 * sin(along * 3.14159 - T * 4.0 + h * 2.0), 6.0);
    vec3 col = P0 * 0.8 + P1 * 0.1 * h;
    col = mix(col, P1 * 0.9, smoothstep(width + 0.05, width, d));
    col = mix(col, mix(P2, glow(h), 0.4), line);
    col += P3 * core * (0.3 + pulse);
    return col + P4 * pulse * line * 0.4;
}
`,
    };
  },
};
