import { CJK, wordsOf } from './timing.js';

/**
 * Plain-text handling of a user's prompt for the offline writer: sentences and phrases in the
 * prompt's own words, quoted speech, a title. No vocabulary is invented here.
 */

/** Markdown and decoration a pasted brief may carry; the words stay. */
export function cleanText(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/[#*_`>|~]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const SEQUENCE = /,?\s+(?:and then|then|after that|afterwards|finally|meanwhile|later|suddenly)\s+/i;

/** Sentences of the prompt, further split where it says "then", "finally", …; empty pieces dropped. */
export function clausesOf(prompt: string): string[] {
  const lines = prompt.split(/\n+/).map(cleanText).filter(Boolean);
  // Latin sentence ends need a following capital; CJK full stops end a sentence by themselves.
  const sentences = lines.flatMap((l) => l.split(/(?<=[.!?…])\s+(?=["“'A-Z0-9\p{Lu}])|;\s+|(?<=[。！？])\s*/u));
  return sentences
    .flatMap((s) => s.split(SEQUENCE))
    .map((s) => s.replace(/^[\s,.;:–—-]+|[\s,;:–—-]+$/g, '').replace(/[.!?…。！？]+$/u, '').trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/**
 * Splits at `sep` (a regex with one capture group around the separator) but never leaves a
 * fragment under `minWords` words: short ones are joined back to their neighbour, separator
 * and all, so no word of the prompt is lost.
 */
export function splitKeeping(text: string, sep: RegExp, minWords = 3): string[] {
  const parts = text.split(sep);
  const out: string[] = [];
  let pendingSep = '';
  for (let i = 0; i < parts.length; i += 2) {
    const frag = parts[i]!.trim();
    const nextSep = parts[i + 1] ?? '';
    if (out.length && (wordsOf(frag).length < minWords || wordsOf(out[out.length - 1]!).length < minWords)) {
      out[out.length - 1] = `${out[out.length - 1]}${pendingSep}${frag}`.trim();
    } else if (frag) {
      out.push(frag);
    }
    pendingSep = nextSep;
  }
  return out.filter((p) => /[\p{L}\p{N}]/u.test(p));
}

const PHRASE_SEP = /(\s*[,;:.!?]\s+|\s+(?:and|while|but)\s+)/i;

/** Phrases of a clause (sentence ends, commas, "and", "while", "but"), quotes left out: the writer's actions. */
export function phrasesOf(clause: string): string[] {
  return splitKeeping(withoutQuotes(clause), PHRASE_SEP)
    .map((p) => p.replace(/^(?:and|then|but|while|finally|so)\s+/i, '').replace(/[\s,;:.!?]+$/, ''))
    .filter((p) => /[\p{L}\p{N}]/u.test(p));
}

/** Pieces of a long sentence for more scenes: at commas first, then at "and"/"while". */
export function splitSentence(clause: string): string[] {
  const byComma = splitKeeping(clause, /(\s*[,;:]\s+)/);
  return byComma.length > 1 ? byComma : splitKeeping(clause, /(\s+(?:and|while|but)\s+)/i);
}

export interface QuotedLine {
  speaker?: string;
  text: string;
}

/** Speech quoted in the text, with its speaker when the clause names one ("Mara says", "says Mara"). */
export function quotedLines(text: string): QuotedLine[] {
  const out: QuotedLine[] = [];
  const re = /["“]([^"“”]{2,})["”]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const quote = m[1]!.trim().replace(/[,]$/, '');
    if (!/[\p{L}\p{N}]/u.test(quote)) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const speaker =
      /\b(?:[Tt]he|[Aa]n?|[Hh]er|[Hh]is|[Tt]heir|[Mm]y|[Oo]ur)\s+([\p{Ll}][\p{L}-]+)\s+(?:says|said|asks|asked|whispers|shouts|replies|calls|cries)[\s,:]*$/u.exec(before)?.[1]?.replace(/^./, (c) => c.toUpperCase()) ??
      /(?:says|said|asks|asked|whispers|shouts|replies|calls|cries)\s+(\p{Lu}[\p{L}'-]+)[\s,:]*$/u.exec(before)?.[1] ??
      /(\p{Lu}[\p{L}'-]+)\s+(?:says|said|asks|asked|whispers|shouts|replies|calls|cries)[\s,:]*$/u.exec(before)?.[1] ??
      /^[\s,]*(?:says|said|asks|asked|whispers|shouts|replies|calls|cries)\s+(\p{Lu}[\p{L}'-]+)/u.exec(after)?.[1] ??
      /^[\s,]*(\p{Lu}[\p{L}'-]+)\s+(?:says|said|asks|asked|whispers|shouts|replies|calls|cries)/u.exec(after)?.[1];
    out.push(speaker ? { speaker, text: quote } : { text: quote });
  }
  return out;
}

const SPEECH_VERB = '(?:says|said|asks|asked|whispers|whispered|shouts|shouted|replies|replied|calls|called|cries|cried)';
const ATTRIBUTION = new RegExp(`(?:\\b(?:he|she|they|i|we|it)\\s+|\\p{Lu}[\\p{L}'-]+\\s+)?\\b${SPEECH_VERB}\\b(?:\\s+\\p{Lu}[\\p{L}'-]+)?`, 'giu');

/** The clause without its quoted speech and its "she asks" (what is left to narrate). */
export function withoutQuotes(text: string): string {
  if (!/["“”]/.test(text)) return text.trim();
  return text
    .replace(/["“][^"“”]*["”]/g, ' ')
    .replace(ATTRIBUTION, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/([,.;:!?])(?:\s*[,.;:!?])+/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.;:!?]+|[\s,;:]+$/g, '')
    .trim();
}

const DANGLING = /^(?:a|an|the|and|or|but|of|in|on|at|to|for|by|with|from|into|over|its|his|her|their|my|our|your|such|as|is|are|was|were)$/i;

/**
 * The first `max` words: whole phrases when the first ones fit, else a cut that does not end on
 * an article or preposition. Null when fewer than two words would be left (better unsaid).
 */
export function shortenTo(text: string, max: number): string | null {
  if (wordsOf(text).length <= max) return text;
  const phrases = splitKeeping(text, /(\s*[,;:.]\s+|(?<=[。！？、])\s*)/u, 1);
  let kept = '';
  for (const p of phrases) {
    const next = kept ? `${kept}, ${p}` : p;
    if (wordsOf(next).length > max) break;
    kept = next;
  }
  if (!kept && CJK.test(text)) {
    // Unspaced CJK: the longest start that fits, cut by characters (two to a word).
    const t = text.trim();
    for (let n = Math.min(t.length, max * 2 + 8); n > 0 && !kept; n--) if (wordsOf(t.slice(0, n)).length <= max) kept = t.slice(0, n).trim();
  } else if (!kept) {
    const words = text.split(/\s+/).filter(Boolean).slice(0, max);
    while (words.length && DANGLING.test(words[words.length - 1]!.replace(/[^\p{L}]/gu, ''))) words.pop();
    kept = words.join(' ');
  }
  kept = kept.replace(/[,;:]+$/, '');
  return wordsOf(kept).length >= 2 ? kept : null;
}

/** Cuts at a word boundary to at most `max` characters, marking the cut. */
export function clampChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max - 1);
  const space = slice.lastIndexOf(' ');
  return `${(space > max / 2 ? slice.slice(0, space) : slice).trim()}…`;
}

const SMALL = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'into', 'over']);

/** A title from the first clause: up to eight words, title case. */
export function titleFrom(clause: string): string {
  const first = withoutQuotes(clause).split(/\s*[,;:(–—]\s*/)[0] ?? clause;
  const words = first.split(/\s+/).filter(Boolean).slice(0, 8);
  while (words.length > 1 && DANGLING.test(words[words.length - 1]!.replace(/[^\p{L}]/gu, ''))) words.pop();
  const titled = words.map((w, i) => (i > 0 && SMALL.has(w.toLowerCase()) ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1)));
  return clampChars(titled.join(' ').replace(/[,;:.!?]+$/, ''), 80) || 'Untitled';
}

export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const cap = t.charAt(0).toUpperCase() + t.slice(1);
  if (/[.!?…。！？]$/u.test(cap)) return cap;
  return CJK.test(cap.slice(-1)) ? `${cap}。` : `${cap}.`;
}
