import type { FrameStats } from '../../shared/shaders/render-contract.js';
import { singlePass, type ShaderSource } from '../../shared/shaders/source.js';

/**
 * Three recognisably different shader families for tests: GLSL written in each family's idiom and
 * frame statistics shaped like its renders (warm & busy, cool & calm, grey & grainy).
 */
export type Family = 'tunnel' | 'gradient' | 'noise';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function familyGlsl(family: Family, i: number): ShaderSource {
  const k = (1 + i * 0.37).toFixed(2);
  if (family === 'tunnel') {
    return singlePass(`#define MAX_STEPS ${64 + i}
float map(vec3 p) { return length(p.xy) - ${k} + 0.2 * sin(p.z + iTime); }
vec3 calcNormal(vec3 p) { vec2 e = vec2(0.001, 0.0); return normalize(vec3(map(p + e.xyy) - map(p - e.xyy), map(p + e.yxy) - map(p - e.yxy), map(p + e.yyx) - map(p - e.yyx))); }
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
  vec3 ro = vec3(0.0, 0.0, iTime * ${k});
  vec3 rd = normalize(vec3(uv, 1.0));
  float t = 0.0;
  for (int i = 0; i < MAX_STEPS; i++) { float d = map(ro + rd * t); if (d < 0.001) break; t += d; }
  vec3 n = calcNormal(ro + rd * t);
  float a = atan(uv.y, uv.x);
  vec3 col = vec3(1.0, 0.45, 0.1) * max(dot(n, vec3(0.3, 0.6, -0.7)), 0.0) + 0.1 * sin(a * 8.0 + iTime);
  fragColor = vec4(col * exp(-0.05 * t), 1.0);
}`);
  }
  if (family === 'gradient') {
    return singlePass(`void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  vec3 top = vec3(0.1, 0.3, ${(0.6 + i * 0.02).toFixed(2)});
  vec3 bottom = vec3(0.0, 0.6, 0.7);
  vec3 col = mix(bottom, top, smoothstep(0.0, 1.0, uv.y + 0.05 * sin(iTime * 0.${i + 1})));
  fragColor = vec4(col, 1.0);
}`);
  }
  return singlePass(`float hash(vec2 p) { return fract(sin(dot(p, vec2(127.1, 311.7))) * 43758.5453); }
float noise(vec2 p) { vec2 i = floor(p); vec2 f = fract(p); vec2 u = f * f * (3.0 - 2.0 * f);
  return mix(mix(hash(i), hash(i + vec2(1, 0)), u.x), mix(hash(i + vec2(0, 1)), hash(i + vec2(1, 1)), u.x), u.y); }
float fbm(vec2 p) { float v = 0.0; float a = 0.5; for (int o = 0; o < ${4 + (i % 4)}; o++) { v += a * noise(p); p *= 2.0; a *= 0.5; } return v; }
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.y * ${k};
  float v = fbm(uv + fbm(uv + iTime * 0.1));
  fragColor = vec4(vec3(v), 1.0);
}`);
}

const norm = (xs: number[]) => {
  const s = xs.reduce((a, b) => a + b, 0) || 1;
  return xs.map((x) => x / s);
};

export function familyStats(family: Family, seed: number): FrameStats {
  const r = rng(seed);
  const j = (x: number, amt = 0.05) => Math.min(1, Math.max(0, x + (r() - 0.5) * 2 * amt));
  if (family === 'tunnel') {
    return {
      hueHistogram: norm([0.35, 0.3, 0.1, 0, 0, 0, 0, 0, 0, 0, 0.05, 0.2].map((x) => j(x, 0.04))),
      saturationHistogram: norm([0.02, 0.03, 0.05, 0.1, 0.15, 0.2, 0.25, 0.2].map((x) => j(x, 0.03))),
      valueHistogram: norm([0.25, 0.15, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1].map((x) => j(x, 0.03))),
      meanBrightness: j(0.42),
      contrast: j(0.3),
      edgeDensity: j(0.22),
      motionEnergy: j(0.12, 0.02),
      spatialFrequency: norm([0.25, 0.25, 0.25, 0.25].map((x) => j(x, 0.05))),
      colorfulness: j(0.5),
      blackFraction: j(0.2),
    };
  }
  if (family === 'gradient') {
    return {
      hueHistogram: norm([0, 0, 0, 0, 0.02, 0.2, 0.4, 0.3, 0.08, 0, 0, 0].map((x) => j(x, 0.03))),
      saturationHistogram: norm([0.05, 0.1, 0.2, 0.3, 0.2, 0.1, 0.05, 0].map((x) => j(x, 0.03))),
      valueHistogram: norm([0, 0, 0.05, 0.15, 0.3, 0.3, 0.15, 0.05].map((x) => j(x, 0.03))),
      meanBrightness: j(0.6),
      contrast: j(0.08, 0.02),
      edgeDensity: j(0.01, 0.005),
      motionEnergy: j(0.005, 0.003),
      spatialFrequency: norm([0.85, 0.1, 0.04, 0.01].map((x) => j(x, 0.02))),
      colorfulness: j(0.3),
      blackFraction: j(0.0, 0.01),
    };
  }
  return {
    hueHistogram: new Array(12).fill(0),
    saturationHistogram: norm([0.9, 0.1, 0, 0, 0, 0, 0, 0].map((x) => j(x, 0.02))),
    valueHistogram: norm([0.05, 0.1, 0.2, 0.25, 0.2, 0.1, 0.05, 0.05].map((x) => j(x, 0.03))),
    meanBrightness: j(0.45),
    contrast: j(0.18),
    edgeDensity: j(0.12),
    motionEnergy: j(0.03, 0.01),
    spatialFrequency: norm([0.3, 0.3, 0.25, 0.15].map((x) => j(x, 0.04))),
    colorfulness: j(0.0, 0.005),
    blackFraction: j(0.05, 0.02),
  };
}

export const FAMILY_TITLES: Record<Family, string[]> = {
  tunnel: ['Ember Tunnel', 'Molten Corridor', 'Lava Tube', 'Sunset Wormhole', 'Fire Passage', 'Copper Vortex', 'Amber Drift', 'Solar Tunnel', 'Forge Run', 'Blaze Tube'],
  gradient: ['Ocean Calm', 'Glacier Sky', 'Teal Dawn', 'Blue Hour', 'Still Lagoon', 'Frost Gradient', 'Deep Bay', 'Arctic Mist', 'Cool Horizon', 'Harbor Blue'],
  noise: ['Grey Static', 'Paper Grain', 'Fog Noise', 'Ash Clouds', 'Graphite Smoke', 'Silver Grain', 'Concrete Drift', 'Smoke Field', 'Dust Storm', 'Pewter Fog'],
};

export const FAMILY_TAGS: Record<Family, string[]> = {
  tunnel: ['tunnel', 'raymarching', 'warm', 'fire'],
  gradient: ['gradient', 'calm', 'blue', 'minimal'],
  noise: ['noise', 'fbm', 'monochrome', 'grain'],
};
