import { PALETTES } from './palettes.js';

/**
 * Reads a prompt the way the composer needs it: words and two-word phrases, the mood words that
 * nudge the sliders or switch on post effects, and the colour words that pick a palette.
 */

export type Mood = 'calm' | 'chaotic' | 'hypnotic' | 'glitch' | 'retro' | 'dark' | 'bright' | 'minimal' | 'dreamy' | 'fast' | 'slow';

const MOOD_WORDS: Record<Mood, readonly string[]> = {
  calm: ['calm', 'serene', 'peaceful', 'gentle', 'relaxing', 'relaxed', 'tranquil', 'quiet', 'zen', 'soothing', 'meditative', 'still'],
  chaotic: ['chaotic', 'chaos', 'wild', 'crazy', 'intense', 'frantic', 'energetic', 'explosive', 'turbulent', 'violent', 'insane', 'storm', 'stormy'],
  hypnotic: ['hypnotic', 'trippy', 'psychedelic', 'mesmerizing', 'mesmerising', 'hypnotizing', 'mind', 'illusion', 'optical'],
  glitch: ['glitch', 'glitchy', 'corrupted', 'corrupt', 'vhs', 'broken', 'datamosh', 'distorted', 'error', 'static'],
  retro: ['retro', 'crt', 'scanline', 'scanlines', 'vintage', 'arcade', '8bit', 'pixel', 'old'],
  dark: ['dark', 'moody', 'gloomy', 'sinister', 'shadowy', 'eerie', 'creepy', 'ominous', 'gothic'],
  bright: ['bright', 'vivid', 'sunny', 'happy', 'cheerful', 'radiant', 'luminous', 'glowing', 'shiny'],
  minimal: ['minimal', 'minimalist', 'simple', 'clean', 'subtle', 'sparse'],
  dreamy: ['dreamy', 'dream', 'ethereal', 'hazy', 'misty', 'soft', 'floating', 'surreal', 'magical'],
  fast: ['fast', 'speed', 'rushing', 'racing', 'quick', 'hyper', 'zooming'],
  slow: ['slow', 'slowly', 'lazy', 'drifting', 'sleepy', 'languid'],
};

const STOPWORDS = new Set(
  'a an the of in on at to for with and or but into onto from by over under through like as is are was be been being it its this that these those some any my your our their me i you we they very really so too more most much many lots lot make made create give show want need please shader shaders glsl something thing things kind sort style looking look looks feel feeling vibe vibes beautiful nice cool awesome amazing full using use that which where when while about around between within without'.split(' '),
);

export interface PromptAnalysis {
  /** Lower-case words in order (ASCII letters and digits). */
  words: string[];
  /** Words plus "a b" phrases, for keyword matching. */
  terms: Set<string>;
  /** Words that carry meaning (no stopwords), in order, for titles and tags. */
  significant: string[];
  moods: Set<Mood>;
  /** Palettes named by colour words, strongest first. */
  palettes: string[];
}

/** Lower-case ASCII words; accented letters are folded so "moiré" still matches "moire". */
export function tokenize(prompt: string): string[] {
  const folded = prompt.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return folded.match(/[a-z0-9]+/g) ?? [];
}

export function analyzePrompt(prompt: string): PromptAnalysis {
  const words = tokenize(prompt);
  const terms = new Set<string>(words);
  for (let i = 0; i + 1 < words.length; i++) terms.add(`${words[i]} ${words[i + 1]}`);
  // Plurals match their singular keywords ("tunnels" → tunnel, "galaxies" → galaxy).
  for (const w of words) {
    if (w.length > 4 && w.endsWith('ies')) terms.add(`${w.slice(0, -3)}y`);
    else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) terms.add(w.slice(0, -1));
  }
  const significant = [...new Set(words.filter((w) => w.length > 2 && !STOPWORDS.has(w) && !/^\d+$/.test(w)))];
  const moods = new Set<Mood>();
  for (const [mood, list] of Object.entries(MOOD_WORDS) as Array<[Mood, readonly string[]]>) {
    if (list.some((w) => terms.has(w))) moods.add(mood);
  }
  // Palettes by how many of their words appear, earliest mention breaking ties.
  const scored = PALETTES.map((p) => {
    const hits = p.words.filter((w) => terms.has(w));
    const first = hits.length ? Math.min(...hits.map((h) => words.indexOf(h)).filter((i) => i >= 0).concat([99])) : 99;
    return { name: p.name, hits: hits.length, first };
  })
    .filter((s) => s.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.first - b.first);
  return { words, terms, significant, moods, palettes: scored.map((s) => s.name) };
}

/** How mood words move the sliders: a nudge, never an override of what the user set. */
export function moodBias(moods: ReadonlySet<Mood>): { chaos: number; motion: number } {
  let chaos = 0;
  let motion = 0;
  if (moods.has('calm')) (chaos -= 0.25), (motion -= 0.2);
  if (moods.has('chaotic')) (chaos += 0.25), (motion += 0.15);
  if (moods.has('minimal')) chaos -= 0.2;
  if (moods.has('hypnotic')) motion += 0.1;
  if (moods.has('fast')) motion += 0.25;
  if (moods.has('slow')) motion -= 0.25;
  if (moods.has('dreamy')) chaos -= 0.1;
  return { chaos, motion };
}
