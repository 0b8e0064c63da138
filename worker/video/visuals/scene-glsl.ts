/**
 * One GLSL `scene(p, t)` per scene family. p: centred coordinates, y up, the frame's height
 * spanning -0.5..0.5 at zoom 1 (the camera in compose-scene.ts pans, zooms and shakes it; every
 * family is unbounded in x so a pan never runs off the picture). t: scene time × speed.
 * Colours come only from the palette constants CA (primary), CB (secondary), CH (highlight) and
 * CD (a dark base mixed from them), so the words' colours are the picture's colours.
 * Loops all have constant bounds; everything is cheap enough for software GL at 720p.
 */
import type { SceneFamily } from './scene-words.js';

const HORIZON = `const float HZ = -0.08;`;

const STORM = `${HORIZON}
vec3 scene(vec2 p, float t) {
    // Lightning: a jagged bolt a few times a second-and-a-half, with a sky-wide flash.
    float slot = floor(t * 2.2);
    float flash = step(0.82, hash12(vec2(slot, 3.1))) * (1.0 - fract(t * 2.2));
    // Sky and sea are drawn on their own side of the horizon only (half the noise per pixel).
    if (p.y >= HZ) {
        // Churning clouds, lit from within by the secondary colour.
        vec2 q = p * vec2(1.6, 3.2) + vec2(t * 0.45, t * 0.05);
        float c = fbm(q + 1.3 * fbm(q * 1.7 - vec2(t * 0.3, 0.0)));
        vec3 sky = mix(CD * 0.6, CB * 0.45, smoothstep(0.4, 0.85, c));
        sky += CB * pow(smoothstep(0.5, 0.9, c), 2.0) * 0.9;
        float bx = (hash12(vec2(slot, 7.7)) - 0.5) * 1.4;
        float jag = (noise(vec2(p.y * 14.0, slot)) - 0.5) * 0.12 + (noise(vec2(p.y * 40.0, slot)) - 0.5) * 0.03;
        float bolt = flash * smoothstep(0.008, 0.0, abs(p.x - bx - jag));
        return sky + CH * (flash * 0.22 + bolt * 1.6);
    }
    // A rough sea in perspective: waves grow toward the viewer, crests catch the light.
    float depth = HZ - p.y;
    vec2 s = vec2(p.x * 2.0 / (depth + 0.04), 0.6 / (depth + 0.04)) + vec2(t * 0.8, t * 1.6);
    float wv = fbm(s * 0.5 + 0.8 * noise(s * 0.3 + t * 0.2));
    float crest = smoothstep(0.6, 0.78, wv);
    vec3 sea = mix(CA * 0.22, CA * 0.95, smoothstep(0.25, 0.75, wv));
    sea += mix(CB, CH, 0.5) * crest * 0.45 + CB * flash * 0.25;
    return mix(sea, CD + CB * 0.15, exp(-depth * 30.0) * 0.7);
}`;

const SEA = `${HORIZON}
vec3 scene(vec2 p, float t) {
    vec2 sun = vec2(0.25, 0.12);
    if (p.y >= HZ) {
        float h = p.y - HZ;
        vec3 sky = mix(CB * 0.95, mix(CA, CD, 0.35), smoothstep(0.0, 0.5, h));
        sky += CH * (smoothstep(0.06, 0.045, length(p - sun)) + 0.35 * exp(-length(p - sun) * 6.0));
        float cl = fbm(vec2(p.x * 2.0 + t * 0.05, p.y * 6.0));
        return mix(sky, mix(CB, CH, 0.4), smoothstep(0.55, 0.8, cl) * 0.35);
    }
    float depth = HZ - p.y;
    vec2 s = vec2(p.x * 1.5 / (depth + 0.05), 0.4 / (depth + 0.05)) + vec2(t * 0.2, t * 0.6);
    float wv = fbm(s * 0.6);
    vec3 sea = mix(CA * 0.35, CA, smoothstep(0.3, 0.75, wv));
    // The sun's glitter path on the water.
    float path = exp(-abs(p.x - sun.x) * (8.0 + 40.0 * depth)) * smoothstep(0.55, 0.75, noise(s * 2.0 + t));
    return sea + CH * path * 0.9 + CB * exp(-depth * 25.0) * 0.3;
}`;

const SKY = `vec3 scene(vec2 p, float t) {
    vec3 col = mix(CB, CA, smoothstep(-0.5, 0.5, p.y));
    vec2 q = p * vec2(1.2, 2.4) + vec2(t * 0.12, 0.0);
    float c = fbm(q + 0.6 * fbm(q * 1.3 + t * 0.03));
    float cover = smoothstep(0.45, 0.75, c);
    vec3 cloud = mix(mix(CB, CH, 0.6), CH, smoothstep(0.6, 0.9, c));
    col = mix(col, cloud, cover * 0.9);
    col += CH * 0.25 * exp(-length(p - vec2(-0.45, -0.2)) * 3.0);
    return col;
}`;

const FIRE = `vec3 scene(vec2 p, float t) {
    vec2 q = vec2(p.x * 3.0, p.y * 2.2 - t * 1.6);
    float n = fbm(q + 1.4 * fbm(q * 1.5 + vec2(0.0, -t * 0.8)));
    float rise = clamp(0.3 - p.y, 0.0, 1.2);
    float heat = clamp(n * rise * 1.9 - 0.15, 0.0, 1.0);
    vec3 col = mix(CD * 0.6, CA, smoothstep(0.05, 0.4, heat));
    col = mix(col, CB, smoothstep(0.35, 0.7, heat));
    col = mix(col, CH, smoothstep(0.7, 0.95, heat));
    // Sparks drifting up.
    vec2 g = p * vec2(18.0, 9.0) + vec2(0.0, -t * 3.0);
    vec2 id = floor(g);
    float spark = step(0.93, hash12(id)) * smoothstep(0.12, 0.0, length(fract(g) - 0.5));
    return col + CH * spark * smoothstep(0.5, -0.3, p.y);
}`;

const FOREST = `float treeline(float x, float base, float amp, float freq, float seed) {
    float cell = floor(x * freq + seed);
    float f = fract(x * freq + seed);
    float h = base + amp * (0.5 + 0.5 * hash12(vec2(cell, seed)));
    // A conifer: a triangle from the cell's middle.
    return h - abs(f - 0.5) * amp * 2.2 + 0.03 * noise(vec2(x * 40.0, seed));
}
vec3 scene(vec2 p, float t) {
    vec3 col = mix(mix(CB, CH, 0.5), mix(CA, CD, 0.3), smoothstep(-0.2, 0.5, p.y));
    // Light shafts through the canopy.
    float shaft = pow(max(0.0, sin(p.x * 9.0 + p.y * 4.0 + t * 0.2)), 8.0) * smoothstep(-0.5, 0.4, p.y);
    col += CH * shaft * 0.25;
    for (int i = 0; i < 3; i++) {
        float k = float(i);
        float x = p.x * (1.0 + k * 0.5) + t * 0.02 * (k + 1.0);
        float y = treeline(x, 0.05 - k * 0.18, 0.22 - k * 0.03, 3.0 + k * 1.5, k * 13.0);
        vec3 layer = mix(mix(CA, CB, 0.35) * 0.85, CA * 0.25, k / 2.0);
        col = mix(col, layer, step(p.y, y));
    }
    float mist = fbm(vec2(p.x * 2.0 + t * 0.1, p.y * 5.0));
    col = mix(col, mix(CB, CH, 0.5), smoothstep(0.0, -0.5, p.y) * mist * 0.35);
    // Fireflies.
    vec2 g = p * 14.0 + vec2(sin(t * 0.7), t * 0.3);
    float fly = step(0.96, hash12(floor(g))) * smoothstep(0.15, 0.0, length(fract(g) - 0.5)) * (0.5 + 0.5 * sin(t * 3.0 + hash12(floor(g)) * 40.0));
    return col + CH * fly;
}`;

const CITY = `vec3 scene(vec2 p, float t) {
    vec3 col = mix(CA * 0.6, CD * 0.6, smoothstep(-0.3, 0.5, p.y));
    col += CH * 0.12 * exp(-(p.y + 0.3) * 4.0);
    for (int i = 0; i < 3; i++) {
        float k = float(i);
        float scale = 6.0 + k * 5.0;
        float x = p.x * scale + t * 0.15 * (k + 1.0) + k * 31.0;
        float cell = floor(x);
        float top = -0.05 + 0.38 * hash12(vec2(cell, k)) - k * 0.12;
        float inside = step(p.y, top) * step(0.08, fract(x));
        // Lit windows on a grid, a few switching on and off.
        vec2 w = vec2(fract(x) * 4.0, p.y * scale * 3.0);
        vec2 wid = floor(w) + cell * 7.0;
        float lit = step(0.55, hash12(wid + floor(t * 0.3 + hash12(wid) * 5.0) * 0.01));
        float win = lit * step(0.3, fract(w.x)) * step(0.35, fract(w.y));
        vec3 body = mix(CA * 0.22, CD, k / 2.0 * 0.5);
        vec3 light = mix(CB, CH, step(0.8, hash12(wid * 1.7)));
        col = mix(col, body + light * win * (1.0 - k * 0.25), inside);
    }
    // Out-of-focus street lights.
    vec2 g = p * vec2(7.0, 7.0) + vec2(t * 0.4, 0.0);
    vec2 id = floor(g);
    float b = step(0.7, hash12(id)) * smoothstep(0.45, 0.2, length(fract(g) - 0.5)) * smoothstep(-0.1, -0.45, p.y);
    return col + mix(CB, CH, hash12(id * 3.1)) * b * 0.6;
}`;

const SPACE = `vec3 scene(vec2 p, float t) {
    vec2 q = p * 2.0 + vec2(t * 0.03, 0.0);
    float n = fbm(q + 1.5 * fbm(q * 1.4 + t * 0.02));
    // A second gas cloud of its own shape, so both colours show rather than blending into one.
    float m = fbm(q * 1.3 + vec2(7.1, 3.4) + 1.2 * fbm(q * 0.9 - t * 0.015));
    vec3 col = CD * 0.5;
    col = mix(col, CA * 0.9, smoothstep(0.42, 0.8, n));
    col = mix(col, CB * 0.95, smoothstep(0.5, 0.78, m) * 0.95);
    for (int i = 0; i < 3; i++) {
        float k = float(i);
        vec2 g = (p + vec2(t * 0.01 * (k + 1.0), 0.0)) * (30.0 + k * 25.0);
        vec2 id = floor(g);
        float h = hash12(id + k * 17.0);
        float star = step(0.9, h) * smoothstep(0.08 + 0.06 * (1.0 - k / 2.0), 0.0, length(fract(g) - hash22(id) * 0.6 - 0.2));
        col += mix(CH, CB, step(0.97, h)) * star * (0.6 + 0.4 * sin(t * 3.0 + h * 60.0));
    }
    return col;
}`;

const DESERT = `vec3 scene(vec2 p, float t) {
    vec3 col = mix(mix(CB, CH, 0.3), CH, smoothstep(0.0, 0.5, p.y));
    vec2 sun = vec2(-0.3, 0.22);
    col += mix(CB, vec3(1.0), 0.5) * (smoothstep(0.07, 0.06, length(p - sun)) + 0.3 * exp(-length(p - sun) * 5.0));
    // Heat shimmer near the horizon.
    vec2 pp = p + vec2(0.0, 0.004 * sin(p.x * 60.0 + t * 6.0) * smoothstep(0.1, -0.05, p.y));
    for (int i = 0; i < 4; i++) {
        float k = float(i);
        float x = pp.x * (1.2 + k * 0.6) + t * 0.02 * (k + 1.0) + k * 5.0;
        float ridge = -0.02 - k * 0.11 + 0.06 * sin(x * 3.0) + 0.04 * sin(x * 7.3 + k) + 0.02 * noise(vec2(x * 4.0, k));
        float slope = cos(x * 3.0) * 0.18 + cos(x * 7.3 + k) * 0.29;
        vec3 sand = mix(CA * (0.55 + 0.1 * k), CB, clamp(0.5 + slope, 0.0, 1.0) * 0.75);
        col = mix(col, sand, step(pp.y, ridge));
    }
    return col;
}`;

const WATER = `vec3 scene(vec2 p, float t) {
    vec2 q = p * 4.0;
    // Caustics: bright ridges where warped noise folds.
    float a = fbm(q + vec2(t * 0.3, t * 0.2));
    float b = fbm(q * 1.3 + vec2(-t * 0.25, t * 0.15) + a);
    float caustic = pow(1.0 - abs(sin((a + b) * 6.2831)), 6.0);
    vec3 col = mix(CA * 0.35, CA, b);
    col = mix(col, CB, smoothstep(0.55, 0.85, a) * 0.5);
    col += CH * caustic * 0.55;
    // Rain rings.
    vec2 g = p * 6.0;
    vec2 id = floor(g);
    float phase = fract(t * 0.7 + hash12(id));
    float ring = smoothstep(0.03, 0.0, abs(length(fract(g) - hash22(id) * 0.5 - 0.25) - phase * 0.4)) * (1.0 - phase);
    return col + CH * ring * 0.4 * step(0.6, hash12(id + 3.0));
}`;

const MOUNTAINS = `vec3 scene(vec2 p, float t) {
    vec3 col = mix(mix(CB, CH, 0.4), CB * 0.8, smoothstep(-0.1, 0.5, p.y));
    for (int i = 0; i < 3; i++) {
        float k = float(i);
        float x = p.x * (1.5 + k) + t * 0.015 * (k + 1.0) + k * 9.0;
        float ridge = 0.12 - k * 0.16 + 0.25 * (fbm(vec2(x, k * 3.0)) - 0.5) * (1.6 - k * 0.3) + 0.08 * abs(sin(x * 2.0));
        float snow = smoothstep(ridge - 0.09, ridge - 0.03, p.y);
        vec3 rock = mix(CA * (0.9 - 0.25 * k), CD, k * 0.25);
        rock = mix(rock, CH, snow * 0.8 * (1.0 - k * 0.3));
        col = mix(col, rock, step(p.y, ridge));
        col = mix(col, mix(CB, CH, 0.5), 0.12 * step(p.y, ridge) * (2.0 - k) / 2.0);
    }
    float mist = fbm(vec2(p.x * 1.5 + t * 0.05, p.y * 4.0));
    return mix(col, CH, smoothstep(-0.25, -0.5, p.y) * mist * 0.4);
}`;

const ABSTRACT = `vec3 scene(vec2 p, float t) {
    vec2 q = p * 1.8;
    vec2 w = vec2(fbm(q + t * 0.1), fbm(q + vec2(5.2, 1.3) - t * 0.08));
    float n = fbm(q + 2.0 * w + t * 0.05);
    vec3 col = mix(CD, CA, smoothstep(0.2, 0.6, n));
    col = mix(col, CB, smoothstep(0.45, 0.8, w.x) * 0.8);
    col = mix(col, CH, smoothstep(0.65, 0.9, n * w.y * 1.6) * 0.8);
    return col;
}`;

export const FAMILY_GLSL: Record<SceneFamily, string> = {
  storm: STORM,
  sea: SEA,
  sky: SKY,
  fire: FIRE,
  forest: FOREST,
  city: CITY,
  space: SPACE,
  desert: DESERT,
  water: WATER,
  mountains: MOUNTAINS,
  abstract: ABSTRACT,
};
