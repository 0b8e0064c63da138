import { ScriptParseError } from './screenplay.js';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

function swapBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1]!;
    out[i + 1] = bytes[i]!;
  }
  return out;
}

/** UTF-16 without a BOM: ASCII-heavy text has a NUL in every other byte. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Screenplay bytes → text with LF line ends. BOMs (UTF-8, UTF-16 LE/BE) decide first, then
 * UTF-16 without BOM by its NUL pattern, then strict UTF-8, then Windows-1252 (old Final Draft
 * exports and .txt files from Windows). NULs left after that mean a binary file, not a script.
 */
export function decodeScript(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ScriptParseError('empty', 'The file is empty (0 bytes) — choose a .fountain, .txt or .fdx screenplay');
  let text: string;
  let encoding: DecodedText['encoding'];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = new TextDecoder('utf-8').decode(bytes.subarray(3));
    encoding = 'utf-8-bom';
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    encoding = 'utf-16le';
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16le').decode(swapBytes(bytes.subarray(2)));
    encoding = 'utf-16be';
  } else {
    const utf16 = sniffUtf16(bytes);
    if (utf16) {
      text = new TextDecoder('utf-16le').decode(utf16 === 'utf-16le' ? bytes : swapBytes(bytes));
      encoding = utf16;
    } else {
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        encoding = 'utf-8';
      } catch {
        text = new TextDecoder('windows-1252').decode(bytes);
        encoding = 'windows-1252';
      }
    }
  }
  if (text.includes('\u0000')) throw new ScriptParseError('binary', 'This is a binary file, not a screenplay — choose a .fountain, .txt or .fdx file');
  return { text: normalizeNewlines(text), encoding };
}

export function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
