/**
 * The scene composer: a script scene (description, camera, actions) and the video's style →
 * a Shadertoy-compatible single-pass shader plus the reasons for it ({family, palette, motion,
 * matchedWords}). Deterministic: the same scene and style always give the same GLSL, so clips
 * can be cached by their inputs. No model is involved and the provenance says so.
 */
import { libCode } from '../../generate/procedural/glsl-lib.js';
import { glslFloat as f } from '../../generate/procedural/rng.js';
import { FAMILY_GLSL } from './scene-glsl.js';
import { COLOUR_WORDS, readScene, type SceneMotion, type SceneText } from './scene-words.js';
import type { ComposerChoice } from './types.js';

/** Bumped whenever the composer's output changes for the same input (it is part of the cache key). */
export const SCENE_COMPOSER_VERSION = 1;
export const SCENE_COMPOSER_MODEL = `scene-shader-composer@${SCENE_COMPOSER_VERSION}`;

/** A single-pass Shadertoy source in the renderer's shape (declared here: studios do not import each other's schemas). */
export interface SceneShaderSource {
  common: string;
  buffers: [];
  image: { code: string; channels: [] };
}

export interface ComposedScene {
  source: SceneShaderSource;
  choice: ComposerChoice;
}

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

const vec3 = (c: Rgb): string => `vec3(${c.map((x) => f(x)).join(', ')})`;

/** Per-second camera rates for each motion kind (before speed). */
function cameraConsts(m: SceneMotion): { zoomRate: number; panX: number; panY: number; orbit: number } {
  const base = { zoomRate: 0, panX: 0, panY: 0, orbit: 0 };
  switch (m.kind) {
    case 'zoom-in':
      return { ...base, zoomRate: 0.06 * m.speed };
    case 'zoom-out':
      return { ...base, zoomRate: -0.05 * m.speed };
    case 'pan-left':
      return { ...base, panX: -0.06 * m.speed };
    case 'pan-right':
      return { ...base, panX: 0.06 * m.speed };
    case 'tilt-up':
      return { ...base, panY: 0.02 * m.speed };
    case 'tilt-down':
      return { ...base, panY: -0.02 * m.speed };
    case 'orbit':
      return { ...base, orbit: 0.05 * m.speed };
    case 'drift':
      return { ...base, panX: 0.015 * m.speed, zoomRate: 0.01 * m.speed };
    case 'static':
      return base;
  }
}

/** ASCII-only one-line text for a GLSL comment. */
function commentSafe(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
}

export interface ComposeSceneOptions {
  /** iTime offset in seconds: a long scene is rendered in pieces that continue each other. */
  timeOffset?: number;
}

export function composeScene(scene: SceneText, opts: ComposeSceneOptions = {}): ComposedScene {
  const reading = readScene(scene);
  const [a, b, h] = reading.colours.map((name) => rgb(COLOUR_WORDS[name]!)) as [Rgb, Rgb, Rgb];
  // The dark base leans on the primary colour so even shadows carry the scene's hue.
  const d: Rgb = [0, 1, 2].map((i) => a[i]! * 0.14 + b[i]! * 0.04 + 0.01) as Rgb;
  const m = reading.motion;
  const cam = cameraConsts(m);
  const header = [
    `Scene composed by ${SCENE_COMPOSER_MODEL}: "${commentSafe(scene.description)}"`,
    `family ${reading.family} (${reading.familyWords.join(', ') || 'no scene words: abstract'}); palette ${reading.colours.join(', ')}; camera ${m.kind} x${m.speed}${m.shake ? `, shake ${m.shake}` : ''}`,
  ];
  const code = `${header.map((l) => `// ${l}`).join('\n')}
const vec3 CA = ${vec3(a)};
const vec3 CB = ${vec3(b)};
const vec3 CH = ${vec3(h)};
const vec3 CD = ${vec3(d)};
const float SPEED = ${f(m.speed)};
const float TIME_OFFSET = ${f(opts.timeOffset ?? 0, 3)};
const float ZOOM0 = ${f(m.framing)};
const float ZOOM_RATE = ${f(cam.zoomRate, 4)};
const vec2 PAN = vec2(${f(cam.panX, 4)}, ${f(cam.panY, 4)});
const float ORBIT = ${f(cam.orbit, 4)};
const float SHAKE = ${f(m.shake)};
${libCode(['hash', 'noise', 'fbm', 'rot'], 4)}
${FAMILY_GLSL[reading.family]}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    float T = iTime + TIME_OFFSET;
    vec2 p = (fragCoord - 0.5 * iResolution.xy) / iResolution.y;
    // The camera: framing and zoom, orbit, pan/tilt, then a little shake for rough scenes.
    p /= ZOOM0 * exp(ZOOM_RATE * T);
    p = rot(ORBIT * T) * p;
    p += PAN * T;
    p += SHAKE * 0.012 * (vec2(noise(vec2(T * 9.0, 1.7)), noise(vec2(4.1, T * 9.0))) - 0.5);
    vec3 col = scene(p, T * SPEED);
    vec2 q = fragCoord / iResolution.xy;
    col *= 1.0 - 0.35 * dot(q - 0.5, q - 0.5) * 2.0;
    col += (hash12(fragCoord + fract(T) * 91.7) - 0.5) * 0.015;
    fragColor = vec4(clamp(col, 0.0, 1.0), 1.0);
}
`;
  const matchedWords = [...new Set([...reading.familyWords, ...reading.colourWords, ...m.words])];
  return {
    source: { common: '', buffers: [], image: { code, channels: [] } },
    choice: {
      family: reading.family,
      palette: reading.colours.map((name) => ({ name, hex: COLOUR_WORDS[name]! })),
      motion: { kind: m.kind, speed: m.speed, words: m.words },
      matchedWords,
    },
  };
}
