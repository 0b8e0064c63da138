/**
 * The composer's GLSL building blocks. Each block is small, tested by every family that uses
 * it, and only emitted when a family asks for it, so composed shaders stay short and readable.
 * Nothing here loops without a constant bound.
 */

export type LibBlock = 'hash' | 'noise' | 'noise3' | 'fbm' | 'fbm3' | 'rot' | 'sdf' | 'voronoi';

const BLOCKS: Record<LibBlock, { needs: LibBlock[]; code: (octaves: number) => string }> = {
  hash: {
    needs: [],
    code: () => `float hash12(vec2 p) {
    vec3 p3 = fract(vec3(p.xyx) * 0.1031);
    p3 += dot(p3, p3.yzx + 33.33);
    return fract((p3.x + p3.y) * p3.z);
}
vec2 hash22(vec2 p) {
    vec3 p3 = fract(vec3(p.xyx) * vec3(0.1031, 0.1030, 0.0973));
    p3 += dot(p3, p3.yzx + 33.33);
    return fract((p3.xx + p3.yz) * p3.zy);
}
float hash13(vec3 p3) {
    p3 = fract(p3 * 0.1031);
    p3 += dot(p3, p3.zyx + 31.32);
    return fract((p3.x + p3.y) * p3.z);
}`,
  },
  noise: {
    needs: ['hash'],
    code: () => `// Value noise with a quintic fade: smooth enough for normals, cheap on software GL.
float noise(vec2 p) {
    vec2 i = floor(p), f = fract(p);
    vec2 u = f * f * f * (f * (f * 6.0 - 15.0) + 10.0);
    return mix(mix(hash12(i), hash12(i + vec2(1.0, 0.0)), u.x), mix(hash12(i + vec2(0.0, 1.0)), hash12(i + vec2(1.0, 1.0)), u.x), u.y);
}`,
  },
  noise3: {
    needs: ['hash'],
    code: () => `float noise3(vec3 p) {
    vec3 i = floor(p), f = fract(p);
    vec3 u = f * f * (3.0 - 2.0 * f);
    float a = mix(mix(hash13(i), hash13(i + vec3(1, 0, 0)), u.x), mix(hash13(i + vec3(0, 1, 0)), hash13(i + vec3(1, 1, 0)), u.x), u.y);
    float b = mix(mix(hash13(i + vec3(0, 0, 1)), hash13(i + vec3(1, 0, 1)), u.x), mix(hash13(i + vec3(0, 1, 1)), hash13(i + vec3(1, 1, 1)), u.x), u.y);
    return mix(a, b, u.z);
}`,
  },
  fbm: {
    needs: ['noise'],
    code: (octaves) => `// fbm normalised to 0..1 whatever the octave count (chaos sets OCTAVES).
const int OCTAVES = ${octaves};
float fbm(vec2 p) {
    float s = 0.0, a = 0.5, norm = 0.0;
    mat2 m = mat2(1.6, 1.2, -1.2, 1.6);
    for (int i = 0; i < OCTAVES; i++) {
        s += a * noise(p);
        norm += a;
        p = m * p + 7.31;
        a *= 0.5;
    }
    return s / norm;
}`,
  },
  fbm3: {
    needs: ['noise3'],
    code: (octaves) => `const int OCTAVES3 = ${Math.max(2, octaves - 1)};
float fbm3(vec3 p) {
    float s = 0.0, a = 0.5, norm = 0.0;
    for (int i = 0; i < OCTAVES3; i++) {
        s += a * noise3(p);
        norm += a;
        p = p * 2.03 + vec3(1.7, 9.2, 3.1);
        a *= 0.5;
    }
    return s / norm;
}`,
  },
  rot: {
    needs: [],
    code: () => `mat2 rot(float a) {
    float c = cos(a), s = sin(a);
    return mat2(c, -s, s, c);
}`,
  },
  sdf: {
    needs: [],
    code: () => `float sdSphere(vec3 p, float r) { return length(p) - r; }
float sdBox(vec3 p, vec3 b) {
    vec3 q = abs(p) - b;
    return length(max(q, 0.0)) + min(max(q.x, max(q.y, q.z)), 0.0);
}
float sdTorus(vec3 p, vec2 t) { return length(vec2(length(p.xz) - t.x, p.y)) - t.y; }
float smin(float a, float b, float k) {
    float h = clamp(0.5 + 0.5 * (b - a) / k, 0.0, 1.0);
    return mix(b, a, h) - k * h * (1.0 - h);
}`,
  },
  voronoi: {
    needs: ['hash'],
    code: () => `// Worley distances: x = nearest (F1), y = second nearest (F2), z = a random id of the nearest cell.
vec3 voronoi(vec2 x, float jitter, float t) {
    vec2 n = floor(x), f = fract(x);
    float f1 = 8.0, f2 = 8.0, id = 0.0;
    for (int j = -1; j <= 1; j++) {
        for (int i = -1; i <= 1; i++) {
            vec2 g = vec2(float(i), float(j));
            vec2 h = hash22(n + g);
            vec2 o = 0.5 + jitter * 0.5 * sin(t + 6.2831 * h);
            float d = length(g + o - f);
            if (d < f1) { f2 = f1; f1 = d; id = h.x; } else if (d < f2) { f2 = d; }
        }
    }
    return vec3(f1, f2, id);
}`,
  },
};

const ORDER: LibBlock[] = ['hash', 'noise', 'noise3', 'fbm', 'fbm3', 'rot', 'sdf', 'voronoi'];

/** The blocks asked for plus what they depend on, in dependency order. */
export function libCode(wanted: readonly LibBlock[], octaves: number): string {
  const need = new Set<LibBlock>();
  const add = (b: LibBlock): void => {
    if (need.has(b)) return;
    for (const d of BLOCKS[b].needs) add(d);
    need.add(b);
  };
  wanted.forEach(add);
  return ORDER.filter((b) => need.has(b))
    .map((b) => BLOCKS[b].code(octaves))
    .join('\n');
}
