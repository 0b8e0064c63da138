/**
 * Turns a model's reply into the code of one Shadertoy pass: the fenced block that holds
 * mainImage (or the bare reply), without the prose around it and without the lines the
 * studio's wrapper provides itself (#version, precision, the Shadertoy uniforms).
 */

const FENCE = /```[ \t]*([\w+#-]*)[^\n]*\n([\s\S]*?)(?:```|$)/g;
const MAIN = /\bvoid\s+mainImage\s*\(/;
/** Lines that start like GLSL: comments, directives, declarations, braces. */
const CODE_LINE = /^\s*($|\/\/|\/\*|\*|#|[{}]|(const|uniform|in|out|inout|highp|mediump|lowp|precision|struct|void|bool|int|uint|float|[biu]?vec[234]|mat[234](x[234])?|sampler2D)\b)/;
const SHADERTOY_UNIFORM = /^\s*uniform\s+\w+\s+(iResolution|iTime|iTimeDelta|iFrame|iFrameRate|iMouse|iDate|iSampleRate|iChannelTime|iChannelResolution|iChannel[0-3])\b[^;]*;\s*$/;

/** Index just past the brace that closes the one opening at `open` (comments and strings skipped). */
function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function pickBlock(reply: string): string {
  const blocks = [...reply.matchAll(FENCE)].map((m) => m[2] ?? '');
  if (blocks.length === 0) return reply;
  const withMain = blocks.filter((b) => MAIN.test(b));
  const pool = withMain.length ? withMain : blocks;
  return pool.reduce((a, b) => (b.length > a.length ? b : a));
}

/** Drops prose before the first code line and after mainImage's closing brace (keeping code that follows it). */
function trimToCode(text: string): string {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '' && CODE_LINE.test(l));
  let code = (first < 0 ? lines : lines.slice(first)).join('\n');
  const main = MAIN.exec(code);
  if (!main) return code;
  const open = code.indexOf('{', main.index);
  const end = open < 0 ? -1 : matchBrace(code, open);
  if (end < 0) return code;
  // Helper functions after mainImage are kept; the first prose line ends the code.
  const tail = code.slice(end).split('\n');
  let keep = 0;
  for (let i = 0; i < tail.length; i++) {
    const l = tail[i]!;
    if (i > 0 && l.trim() !== '' && !CODE_LINE.test(l) && !/[;{}()]\s*$/.test(l)) break;
    keep = i + 1;
  }
  const rest = tail.slice(0, keep).join('\n');
  const balanced = (rest.match(/{/g)?.length ?? 0) === (rest.match(/}/g)?.length ?? 0);
  code = code.slice(0, end) + (balanced ? rest : '');
  return code;
}

export function extractGlsl(reply: string): string {
  const text = reply.replace(/\r\n?/g, '\n');
  const code = trimToCode(pickBlock(text))
    .split('\n')
    .filter((l) => !/^\s*#\s*version\b/.test(l) && !/^\s*precision\s+(lowp|mediump|highp)\s+\w+\s*;\s*$/.test(l) && !SHADERTOY_UNIFORM.test(l))
    .join('\n')
    .replace(/^\s*\n/, '')
    .replace(/\s+$/, '');
  return code ? `${code}\n` : '';
}
