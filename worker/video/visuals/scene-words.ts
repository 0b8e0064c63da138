/**
 * How the scene composer reads a scene: which shader family its words name, which colours it
 * (or the style) names, and how the camera moves. Every choice keeps the words that caused it,
 * so the job log can say why a scene looks the way it does.
 */
import { tokenize } from '../../generate/procedural/prompt-words.js';

export type SceneFamily = 'storm' | 'sea' | 'sky' | 'fire' | 'forest' | 'city' | 'space' | 'desert' | 'water' | 'mountains' | 'abstract';

/** Keywords per family with a weight: weather and events ("storm", "fire") outrank the setting they happen in ("sea"). */
const FAMILY_WORDS: Record<Exclude<SceneFamily, 'abstract'>, Record<string, number>> = {
  storm: w(5, 'storm stormy tempest thunder thunderstorm lightning hurricane gale typhoon squall cyclone tornado downpour'),
  sea: w(2, 'sea ocean waves wave surf beach shore coast coastline harbor harbour sail sailing ship boat seascape tide lighthouse pier'),
  sky: w(1.5, 'sky skies cloud clouds cloudy sunrise sunset dawn dusk heaven heavens horizon moon moonlight moonlit flying flight bird birds balloon'),
  fire: w(2.5, 'fire fires flame flames burning burn blaze inferno campfire bonfire embers ember lava volcano volcanic torch forge explosion'),
  forest: w(2, 'forest forests woods woodland tree trees jungle grove pine pines oak meadow garden leaves glade rainforest'),
  city: w(2, 'city cities street streets skyline skyscraper skyscrapers downtown neon urban buildings building metropolis town traffic alley rooftop cyberpunk'),
  space: w(2.5, 'space star stars starry galaxy galaxies nebula cosmos cosmic planet planets universe orbit astronaut rocket spaceship comet asteroid'),
  desert: w(2, 'desert deserts dune dunes sand sands sahara canyon oasis arid camel mesa'),
  water: w(1.5, 'water river rivers lake lakes pond stream waterfall rain rainy underwater reef swimming fountain ripples ripple puddle'),
  mountains: w(2, 'mountain mountains peak peaks summit alps alpine ridge cliff cliffs valley glacier hills hill snowy'),
};

/** Settings a family's shader draws as well (their words explain the picture too). */
const DRAWS_ALSO: Partial<Record<SceneFamily, SceneFamily[]>> = { storm: ['sea'], sea: ['sky'], forest: ['sky'], desert: ['sky'], mountains: ['sky'] };

function w(weight: number, words: string): Record<string, number> {
  return Object.fromEntries(words.split(' ').map((x) => [x, weight]));
}

/** Colour words → sRGB hex. Names are the words themselves, so "emerald and gold" reads back as such. */
export const COLOUR_WORDS: Record<string, string> = {
  emerald: '#0fa968', jade: '#2e9f73', green: '#2f9e44', lime: '#8ac926', olive: '#6b7a1f', mint: '#7ee0b0', moss: '#4a7c2a', evergreen: '#1f6b3a',
  gold: '#e0a81e', golden: '#e0a81e', amber: '#f0a020', yellow: '#f2d22e', honey: '#e8a33d', brass: '#c9a13b', bronze: '#b07a34', copper: '#c06a35',
  orange: '#f07818', tangerine: '#f58a1f', peach: '#f7a072', coral: '#f26b5b',
  red: '#d62828', crimson: '#c1121f', scarlet: '#e0301e', ruby: '#b3132b', blood: '#8a0a12', rose: '#e8577a', pink: '#f07ab0', magenta: '#d6249f', fuchsia: '#e040c0',
  purple: '#7b2cbf', violet: '#8f45e0', lavender: '#b497e8', indigo: '#3f37c9', plum: '#7a2e6e', amethyst: '#9a5bd6',
  blue: '#2563eb', azure: '#2f8ff0', sapphire: '#1d4fb8', navy: '#14246b', cobalt: '#1f4fd1', cyan: '#19c6d6', turquoise: '#1fc2b0', teal: '#13897f', aqua: '#3fd0d4',
  silver: '#b8c0cc', grey: '#8a8f98', gray: '#8a8f98', slate: '#5b6778', steel: '#6e7f94', charcoal: '#33363d', black: '#0c0c0e', white: '#f2f2f0', ivory: '#f3ecd6', cream: '#efe3c2',
  brown: '#7a4e2d', sepia: '#8c6a43', ochre: '#c7882b', rust: '#a8441c', sand: '#d8b98a',
};

/** Style presets that imply colours when no colour word is given. */
const STYLE_PALETTES: Record<string, string[]> = {
  noir: ['black', 'silver', 'white'],
  cinematic: ['teal', 'orange'],
  vintage: ['sepia', 'cream'],
  sepia: ['sepia', 'cream'],
  neon: ['magenta', 'cyan'],
  cyberpunk: ['magenta', 'cyan'],
  synthwave: ['magenta', 'violet', 'orange'],
  pastel: ['lavender', 'mint', 'peach'],
  watercolor: ['azure', 'peach', 'mint'],
  watercolour: ['azure', 'peach', 'mint'],
  royal: ['purple', 'gold'],
  autumn: ['orange', 'rust', 'gold'],
  winter: ['azure', 'white', 'silver'],
};

/** Each family's own colours (primary, secondary, highlight) when the words name fewer. */
export const FAMILY_COLOURS: Record<SceneFamily, [string, string, string]> = {
  storm: ['slate', 'steel', 'white'],
  sea: ['sapphire', 'turquoise', 'gold'],
  sky: ['azure', 'peach', 'white'],
  fire: ['red', 'orange', 'yellow'],
  forest: ['evergreen', 'moss', 'honey'],
  city: ['indigo', 'amber', 'magenta'],
  space: ['navy', 'violet', 'white'],
  desert: ['ochre', 'sand', 'azure'],
  water: ['teal', 'aqua', 'white'],
  mountains: ['slate', 'azure', 'white'],
  abstract: ['violet', 'teal', 'gold'],
};

export type MotionKind = 'pan-left' | 'pan-right' | 'zoom-in' | 'zoom-out' | 'tilt-up' | 'tilt-down' | 'orbit' | 'drift' | 'static';

export interface SceneMotion {
  kind: MotionKind;
  /** 1 = normal; slow/calm words lower it, fast/stormy words raise it. */
  speed: number;
  /** Camera shake 0..1 (handheld, stormy, earthquake). */
  shake: number;
  /** Start zoom from the shot type (close-up > medium > wide). */
  framing: number;
  words: string[];
}

const MOTION_PHRASES: Array<[RegExp, MotionKind]> = [
  [/\b(zoom(s|ing)? out|pull(s|ing)? (back|out)|dolly out|pulls away|widens)\b/, 'zoom-out'],
  [/\b(zoom(s|ing)?( in)?|push(es|ing)? in|dolly in|closes in|moves? closer|approach(es|ing)?)\b/, 'zoom-in'],
  [/\b(pan(s|ning)? left|track(s|ing)? left|moves? left|leftward)\b/, 'pan-left'],
  [/\b(pan(s|ning)?( right)?|track(s|ing)?( shot| right)?|tracking|dolly|truck(s|ing)?|sweep(s|ing)?|glid(e|es|ing)|moves? right|rightward)\b/, 'pan-right'],
  [/\b(tilt(s|ing)? down|descend(s|ing)?|crane down|falling|sinks?)\b/, 'tilt-down'],
  [/\b(tilt(s|ing)?( up)?|crane( up)?|ris(e|es|ing)|ascend(s|ing)?|lift(s|ing)? off)\b/, 'tilt-up'],
  [/\b(orbit(s|ing)?|circl(e|es|ing)|spin(s|ning)?|rotat(e|es|ing)|swirl(s|ing)?|revolv(e|es|ing))\b/, 'orbit'],
  [/\b(static|locked[- ]off|still shot|tripod|fixed)\b/, 'static'],
];

const SLOW = new Set(['slow', 'slowly', 'calm', 'gentle', 'gently', 'serene', 'peaceful', 'quiet', 'still', 'tranquil', 'lazy', 'drifting', 'soft', 'dreamy', 'languid', 'meditative', 'stately']);
const FAST = new Set(['fast', 'quick', 'quickly', 'rapid', 'rushing', 'racing', 'stormy', 'storm', 'chaotic', 'frantic', 'wild', 'violent', 'raging', 'furious', 'explosive', 'turbulent', 'chase', 'speeding']);
const SHAKY = new Set(['handheld', 'shaky', 'shaking', 'shakes', 'earthquake', 'tremble', 'trembling', 'stormy', 'storm', 'explosion', 'raging', 'turbulent']);

export interface SceneText {
  description: string;
  camera?: string | null | undefined;
  actions?: readonly string[] | undefined;
  style?: string | undefined;
}

export interface SceneReading {
  family: SceneFamily;
  familyWords: string[];
  /** Colour names in the order they were chosen (named first, then the family's). */
  colours: string[];
  colourWords: string[];
  motion: SceneMotion;
}

/** Plural → singular, so "storms", "flames", "galaxies" match their keywords. */
function stem(word: string): string[] {
  if (word.length > 4 && word.endsWith('ies')) return [word, `${word.slice(0, -3)}y`];
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return [word, word.slice(0, -1)];
  return [word];
}

export function chooseFamily(sceneWords: string[], styleWords: string[]): { family: SceneFamily; words: string[] } {
  const scores = new Map<SceneFamily, { score: number; words: Set<string>; last: number }>();
  const add = (words: string[], factor: number, offset: number): void => {
    words.forEach((word, i) => {
      for (const form of stem(word)) {
        for (const [fam, table] of Object.entries(FAMILY_WORDS) as Array<[SceneFamily, Record<string, number>]>) {
          const weight = table[form];
          if (!weight) continue;
          const s = scores.get(fam) ?? { score: 0, words: new Set<string>(), last: -1 };
          if (!s.words.has(word)) s.score += weight * factor;
          s.words.add(word);
          s.last = Math.max(s.last, offset + i);
          scores.set(fam, s);
        }
      }
    });
  };
  add(sceneWords, 1, 0);
  // Style words ("cyberpunk") count half: a style colours a scene more than it sets it.
  add(styleWords, 0.5, sceneWords.length);
  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score || b[1].last - a[1].last);
  const best = ranked[0];
  if (!best) return { family: 'abstract', words: [] };
  // The storm shader draws its sea: the sea words shaped the picture too.
  const setting = (DRAWS_ALSO[best[0]] ?? []).flatMap((f) => [...(scores.get(f)?.words ?? [])]);
  return { family: best[0], words: [...new Set([...best[1].words, ...setting])] };
}

function chooseColours(sceneWords: string[], styleWords: string[], family: SceneFamily): { colours: string[]; words: string[] } {
  const named: string[] = [];
  const words: string[] = [];
  const take = (name: string, word: string): void => {
    const hex = COLOUR_WORDS[name];
    if (!hex || named.some((n) => COLOUR_WORDS[n] === hex)) return;
    named.push(name);
    words.push(word);
  };
  // Colour words in the scene first, then in the style, in the order written.
  for (const word of [...sceneWords, ...styleWords]) if (COLOUR_WORDS[word]) take(word, word);
  if (named.length === 0) for (const word of styleWords) for (const name of STYLE_PALETTES[word] ?? []) take(name, word);
  const colours = named.slice(0, 3);
  for (const fallback of FAMILY_COLOURS[family]) if (colours.length < 3 && !colours.includes(fallback)) colours.push(fallback);
  return { colours, words: [...new Set(words)] };
}

function chooseMotion(camera: string, text: string, words: string[]): SceneMotion {
  const used: string[] = [];
  let kind: MotionKind = 'drift';
  // The camera direction wins over motion words in the description.
  for (const source of [camera, text]) {
    const hit = MOTION_PHRASES.find(([re]) => re.test(source));
    if (hit) {
      kind = hit[1];
      used.push(hit[0].exec(source)![0]);
      break;
    }
  }
  let speed = 1;
  const slow = words.filter((x) => SLOW.has(x));
  const fast = words.filter((x) => FAST.has(x));
  if (slow.length) speed *= 0.55;
  if (fast.length) speed *= 1.7;
  const shakeWords = words.filter((x) => SHAKY.has(x));
  const shake = shakeWords.length ? Math.min(1, 0.4 + 0.3 * (shakeWords.length - 1)) : 0;
  const cam = camera.toLowerCase();
  const framing = /\b(extreme close|macro)\b/.test(cam) ? 2.2 : /\bclose/.test(cam) ? 1.6 : /\bmedium|\bmid\b/.test(cam) ? 1.25 : 1;
  if (framing !== 1) used.push(/\b(extreme close[- ]?up|close[- ]?up|close|macro|medium shot|medium|mid)\b/.exec(cam)?.[0] ?? cam);
  used.push(...new Set([...slow, ...fast, ...shakeWords]));
  return { kind, speed: Math.round(speed * 100) / 100, shake, framing, words: [...new Set(used)] };
}

/** Reads one scene (description, camera, actions) with its style. Pure and deterministic. */
export function readScene(scene: SceneText): SceneReading {
  const text = [scene.description, ...(scene.actions ?? [])].join('. ');
  const sceneWords = tokenize(text);
  const styleWords = tokenize(scene.style ?? '');
  // Script camera values are slugs ("slow_pan", "dolly_in"): read them as words.
  const camera = (scene.camera ?? '').toLowerCase().replace(/[_-]+/g, ' ');
  const { family, words: familyWords } = chooseFamily(sceneWords, styleWords);
  const { colours, words: colourWords } = chooseColours(sceneWords, styleWords, family);
  const motion = chooseMotion(camera, text.toLowerCase(), [...sceneWords, ...tokenize(camera), ...styleWords]);
  return { family, familyWords, colours, colourWords, motion };
}
