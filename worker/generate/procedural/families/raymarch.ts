import { glslFloat as f } from '../rng.js';
import { chooseVariant, type Family } from './types.js';

/** Maps of the three sphere-traced scenes; each returns the distance (x) and a material value (y). */
const MAPS = {
  blobs: (n: number, disp: number) => `vec2 map(vec3 p) {
    float T = iTime * SPEED;
    float d = 1e5;
    float m = 0.0;
    for (int i = 0; i < ${n}; i++) {
        float fi = float(i);
        vec3 c = vec3(sin(T * 0.7 + fi * 2.1 + SEED), 0.45 * sin(T * 0.9 + fi * 1.3), cos(T * 0.6 + fi * 2.7 + SEED)) * 0.75;
        float s = sdSphere(p - c, 0.38 + 0.08 * sin(fi * 1.7));
        m = s < d ? fi / ${f(n, 1)} : m;
        d = smin(d, s, 0.35);
    }
    // Chaos ripples the skin (kept small so the march stays safe).
    d += ${f(disp)} * sin(p.x * 9.0 + T) * sin(p.y * 9.0 - T) * sin(p.z * 9.0);
    return vec2(d, m);
}`,
  torus: (_n: number, disp: number) => `vec2 map(vec3 p) {
    float T = iTime * SPEED;
    p.xz *= rot(T * 0.4);
    p.xy *= rot(T * 0.3 + SEED);
    // Twist around the vertical axis, more with chaos.
    p.xz *= rot(p.y * ${f(0.3 + 2.5 * disp * 10)});
    float k = 0.5 + 0.5 * sin(T * 0.5);
    float d = mix(sdTorus(p, vec2(0.85, 0.32)), sdBox(p, vec3(0.7, 0.3, 0.7)) - 0.08, k * 0.6);
    d += ${f(disp)} * sin(p.x * 10.0 + T) * sin(p.z * 10.0 - T);
    return vec2(d * 0.7, fract(atan(p.z, p.x) / 6.28318));
}`,
  orbs: (_n: number, disp: number) => `vec2 map(vec3 p) {
    float T = iTime * SPEED;
    vec3 cell = floor((p + 1.0) / 2.0);
    vec3 q = mod(p + 1.0, 2.0) - 1.0;
    float h = hash13(cell + SEED);
    float r = 0.28 + 0.12 * sin(T * 2.0 + h * 6.2831) + ${f(disp * 2)} * sin(q.x * 12.0 + T);
    return vec2(length(q) - r, h);
}`,
};

/** Sphere-traced SDF scenes with bounded loops: blended blobs, a morphing torus or an infinite lattice of orbs. */
export const raymarch: Family = {
  id: 'raymarch',
  keywords: ['raymarch', 'raymarching', 'raymarched', 'sdf', '3d', 'sphere', 'spheres', 'orb', 'orbs', 'planet', 'torus', 'cube', 'sculpture', 'chrome', 'metal', 'metallic', 'marble', 'marbles', 'balls', 'ball', 'object', 'objects'],
  palettes: ['sunset', 'ice', 'gold', 'lavender', 'desert'],
  energy: 0.45,
  build(ctx) {
    const variant = chooseVariant(ctx, [
      { id: 'blobs', words: ['blob', 'blobs', 'metaball', 'metaballs', 'sphere', 'spheres', 'planet', 'ball', 'balls', 'merge', 'melting'] },
      { id: 'torus', words: ['torus', 'donut', 'ring', 'cube', 'box', 'sculpture', 'knot', 'shape'] },
      { id: 'orbs', words: ['orbs', 'lattice', 'crystal', 'infinite', 'grid', 'array', 'repetition', 'field'] },
    ] as const);
    const n = 3 + Math.round(3 * ctx.chaos);
    const disp = 0.005 + 0.035 * ctx.chaos;
    const orbs = variant === 'orbs';
    const camera = orbs
      ? `    vec3 ro = vec3(0.3 * sin(T * 0.3), 0.2 * cos(T * 0.2), T * 1.2);
    vec3 rd = normalize(vec3(uv, 1.5));
    rd.xy *= rot(T * 0.1);`
      : `    float ang = T * 0.25 + SEED;
    vec3 ro = vec3(3.6 * cos(ang), 1.2 + 0.4 * sin(T * 0.2), 3.6 * sin(ang));
    vec3 fw = normalize(-ro), rt = normalize(cross(fw, vec3(0.0, 1.0, 0.0))), up = cross(rt, fw);
    vec3 rd = normalize(uv.x * rt + uv.y * up + 1.8 * fw);`;
    return {
      variant,
      needs: ['sdf', 'rot', 'hash'],
      geometry: 'raymarched_3d',
      motionType: orbs ? 'flythrough' : 'orbit',
      shaderType: '3d',
      nouns: orbs ? ['Lattice', 'Orbs', 'Array'] : variant === 'torus' ? ['Sculpture', 'Form', 'Knot'] : ['Blobs', 'Orbs', 'Spheres'],
      what: orbs ? 'a sphere-traced infinite lattice of pulsing orbs fading into fog' : variant === 'torus' ? 'a sphere-traced torus that twists and morphs toward a box' : `${n} sphere-traced blobs melting into each other above a floor`,
      tags: ['raymarch', 'sdf', '3d'],
      cost: 0.85,
      code: `// Sphere tracing, at most 72 steps; 4-tap normals and 3-tap occlusion keep it cheap.
const bool HAS_FLOOR = ${orbs ? 'false' : 'true'};
${MAPS[variant](n, disp)}
vec3 calcNormal(vec3 p) {
    const vec2 e = vec2(0.0015, -0.0015);
    return normalize(e.xyy * map(p + e.xyy).x + e.yyx * map(p + e.yyx).x + e.yxy * map(p + e.yxy).x + e.xxx * map(p + e.xxx).x);
}
float occlusion(vec3 p, vec3 n) {
    float occ = 0.0;
    for (int i = 1; i <= 3; i++) {
        float h = 0.06 * float(i);
        occ += (h - map(p + n * h).x) / float(i);
    }
    return clamp(1.0 - 2.5 * occ, 0.0, 1.0);
}
vec3 scene(vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float T = iTime * SPEED;
${camera}
    vec3 bg = mix(P1 * 0.6, P0 * 0.8, clamp(rd.y * 1.5 + 0.5, 0.0, 1.0)) + P3 * 0.08;
    // Objects are sphere-traced (inside a bounding sphere when there is a floor); the floor is an analytic plane.
    float tFloor = HAS_FLOOR && rd.y < 0.0 ? (-1.25 - ro.y) / rd.y : 1e5;
    float tMax = min(tFloor, 20.0);
    float t = 0.0;
    if (HAS_FLOOR) {
        float b = dot(ro, rd), c = dot(ro, ro) - 2.6 * 2.6, disc = b * b - c;
        t = disc > 0.0 ? max(-b - sqrt(disc), 0.0) : tMax;
    }
    vec2 h = vec2(1.0, 0.0);
    for (int i = 0; i < 72; i++) {
        if (t >= tMax) break;
        h = map(ro + rd * t);
        if (abs(h.x) < 0.001 * max(t, 1.0)) break;
        t += h.x * 0.85;
    }
    bool onFloor = t >= tMax && tFloor < 20.0;
    if (t >= tMax && !onFloor) return bg;
    if (onFloor) { t = tFloor; h = vec2(0.0, -1.0); }
    vec3 p = ro + rd * t;
    vec3 n = onFloor ? vec3(0.0, 1.0, 0.0) : calcNormal(p);
    vec3 l = normalize(vec3(0.6, 0.8, -0.4));
    float dif = clamp(dot(n, l), 0.0, 1.0);
    float occ = occlusion(p, n);
    float fres = pow(1.0 - clamp(dot(n, -rd), 0.0, 1.0), 4.0);
    float spec = pow(clamp(dot(reflect(rd, n), l), 0.0, 1.0), 32.0);
    float chk = mod(floor(p.x * 1.5) + floor(p.z * 1.5), 2.0);
    vec3 base = h.y < 0.0 ? mix(P1, P2, 0.3) * (0.7 + 0.3 * chk) : mix(glow(h.y), pal(h.y), 0.35);
    vec3 col = base * (0.25 + 0.9 * dif) * occ + P4 * spec * 0.8 + mix(P3, P4, 0.5) * fres * 0.5 * occ;
    return mix(col, bg, 1.0 - exp(-0.004 * t * t));
}
`,
    };
  },
};
