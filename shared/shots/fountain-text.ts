/**
 * Inline Fountain text → plain text: boneyard markers and [[notes]] are lifted out, emphasis
 * markers (*italic*, **bold**, ***both***, _underline_) removed, backslash escapes resolved.
 */

/** Private-use delimiters of the boneyard markers fountain.ts puts where a /* … *\/ was. */
export const BONE = '\uE000';
const MARKER = new RegExp(`\\[\\[${BONE}(\\d+)${BONE}\\]\\]`, 'g');
const NOTE = /\[\[([\s\S]+?)\]\]/g;
const ESC_STAR = '\uE001';
const ESC_UNDER = '\uE002';

export function boneyardMarker(i: number): string {
  return `[[${BONE}${i}${BONE}]]`;
}

export interface CleanText {
  text: string;
  notes: string[];
  /** Indexes of the boneyard blocks that were inside this text, in order. */
  boneyards: number[];
}

export function stripEmphasis(s: string): string {
  // Most lines have no markup: skip the eight passes.
  if (!/[*_\\]/.test(s)) return s;
  return s
    .replace(/\\\*/g, ESC_STAR)
    .replace(/\\_/g, ESC_UNDER)
    .replace(/\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*/g, '$1')
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '$1')
    .replace(/\*(?=\S)(.+?)(?<=\S)\*/g, '$1')
    .replace(/(^|[^\w])_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/\\([@#!~=.><\\/$+`])/g, '$1')
    .replaceAll(ESC_STAR, '*')
    .replaceAll(ESC_UNDER, '_');
}

export function cleanText(raw: string): CleanText {
  if (!raw.includes('[[')) return { text: stripEmphasis(raw).trim(), notes: [], boneyards: [] };
  const boneyards: number[] = [];
  const notes: string[] = [];
  let removed = false;
  let s = raw.replace(MARKER, (_, i: string) => {
    boneyards.push(Number(i));
    removed = true;
    return '';
  });
  s = s.replace(NOTE, (_, note: string) => {
    notes.push(note.trim());
    removed = true;
    return '';
  });
  s = stripEmphasis(s);
  // What was lifted out leaves doubled spaces and empty lines behind.
  if (removed) s = s.replace(/[ \t]{2,}/g, ' ').replace(/ +\n/g, '\n').replace(/\n +/g, '\n').replace(/\n{2,}/g, '\n');
  return { text: s.trim(), notes, boneyards };
}

/** "MOM (O.S.) (CONT'D)" → name MOM, extension "O.S. CONT'D". */
export function splitCue(cue: string): { character: string; extension: string | null } {
  const m = /^(.*?)\s*((?:\([^)]*\)\s*)+)$/.exec(cue.trim());
  if (!m || !m[1]) return { character: cue.trim(), extension: null };
  const ext = [...m[2]!.matchAll(/\(([^)]*)\)/g)].map((x) => x[1]!.trim()).filter(Boolean).join(' ');
  return { character: m[1].trim(), extension: ext || null };
}
