import { Lexer, type Token } from 'fountain-js';
import { BONE, boneyardMarker, cleanText, splitCue, stripEmphasis } from './fountain-text.js';
import type { DialoguePart, ParsedScene, ScreenplayElement } from './screenplay.js';

/**
 * Fountain (fountain.io) → scenes and elements. fountain-js does the block lexing where it is
 * faithful; this module fills what it lacks:
 * - boneyard (/* … *\/) is kept as elements (fountain-js deletes it), via markers it leaves alone;
 * - the source is lexed one scene at a time: its token list grows by copying (quadratic), and
 *   every Fountain element is a blank-line block, so cutting at heading blocks changes nothing;
 * - its dual-dialogue flag is static and pairs a `^` cue with any earlier dialogue: reset per
 *   chunk, and a pair is kept only when the two blocks are adjacent (the spec's rule);
 * - a note spanning lines comes back as action: it is a note;
 * - "INT. HOUSE - DAY" directly followed by action (no blank line, common in .txt exports) is
 *   lexed as a character cue: it is a heading and the lines under it are action;
 * - character extensions are split from the name; emphasis markup and inline notes are lifted.
 */

const HEADING = /^\s*(?:(?:\*{0,3}_?)?(?:(?:int|i)\.?\/(?:ext|e)|int|ext|est)[. ]|\.(?!\.))/i;
const STANDARD_HEADING = /^(?:(?:int|i)\.?\/(?:ext|e)|int|ext|est)[. ]/i;
const MARKER_ONLY = new RegExp(`^${BONE}(\\d+)${BONE}$`);

interface Extracted {
  text: string;
  boneyards: string[];
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

/** Replaces each boneyard with a marker fountain-js keeps (an inline note), keeping block structure. */
export function extractBoneyard(src: string): Extracted {
  const boneyards: string[] = [];
  let out = '';
  let cursor = 0;
  for (const m of src.matchAll(/\/\*[\s\S]*?\*\//g)) {
    const start = m.index;
    const end = start + m[0].length;
    const marker = boneyardMarker(boneyards.length);
    boneyards.push(m[0].slice(2, -2).trim());
    const lineStart = src.lastIndexOf('\n', start - 1) + 1;
    let lineEnd = src.indexOf('\n', end);
    if (lineEnd < 0) lineEnd = src.length;
    const wholeLines = lineStart >= cursor && src.slice(lineStart, start).trim() === '' && src.slice(end, lineEnd).trim() === '';
    if (!wholeLines) {
      out += src.slice(cursor, start) + marker;
      cursor = end;
      continue;
    }
    const prevBlank = lineStart === 0 || isBlank(src.slice(src.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1));
    const nextLineEnd = src.indexOf('\n', lineEnd + 1);
    const nextBlank = lineEnd >= src.length || isBlank(src.slice(lineEnd + 1, nextLineEnd < 0 ? src.length : nextLineEnd));
    if (prevBlank || nextBlank) {
      // Its own paragraph: the marker becomes a standalone note block.
      out += src.slice(cursor, lineStart) + (prevBlank ? '' : '\n') + marker + (nextBlank ? '' : '\n');
      cursor = lineEnd;
    } else {
      // Inside a block (a cut dialogue line): the marker rides on the previous line.
      out += src.slice(cursor, lineStart - 1) + ' ' + marker;
      cursor = lineEnd;
    }
  }
  return { text: out + src.slice(cursor), boneyards };
}

/** Splits at blank-line-preceded heading lines; chunk 0 holds the title page and the preamble. */
export function chunkByScene(text: string): string[] {
  const lines = text.split('\n');
  const chunks: string[] = [];
  let from = 0;
  for (let i = 1; i < lines.length; i++) {
    if (HEADING.test(lines[i]!) && isBlank(lines[i - 1]) && lines[i]!.trim() !== '') {
      chunks.push(lines.slice(from, i).join('\n'));
      from = i;
    }
  }
  chunks.push(lines.slice(from).join('\n'));
  return chunks;
}

export interface FountainResult {
  title: string | null;
  titlePage: { key: string; value: string }[];
  preamble: ScreenplayElement[];
  scenes: ParsedScene[];
}

class Builder {
  readonly preamble: ScreenplayElement[] = [];
  readonly scenes: ParsedScene[] = [];
  constructor(private readonly boneyards: string[]) {}

  private get target(): ScreenplayElement[] {
    return this.scenes.at(-1)?.elements ?? this.preamble;
  }

  heading(raw: string, sceneNumber: string | null): void {
    const slugline = stripEmphasis(raw.replace(/^\s*\.(?!\.)/, '')).trim();
    this.scenes.push({ index: this.scenes.length, slugline, sceneNumber, forced: !STANDARD_HEADING.test(slugline), elements: [] });
  }

  /** Pushes an element built from cleaned text, then the notes-only / boneyard leftovers. */
  text(raw: string, make: (text: string, notes: string[] | undefined) => ScreenplayElement): void {
    const c = cleanText(raw);
    if (c.text) this.target.push(make(c.text, c.notes.length ? c.notes : undefined));
    else for (const n of c.notes) this.target.push({ type: 'note', text: n });
    this.bones(c.boneyards);
  }

  bones(indexes: number[]): void {
    for (const i of indexes) this.target.push({ type: 'boneyard', text: this.boneyards[i] ?? '' });
  }

  push(el: ScreenplayElement): void {
    this.target.push(el);
  }
}

function dialogue(b: Builder, tokens: Token[], dual: 'left' | 'right' | null): void {
  const cueToken = tokens.find((t) => t.type === 'character');
  const cue = cleanText(cueToken?.text ?? '');
  const parts: DialoguePart[] = [];
  const notes = [...cue.notes];
  const bones = [...cue.boneyards];
  for (const t of tokens) {
    if (t.type !== 'dialogue' && t.type !== 'parenthetical') continue;
    const c = cleanText(t.text ?? '');
    notes.push(...c.notes);
    bones.push(...c.boneyards);
    if (c.text) parts.push({ kind: t.type === 'parenthetical' ? 'parenthetical' : 'line', text: c.text });
  }
  if (HEADING.test(cue.text) && !cue.text.startsWith('.')) {
    // A heading with action right under it (no blank line between).
    b.heading(cue.text, null);
    const action = parts.map((p) => p.text).join('\n');
    if (action) b.push({ type: 'action', text: action, ...(notes.length ? { notes } : {}) });
    b.bones(bones);
    return;
  }
  if (!parts.length) {
    // A cue whose only line was cut into the boneyard: not dialogue any more.
    if (cue.text) b.push({ type: 'action', text: cue.text });
    b.bones(bones);
    return;
  }
  const { character, extension } = splitCue(cue.text);
  b.push({ type: 'dialogue', character, extension, dual, parts, ...(notes.length ? { notes } : {}) });
  b.bones(bones);
}

function lexChunk(b: Builder, tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const text = t.text ?? '';
    switch (t.type) {
      case 'scene_heading': {
        const c = cleanText(text);
        b.heading(c.text || text, t.scene_number ?? null);
        for (const n of c.notes) b.push({ type: 'note', text: n });
        b.bones(c.boneyards);
        break;
      }
      case 'dialogue_begin': {
        let j = i + 1;
        while (j < tokens.length && tokens[j]!.type !== 'dialogue_end') j++;
        dialogue(b, tokens.slice(i + 1, j), (t.dual as 'left' | 'right' | undefined) ?? null);
        i = j;
        break;
      }
      case 'action':
        b.text(text, (s, notes) => ({ type: 'action', text: s, ...(notes ? { notes } : {}) }));
        break;
      case 'transition':
      case 'centered':
      case 'lyrics': {
        const type = t.type;
        b.text(text, (s, notes) => ({ type, text: s, ...(notes ? { notes } : {}) }));
        break;
      }
      case 'section':
        b.push({ type: 'section', text: stripEmphasis(text).trim(), depth: t.depth ?? 1 });
        break;
      case 'synopsis':
        b.push({ type: 'synopsis', text: stripEmphasis(text).trim() });
        break;
      case 'note': {
        const m = MARKER_ONLY.exec(text.trim());
        if (m) b.bones([Number(m[1])]);
        else b.push({ type: 'note', text: text.trim() });
        break;
      }
      case 'page_break':
        b.push({ type: 'page_break' });
        break;
      default:
        // spaces, dual_dialogue_begin/end: layout only (dual is on each dialogue block).
        break;
    }
  }
}

/** Keeps a dual pair only where a left block is directly followed by a right block. */
function fixDual(elements: ScreenplayElement[]): void {
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    if (el.type !== 'dialogue' || !el.dual) continue;
    const other = elements[el.dual === 'left' ? i + 1 : i - 1];
    const paired = other?.type === 'dialogue' && other.dual === (el.dual === 'left' ? 'right' : 'left');
    if (!paired) el.dual = null;
  }
}

function resetDualFlag(): void {
  // fountain-js keeps this private static across parses; a `^` at a chunk's end would leak.
  (Lexer as unknown as { lastLineWasDualDialogue: boolean }).lastLineWasDualDialogue = false;
}

export function parseFountain(source: string): FountainResult {
  const { text, boneyards } = extractBoneyard(source);
  const chunks = chunkByScene(text);
  const b = new Builder(boneyards);
  resetDualFlag();
  const [titleTokens, first] = Lexer.tokenize(chunks[0]!);
  lexChunk(b, first);
  for (let i = 1; i < chunks.length; i++) {
    resetDualFlag();
    lexChunk(b, Lexer.tokenizeScript(chunks[i]!));
  }
  fixDual(b.preamble);
  for (const s of b.scenes) fixDual(s.elements);
  const titlePage = titleTokens.map((t) => ({ key: t.type, value: stripEmphasis(t.text ?? '').trim() }));
  const titleRaw = titlePage.find((t) => t.key === 'title')?.value;
  return { title: titleRaw ? titleRaw.replace(/\s*\n\s*/g, ' ') : null, titlePage, preamble: b.preamble, scenes: b.scenes };
}
