import type { ProviderModule } from '../types.js';
import type { Cue } from './vtt.js';

/**
 * Captions timed from the script itself: the narration is synthesized sentence by sentence, each
 * sentence's audio is measured, and its cues span exactly that audio. No model, no guessing of
 * where words fall beyond proportional-to-characters inside one sentence.
 */

export const MAX_LINE_CHARS = 42;
export const MAX_LINES = 2;

const ABBREVIATIONS = /\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|vs|etc|e\.g|i\.e|No|Fig)\.$/i;

/** Sentences (with their punctuation), one paragraph break also ending one. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const para of text.replace(/\r\n?/g, '\n').split(/\n\s*\n|\n(?=\s*[-*•])/)) {
    const flat = para.replace(/\s+/g, ' ').trim();
    if (!flat) continue;
    let current = '';
    // A terminator run (. ! ? … and closing quotes/brackets) followed by a space ends a sentence,
    // unless it ends an abbreviation or the next word starts lower-case ("Yes!" she said.).
    const pieces = flat.split(/(?<=[.!?…]+["'”’)\]]*)\s+/);
    for (const [i, piece] of pieces.entries()) {
      current = current ? `${current} ${piece}` : piece;
      if (!ABBREVIATIONS.test(current) && !/^[a-z]/.test(pieces[i + 1] ?? '')) {
        out.push(current);
        current = '';
      }
    }
    if (current) out.push(current);
  }
  return out;
}

/** Greedy word wrap; a word longer than the line is hard-split. */
export function wrapLines(text: string, max = MAX_LINE_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > max) {
      if (line) lines.push(line);
      lines.push(word.slice(0, max));
      word = word.slice(max);
      line = '';
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= max) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A sentence as caption cues of at most `maxLines` lines of `maxChars`: phrases (split at
 * , ; : —) are kept together where they fit, so a cue rarely breaks mid-phrase.
 */
export function captionChunks(sentence: string, maxChars = MAX_LINE_CHARS, maxLines = MAX_LINES): string[] {
  const fits = (t: string) => wrapLines(t, maxChars).length <= maxLines;
  if (fits(sentence)) return [wrapLines(sentence, maxChars).join('\n')];
  const phrases = sentence.split(/(?<=[,;:—–])\s+/);
  const chunks: string[] = [];
  let current = '';
  for (const phrase of phrases) {
    const joined = current ? `${current} ${phrase}` : phrase;
    if (fits(joined)) {
      current = joined;
      continue;
    }
    if (current) chunks.push(current);
    if (fits(phrase)) current = phrase;
    else {
      // One long phrase: cut it into cues of `maxLines` wrapped lines each.
      const lines = wrapLines(phrase, maxChars);
      const groups: string[] = [];
      for (let i = 0; i < lines.length; i += maxLines) groups.push(lines.slice(i, i + maxLines).join(' '));
      chunks.push(...groups.slice(0, -1));
      current = groups.at(-1)!;
    }
  }
  if (current) chunks.push(current);
  return chunks.map((c) => wrapLines(c, maxChars).join('\n'));
}

export interface TimedSegment {
  text: string;
  /** Measured length of this segment's speech. */
  durationSec: number;
  /** Where its audio starts in the narration; defaults to the running sum of durations and pauses. */
  startSec?: number;
}

/**
 * Cues for narration segments: each segment's cues cover [start, start + measured duration],
 * split among its chunks in proportion to their characters. Segments without an explicit start
 * follow the previous one after `pauseSec` of silence.
 */
export function timeCaptions(segments: TimedSegment[], opts: { pauseSec?: number; maxChars?: number; maxLines?: number } = {}): Cue[] {
  const pause = opts.pauseSec ?? 0;
  const cues: Cue[] = [];
  let offset = 0;
  for (const [i, seg] of segments.entries()) {
    const start = seg.startSec ?? (i === 0 ? 0 : offset + pause);
    const chunks = captionChunks(seg.text, opts.maxChars, opts.maxLines);
    const weights = chunks.map((c) => Math.max(1, c.replace(/\s/g, '').length));
    const total = weights.reduce((a, b) => a + b, 0);
    let t = start;
    for (const [j, chunk] of chunks.entries()) {
      const end = j === chunks.length - 1 ? start + seg.durationSec : t + (seg.durationSec * weights[j]!) / total;
      cues.push({ startSec: t, endSec: end, text: chunk });
      t = end;
    }
    offset = start + seg.durationSec;
  }
  return cues;
}

export const scriptTimingProvider: ProviderModule = {
  id: 'script-timing',
  label: 'Captions from the script (embedded)',
  capabilities: ['asr'],
  embedded: true,
  async status() {
    return {
      provider: 'script-timing',
      reachable: true,
      version: '1',
      detail: `Captions timed from the script sentences and the measured speech durations (${MAX_LINES} lines × ${MAX_LINE_CHARS} chars per cue).`,
    };
  },
  async test() {
    const t0 = performance.now();
    const cues = timeCaptions(
      splitSentences('Hello there. This sentence is long enough that it has to be split over more than one caption, at a comma.').map((text, i) => ({ text, durationSec: 1 + i * 3 })),
      { pauseSec: 0.3 },
    );
    const ordered = cues.every((c, i) => c.endSec > c.startSec && (i === 0 || c.startSec >= cues[i - 1]!.endSec));
    const ok = ordered && Math.abs(cues.at(-1)!.endSec - 5.3) < 1e-9;
    return { ok, detail: ok ? `${cues.length} cues, last ends at ${cues.at(-1)!.endSec.toFixed(2)} s` : 'cue timing is inconsistent', ms: performance.now() - t0 };
  },
};
