import { glslFloat as f } from '../rng.js';
import { chooseVariant, type Family } from './types.js';

/** Water and waves: a sunlit sea seen from just above, or glowing oscilloscope lines. */
export const waves: Family = {
  id: 'waves',
  keywords: ['wave', 'waves', 'ocean', 'sea', 'water', 'ripple', 'ripples', 'sine', 'tide', 'lake', 'surf', 'swell', 'beach', 'oscilloscope', 'sound', 'audio', 'frequency', 'lines'],
  palettes: ['ocean', 'sunset', 'ice', 'midnight', 'neon'],
  energy: 0.35,
  build(ctx) {
    const variant = chooseVariant(ctx, [
      { id: 'ocean', words: ['ocean', 'sea', 'water', 'lake', 'surf', 'swell', 'beach', 'tide', 'horizon'] },
      { id: 'lines', words: ['line', 'lines', 'sine', 'oscilloscope', 'sound', 'audio', 'frequency', 'signal', 'neon'] },
    ] as const);
    if (variant === 'lines') {
      const count = ctx.rng.int(12, 22);
      return {
        variant,
        needs: [],
        geometry: 'abstract_2d',
        motionType: 'wave',
        shaderType: '2d',
        nouns: ['Waves', 'Signal', 'Harmonics', 'Strings'],
        what: `${count} glowing sine lines that ripple and braid like a dreaming oscilloscope`,
        tags: ['waves', 'lines', 'sine'],
        cost: 0.3,
        code: `// Lines: each is a sum of sines with its own phase; the glow is 1/distance, tinted along the palette.
const int LINES = ${count};
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * SPEED;
    vec3 col = P0 * 0.4;
    for (int i = 0; i < LINES; i++) {
        float fi = float(i) / float(LINES - 1);
        float amp = (0.12 + 0.2 * CHAOS) * sin(fi * 3.14159 + 0.2);
        float y = amp * sin(uv.x * (2.0 + fi * 2.0) + T * (0.8 + fi) + fi * 6.0 + SEED);
        y += 0.1 * CHAOS * sin(uv.x * 9.0 - T * 1.7 + fi * 12.0);
        y += (fi - 0.5) * 1.2;
        float d = abs(uv.y - y);
        col += mix(glow(fi * 0.7 + T * 0.03), P4, 0.2) * 0.004 / (d + 0.003) * (0.6 + 0.4 * sin(uv.x * 2.0 + T + fi * 9.0));
    }
    return col;
}
`,
      };
    }
    const octaves = 3 + Math.round(3 * ctx.chaos);
    const amp = 0.15 + 0.5 * ctx.chaos;
    return {
      variant,
      needs: [],
      geometry: 'landscape',
      motionType: 'wave',
      shaderType: '3d',
      nouns: ['Sea', 'Swell', 'Horizon', 'Tide'],
      what: `a rolling sea of ${octaves} summed wave trains under a low sun, with fresnel sky reflections`,
      tags: ['ocean', 'waves', 'water'],
      cost: 0.4,
      code: `// Ocean: ray-plane hit, wave normals from summed sines, sky reflected with Schlick fresnel.
float waveHeight(vec2 p, float T) {
    float h = 0.0, a = 0.5, fr = 0.6;
    vec2 dir = vec2(1.0, 0.3);
    for (int i = 0; i < ${octaves}; i++) {
        h += a * sin(dot(p, dir) * fr + T * (0.9 + 0.4 * float(i)));
        dir = mat2(0.8, -0.6, 0.6, 0.8) * dir;
        a *= 0.55;
        fr *= 1.75;
    }
    return h;
}
vec3 sky(vec3 rd, vec3 sun) {
    vec3 c = mix(P3, P1, pow(max(rd.y, 0.0), 0.5));
    float s = max(dot(rd, sun), 0.0);
    return c + P4 * (pow(s, 12.0) * 0.5 + pow(s, 400.0) * 3.0);
}
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * SPEED;
    vec3 ro = vec3(0.0, 1.6, T * 1.5);
    vec3 rd = normalize(vec3(uv.x, uv.y - 0.05, 1.6));
    vec3 sun = normalize(vec3(0.3 * sin(SEED), 0.08, 1.0));
    vec3 col = sky(rd, sun);
    if (rd.y < 0.0) {
        float t = -ro.y / rd.y;
        vec3 p = ro + rd * t;
        vec2 e = vec2(0.05, 0.0);
        float k = ${f(amp)} * exp(-t * 0.02);
        vec3 n = normalize(vec3((waveHeight(p.xz - e.xy, T) - waveHeight(p.xz + e.xy, T)) * k, 2.0 * e.x, (waveHeight(p.xz - e.yx, T) - waveHeight(p.xz + e.yx, T)) * k));
        vec3 r = reflect(rd, n);
        r.y = abs(r.y);
        float fres = 0.02 + 0.98 * pow(1.0 - max(dot(n, -rd), 0.0), 5.0);
        vec3 water = P0 * 0.8 + P1 * 0.25 * max(waveHeight(p.xz, T), 0.0);
        col = mix(water, sky(r, sun), fres);
        col = mix(col, sky(rd, sun), 1.0 - exp(-t * 0.015));
    }
    return col / (1.0 + 0.25 * col);
}
`,
    };
  },
};
