/**
 * Small text helpers over GLSL source shared by the wrapper and the static checks. Pure: no DOM,
 * no Node, so the renderer bundle and the worker use the same code.
 */

/** Splits on any line ending so CRLF/CR sources keep the user's line numbers. */
export function splitLines(code: string): string[] {
  return code.split(/\r\n|\r|\n/);
}

/**
 * Replaces comment text with spaces, keeping every newline and every character offset, so
 * positions found in the result are positions in the original.
 */
export function blankComments(code: string): string {
  let out = '';
  let i = 0;
  const n = code.length;
  while (i < n) {
    const c = code[i];
    const next = code[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && code[i] !== '\n' && code[i] !== '\r') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && next === '*') {
      out += '  ';
      i += 2;
      while (i < n && !(code[i] === '*' && code[i + 1] === '/')) {
        out += code[i] === '\n' || code[i] === '\r' ? code[i] : ' ';
        i++;
      }
      if (i < n) {
        out += '  ';
        i += 2;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** 1-based line of a character offset. */
export function lineAt(code: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13 && code.charCodeAt(i + 1) !== 10) line++;
  }
  return line;
}

/**
 * Index just past the bracket that closes the one at `open` (`(`→`)`, `{`→`}`, `[`→`]`),
 * or -1 when it is never closed.
 */
export function matchBracket(code: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const opener = code[open];
  const closer = opener ? pairs[opener] : undefined;
  if (!opener || !closer) return -1;
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === opener) depth++;
    else if (c === closer && --depth === 0) return i + 1;
  }
  return -1;
}

/** Splits on `sep` where it is not nested inside (), [] or {}. */
export function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Whether `code` (comments already blanked) has a whole-word `word`. */
export function hasWord(code: string, word: string): boolean {
  return new RegExp(`\\b${word}\\b`).test(code);
}
