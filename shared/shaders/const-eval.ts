/**
 * Evaluates the constant integer/float expressions that loop bounds are written with:
 * literals, `#define NAME expr`, `const int NAME = expr;`, + - * / %, parentheses and
 * int()/float()/uint() casts. Anything else is "unknown" (undefined), never a guess.
 */

export type Constants = Map<string, string>;

const DEFINE = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+([^\r\n]+)$/gm;
const CONST_DECL = /\bconst\s+(?:(?:highp|mediump|lowp)\s+)?(?:int|uint|float)\s+([A-Za-z_]\w*)\s*=\s*([^;]+);/g;

/** Object-like macros and scalar consts of `code` (comments already blanked). */
export function collectConstants(code: string, into: Constants = new Map()): Constants {
  for (const m of code.matchAll(DEFINE)) into.set(m[1]!, m[2]!.trim());
  for (const m of code.matchAll(CONST_DECL)) into.set(m[1]!, m[2]!.trim());
  return into;
}

const TOKEN = /\s*(0[xX][0-9a-fA-F]+[uU]?|(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?[fFuU]?|[A-Za-z_]\w*|[-+*/%()])/y;

function tokenize(expr: string): string[] | undefined {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < expr.length) {
    if (/^\s*$/.test(expr.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(expr);
    if (!m) return undefined;
    out.push(m[1]!);
    pos = TOKEN.lastIndex;
  }
  return out;
}

function literal(tok: string): number | undefined {
  if (/^0[xX]/.test(tok)) return parseInt(tok.replace(/[uU]$/, ''), 16);
  if (/^(?:\d|\.\d)/.test(tok)) return Number(tok.replace(/[fFuU]$/, ''));
  return undefined;
}

/** Value of `expr`, or undefined when it is not a constant this evaluator understands. */
export function evalConst(expr: string, consts: Constants, depth = 0): number | undefined {
  if (depth > 16) return undefined;
  const toks = tokenize(expr);
  if (!toks || toks.length === 0) return undefined;
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const primary = (): number | undefined => {
    const t = toks[i++];
    if (t === undefined) return undefined;
    if (t === '(') {
      const v = sum();
      return toks[i++] === ')' ? v : undefined;
    }
    if (t === '-' || t === '+') {
      const v = primary();
      return v === undefined ? undefined : t === '-' ? -v : v;
    }
    const lit = literal(t);
    if (lit !== undefined) return lit;
    if (/^[A-Za-z_]/.test(t)) {
      if ((t === 'int' || t === 'float' || t === 'uint') && peek() === '(') {
        i++;
        const v = sum();
        if (toks[i++] !== ')' || v === undefined) return undefined;
        return t === 'float' ? v : Math.trunc(v);
      }
      const def = consts.get(t);
      return def === undefined ? undefined : evalConst(def, consts, depth + 1);
    }
    return undefined;
  };
  const product = (): number | undefined => {
    let v = primary();
    while (v !== undefined && (peek() === '*' || peek() === '/' || peek() === '%')) {
      const op = toks[i++];
      const r = primary();
      if (r === undefined) return undefined;
      if (op === '*') v *= r;
      else if (r === 0) return undefined;
      else v = op === '/' ? v / r : v % r;
    }
    return v;
  };
  const sum = (): number | undefined => {
    let v = product();
    while (v !== undefined && (peek() === '+' || peek() === '-')) {
      const op = toks[i++];
      const r = product();
      if (r === undefined) return undefined;
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  const v = sum();
  return i === toks.length && v !== undefined && Number.isFinite(v) ? v : undefined;
}
