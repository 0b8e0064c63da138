import type { ParsedScene, ScreenplayElement } from './screenplay.js';

/**
 * Screen-time estimates from the page: a formatted screenplay page holds ~55 lines and plays
 * for about a minute. Action wraps at ~60 characters, dialogue at ~35, parentheticals at ~25;
 * each block is followed by a blank line. Dialogue is also timed by reading speed, and the
 * longer of the two wins (fast talkers on short lines still take time to say them).
 */
export const LINES_PER_PAGE = 55;
export const SECONDS_PER_PAGE = 60;
export const SECONDS_PER_LINE = SECONDS_PER_PAGE / LINES_PER_PAGE;
/** Spoken English in film dialogue: ~150 words per minute. */
export const WORDS_PER_SECOND = 2.5;

const WIDTH = { action: 60, dialogue: 35, parenthetical: 25, heading: 60 } as const;

export function wrappedLines(text: string, width: number): number {
  let n = 0;
  for (const line of text.split('\n')) n += Math.max(1, Math.ceil(line.length / width));
  return n;
}

export function wordCount(text: string): number {
  const m = text.match(/[\p{L}\p{N}'’-]+/gu);
  return m ? m.length : 0;
}

/** Formatted lines of one element including the blank line after it (0 for what does not print). */
export function elementLines(el: ScreenplayElement): number {
  switch (el.type) {
    case 'action':
    case 'centered':
    case 'lyrics':
      return wrappedLines(el.text, WIDTH.action) + 1;
    case 'transition':
      return 2;
    case 'dialogue':
      return 1 + el.parts.reduce((n, p) => n + wrappedLines(p.text, p.kind === 'parenthetical' ? WIDTH.parenthetical : WIDTH.dialogue), 0) + 1;
    case 'page_break':
    case 'section':
    case 'synopsis':
    case 'note':
    case 'boneyard':
      return 0;
  }
}

export function sceneLines(scene: Pick<ParsedScene, 'slugline' | 'elements'>): number {
  // Heading plus its blank line; dual dialogue prints side by side, so only the taller side counts.
  let n = wrappedLines(scene.slugline, WIDTH.heading) + 1;
  let prevDual = 0;
  for (const el of scene.elements) {
    const lines = elementLines(el);
    if (el.type === 'dialogue' && el.dual === 'right') {
      n += Math.max(0, lines - prevDual);
      prevDual = 0;
      continue;
    }
    prevDual = el.type === 'dialogue' && el.dual === 'left' ? lines : 0;
    n += lines;
  }
  return n;
}

export function pagesFromLines(lines: number): number {
  return lines / LINES_PER_PAGE;
}

/** Screen time of formatted lines by the one-page-per-minute rule. */
export function secondsFromLines(lines: number): number {
  return lines * SECONDS_PER_LINE;
}

/** Time to say a dialogue line at reading speed, with a beat for each parenthetical. */
export function dialogueSeconds(parts: { kind: 'parenthetical' | 'line'; text: string }[]): number {
  let s = 0;
  for (const p of parts) s += p.kind === 'line' ? wordCount(p.text) / WORDS_PER_SECOND : 0.75;
  return s;
}

/** Standard page-eighths notation ("1 3/8") for a scene's length. */
export function pageEighths(lines: number): string {
  const eighths = Math.max(1, Math.round((lines / LINES_PER_PAGE) * 8));
  const whole = Math.floor(eighths / 8);
  const rest = eighths % 8;
  if (!whole) return `${rest}/8`;
  return rest ? `${whole} ${rest}/8` : `${whole}`;
}

/** Veo 3.1 clip lengths. */
export const VEO_DURATIONS = [4, 6, 8] as const;
export type VeoDuration = (typeof VEO_DURATIONS)[number];

/** The shortest Veo clip that covers a shot (8 s for longer shots: they need cutting or extending). */
export function veoDurationFor(seconds: number): VeoDuration {
  return VEO_DURATIONS.find((d) => d >= seconds - 0.25) ?? 8;
}

export function roundSeconds(s: number): number {
  return Math.round(s * 10) / 10;
}
