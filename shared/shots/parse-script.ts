import { decodeScript, normalizeNewlines, type DecodedText } from './decode.js';
import { pagesFromLines, sceneLines } from './duration.js';
import { parseFdx } from './fdx.js';
import { parseFountain } from './fountain.js';
import { ScriptParseError, type ParsedScreenplay, type ScreenplayFormat } from './screenplay.js';

/** 5 MB of text is ~1,500 pages of screenplay; beyond that it is not one script. */
export const MAX_SCRIPT_CHARS = 5_000_000;

export interface ParseOptions {
  /** The file name, when known: `.fdx` picks Final Draft; otherwise the content decides. */
  fileName?: string;
}

function formatOf(text: string, fileName?: string): ScreenplayFormat {
  if (fileName && /\.fdx$/i.test(fileName)) return 'fdx';
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<FinalDraft[\s>]/.test(text.slice(0, 4096)) ? 'fdx' : 'fountain';
}

/**
 * Bytes or text of a .fountain / .txt / .fdx screenplay → its scenes. Throws ScriptParseError
 * with a message a writer can act on when the file is empty, binary, malformed Final Draft,
 * or has no scene heading at all (a letter or an essay is not a screenplay).
 */
export function parseScreenplay(input: Uint8Array | string, options: ParseOptions = {}): ParsedScreenplay {
  const decoded: DecodedText =
    typeof input === 'string' ? { text: normalizeNewlines(input), encoding: 'utf-8' } : decodeScript(input);
  const text = decoded.text;
  if (!text.trim()) throw new ScriptParseError('empty', 'The screenplay is empty — it has no text');
  if (text.length > MAX_SCRIPT_CHARS) throw new ScriptParseError('too_large', `The screenplay is ${text.length.toLocaleString('en')} characters; at most ${MAX_SCRIPT_CHARS.toLocaleString('en')} are read (about 1,500 pages)`);
  const format = formatOf(text, options.fileName);
  const parsed = format === 'fdx' ? parseFdx(text) : parseFountain(text);
  if (!parsed.scenes.length) {
    const hint =
      format === 'fdx'
        ? 'This Final Draft file has no Scene Heading paragraph'
        : 'No scene heading was found — a scene starts with a line like "INT. KITCHEN - DAY" or "EXT. ROAD - NIGHT" (or a line forced with a leading ".") after a blank line';
    throw new ScriptParseError('not_a_screenplay', `This does not look like a screenplay. ${hint}.`);
  }
  const lines = parsed.scenes.reduce((n, s) => n + sceneLines(s), 0);
  return {
    format,
    encoding: decoded.encoding,
    title: parsed.title,
    titlePage: parsed.titlePage,
    preamble: parsed.preamble,
    scenes: parsed.scenes,
    pages: Math.round(pagesFromLines(lines) * 100) / 100,
  };
}
