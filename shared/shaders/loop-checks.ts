/**
 * Conservative loop analysis for the static checks: finds loops that can never end
 * (`for(;;)`, `while(true)` with no way out, a condition nothing in the loop changes, a counter
 * stepping away from its bound) and loops whose constant bounds multiply past a per-pixel limit.
 * When unsure it says nothing: the renderer's watchdog catches what slips through, while a false
 * alarm would refuse a good shader.
 */
import { evalConst, type Constants } from './const-eval.js';
import { SHADERTOY_UNIFORMS } from './glsl-wrap.js';
import { hasWord, lineAt, matchBracket, splitTopLevel } from './glsl-text.js';

export interface LoopFinding {
  kind: 'unbounded' | 'too_many';
  /** 1-based line of the loop keyword. */
  line: number;
  message: string;
}

interface Loop {
  kw: 'for' | 'while' | 'do';
  start: number;
  bodyStart: number;
  bodyEnd: number;
  init: string;
  cond: string;
  incr: string;
  body: string;
  count: number | undefined;
}

const BUILTIN_CALLS = new Set(
  'int uint float bool vec2 vec3 vec4 ivec2 ivec3 ivec4 min max abs clamp floor ceil round trunc fract mod sign sqrt pow exp log exp2 log2 length dot sin cos tan mix step smoothstep'.split(' '),
);
const EXITS = ['break', 'return', 'discard'];

const skipWs = (code: string, i: number): number => {
  while (i < code.length && /\s/.test(code[i]!)) i++;
  return i;
};

/** Index just past the statement starting at `pos` (block, loop, if/else or simple `;` statement); -1 if unparseable. */
function statementEnd(code: string, pos: number, depth = 0): number {
  if (depth > 64) return -1;
  const i = skipWs(code, pos);
  if (code[i] === '{') return matchBracket(code, i);
  const kw = /^(for|while|if|do)\b/.exec(code.slice(i, i + 6))?.[1];
  if (kw === 'for' || kw === 'while' || kw === 'if') {
    const open = skipWs(code, i + kw.length);
    if (code[open] !== '(') return -1;
    const close = matchBracket(code, open);
    if (close < 0) return -1;
    let end = statementEnd(code, close, depth + 1);
    if (kw === 'if' && end > 0) {
      const after = skipWs(code, end);
      if (/^else\b/.test(code.slice(after, after + 5))) end = statementEnd(code, after + 4, depth + 1);
    }
    return end;
  }
  if (kw === 'do') {
    const bodyEnd = statementEnd(code, i + 2, depth + 1);
    if (bodyEnd < 0) return -1;
    const w = skipWs(code, bodyEnd);
    if (!/^while\b/.test(code.slice(w, w + 6))) return -1;
    const open = skipWs(code, w + 5);
    const close = code[open] === '(' ? matchBracket(code, open) : -1;
    if (close < 0) return -1;
    const semi = skipWs(code, close);
    return code[semi] === ';' ? semi + 1 : -1;
  }
  let d = 0;
  for (let j = i; j < code.length; j++) {
    const c = code[j];
    if (c === '(' || c === '[') d++;
    else if (c === ')' || c === ']') d--;
    else if (c === '{' || c === '}') return -1;
    else if (c === ';' && d === 0) return j + 1;
  }
  return -1;
}

function findLoops(code: string): Loop[] {
  const loops: Loop[] = [];
  const doWhiles = new Set<number>();
  for (const m of code.matchAll(/\b(for|while|do)\b/g)) {
    const kw = m[1] as Loop['kw'];
    const start = m.index;
    if (doWhiles.has(start)) continue;
    const lineStart = code.lastIndexOf('\n', start) + 1;
    if (/^\s*#/.test(code.slice(lineStart, start + 1))) continue; // inside a macro: not analysable
    if (kw === 'do') {
      const bodyStart = skipWs(code, start + 2);
      const bodyEnd = statementEnd(code, bodyStart);
      if (bodyEnd < 0) continue;
      const w = skipWs(code, bodyEnd);
      if (!/^while\b/.test(code.slice(w, w + 6))) continue;
      doWhiles.add(w);
      const open = skipWs(code, w + 5);
      const close = code[open] === '(' ? matchBracket(code, open) : -1;
      if (close < 0) continue;
      loops.push({ kw, start, bodyStart, bodyEnd, init: '', cond: code.slice(open + 1, close - 1), incr: '', body: code.slice(bodyStart, bodyEnd), count: undefined });
      continue;
    }
    const open = skipWs(code, start + kw.length);
    if (code[open] !== '(') continue;
    const close = matchBracket(code, open);
    if (close < 0) continue;
    const header = code.slice(open + 1, close - 1);
    const bodyStart = skipWs(code, close);
    const bodyEnd = statementEnd(code, close);
    if (bodyEnd < 0) continue;
    const body = code.slice(bodyStart, bodyEnd);
    if (kw === 'while') {
      loops.push({ kw, start, bodyStart, bodyEnd, init: '', cond: header, incr: '', body, count: undefined });
      continue;
    }
    const parts = splitTopLevel(header, ';');
    if (parts.length !== 3) continue;
    loops.push({ kw, start, bodyStart, bodyEnd, init: parts[0]!, cond: parts[1]!, incr: parts[2]!, body, count: undefined });
  }
  return loops;
}

/** Variables the `for` initialiser declares (`int i = 0, j = 1`). */
function declaredVars(init: string): string[] {
  const m = /^\s*(?:(?:highp|mediump|lowp)\s+)?(?:int|uint|float)\s+(.*)$/s.exec(init);
  if (!m) return [];
  return splitTopLevel(m[1]!, ',')
    .map((d) => /^\s*([A-Za-z_]\w*)/.exec(d)?.[1])
    .filter((v): v is string => !!v);
}

/** Functions with out/inout parameters: passing a variable to them may change it. */
export function mutatingFunctions(code: string): Set<string> {
  const out = new Set<string>();
  for (const m of code.matchAll(/\b([A-Za-z_]\w*)\s*\(([^()]*)\)\s*\{/g)) {
    if (/\b(out|inout)\b/.test(m[2]!)) out.add(m[1]!);
  }
  return out;
}

/** Whether `text` may change `v`: assignment, ++/--, or passing it to an out/inout parameter or a macro. */
function mayWrite(text: string, v: string, ctx: Ctx): boolean {
  const id = v;
  if (new RegExp(`(\\+\\+|--)\\s*${id}\\b|\\b${id}\\s*(\\+\\+|--)`).test(text)) return true;
  if (new RegExp(`\\b${id}\\b(\\s*(\\.\\w+|\\[[^\\]]*\\]))*\\s*([-+*/%&|^]|<<|>>)?=(?!=)`).test(text)) return true;
  for (const f of ctx.mutating) if (hasWord(text, f) && hasWord(text, id)) return true;
  for (const [name, def] of ctx.macros) if (hasWord(text, name) && (hasWord(def, id) || /\+\+|--|[^=!<>]=(?!=)/.test(def))) return true;
  return false;
}

interface Ctx {
  consts: Constants;
  mutating: Set<string>;
  macros: Map<string, string>;
  limit: number;
}

/** Whether nothing inside the loop can change `cond`: only loop vars (unchanged), constants, uniforms and builtins. */
function conditionIsInvariant(loop: Loop, vars: string[], ctx: Ctx): boolean {
  for (const m of loop.cond.matchAll(/\b([A-Za-z_]\w*)\b(\s*\()?/g)) {
    const name = m[1]!;
    if (/^\d/.test(name) || name === 'true' || name === 'false') continue;
    if (m[2]) {
      if (!BUILTIN_CALLS.has(name)) return false;
      continue;
    }
    if (vars.includes(name)) {
      // `i++ < N` changes the counter in the condition itself, the common golfed Shadertoy loop.
      if (mayWrite(loop.cond, name, ctx) || mayWrite(loop.incr, name, ctx) || mayWrite(loop.body, name, ctx)) return false;
      continue;
    }
    if ((SHADERTOY_UNIFORMS as readonly string[]).includes(name) || ctx.consts.has(name)) continue;
    return false; // an outside variable: something in the loop may change it
  }
  return true;
}

/** Constant step of `incr` for `v` (+1 for v++, -S for v -= S …); undefined when not a constant step. */
function stepOf(incr: string, v: string, ctx: Ctx): number | undefined {
  const s = incr.trim();
  if (new RegExp(`^(\\+\\+\\s*${v}|${v}\\s*\\+\\+)$`).test(s)) return 1;
  if (new RegExp(`^(--\\s*${v}|${v}\\s*--)$`).test(s)) return -1;
  let m = new RegExp(`^${v}\\s*([-+])=\\s*(.+)$`).exec(s);
  if (m) {
    const k = evalConst(m[2]!, ctx.consts);
    return k === undefined ? undefined : m[1] === '-' ? -k : k;
  }
  m = new RegExp(`^${v}\\s*=\\s*${v}\\s*([-+])\\s*(.+)$`).exec(s);
  if (m) {
    const k = evalConst(m[2]!, ctx.consts);
    return k === undefined ? undefined : m[1] === '-' ? -k : k;
  }
  return undefined;
}

/**
 * `v < B` (or `B > v` …) normalised to v OP B. `term` is what stands for v: the plain name, or
 * `v++`/`++v`/`v--`/`--v` when the condition itself steps the counter.
 */
function comparison(cond: string, term: string): { op: string; bound: string } | undefined {
  const c = cond.trim();
  let m = new RegExp(`^${term}\\s*(<=|>=|<|>|!=)\\s*(.+)$`, 's').exec(c);
  if (m) return { op: m[1]!, bound: m[2]! };
  m = new RegExp(`^(.+?)\\s*(<=|>=|<|>|!=)\\s*${term}$`, 's').exec(c);
  if (!m) return undefined;
  const flip: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '!=': '!=' };
  return { op: flip[m[2]!]!, bound: m[1]! };
}

interface Stepping {
  cmp: { op: string; bound: string };
  step: number | undefined;
  /** How far the compared value is ahead of the counter's start on the first test (`++i < N` compares i + 1). */
  lead: number;
}

/** The counter's comparison and step, from `v < B; v++` or from a condition that steps it (`v++ < B`, `--v > 0`). */
function stepping(loop: Loop, v: string, ctx: Ctx): Stepping | undefined {
  if (!mayWrite(loop.cond, v, ctx)) {
    const cmp = comparison(loop.cond, v);
    return cmp ? { cmp, step: stepOf(loop.incr, v, ctx), lead: 0 } : undefined;
  }
  if (loop.incr.trim() && mayWrite(loop.incr, v, ctx)) return undefined;
  const forms: Array<[string, number, number]> = [
    [`${v}\\s*\\+\\+`, 1, 0],
    [`\\+\\+\\s*${v}`, 1, 1],
    [`${v}\\s*--`, -1, 0],
    [`--\\s*${v}`, -1, -1],
  ];
  for (const [term, step, lead] of forms) {
    const cmp = comparison(loop.cond, term);
    if (cmp) return { cmp, step, lead };
  }
  return undefined;
}

/** Start value of `v` from the initialiser; a declaration without one counts as 0, as WebGL zero-initialises locals. */
function startOf(init: string, v: string, ctx: Ctx): number | undefined {
  const m = new RegExp(`\\b${v}\\s*(=\\s*([^,]+))?\\s*(,|$)`).exec(init);
  if (!m) return undefined;
  return m[2] === undefined ? 0 : evalConst(m[2], ctx.consts);
}

function analyzeFor(loop: Loop, ctx: Ctx): LoopFinding['message'] | 'unbounded-invariant' | undefined {
  const vars = declaredVars(loop.init);
  const exits = EXITS.some((w) => hasWord(loop.body, w));
  if (!loop.cond.trim()) return exits ? undefined : 'for (;;) has an empty condition and no break or return, so it never ends';
  if (exits) return undefined;
  if (conditionIsInvariant(loop, vars, ctx)) return 'unbounded-invariant';
  // Golfed loops declare scratch variables beside the counter (`for (float i, d, z; i++ < 99.;)`).
  const inCond = vars.filter((x) => hasWord(loop.cond, x));
  const v = inCond.length === 1 ? inCond[0]! : undefined;
  if (!v || mayWrite(loop.body, v, ctx)) return undefined;
  const st = stepping(loop, v, ctx);
  // A compound condition (`i < 10 && d > 0.01`) may end the loop another way: say nothing.
  if (!st || st.step === undefined || hasWord(st.cmp.bound, v) || /[<>=!&|?]/.test(st.cmp.bound)) return undefined;
  const { cmp, step, lead } = st;
  if (step === 0) return `the loop counter ${v} steps by 0, so the loop never ends`;
  const up = cmp.op === '<' || cmp.op === '<=';
  const down = cmp.op === '>' || cmp.op === '>=';
  if ((up && step < 0) || (down && step > 0)) {
    return `the loop counter ${v} moves away from its bound (${loop.cond.trim()} while stepping ${step > 0 ? 'up' : 'down'}), so the loop never ends`;
  }
  const a = startOf(loop.init, v, ctx);
  const b = evalConst(cmp.bound, ctx.consts);
  if (a === undefined || b === undefined) return undefined;
  const span = (b - (a + lead)) / step;
  if (cmp.op === '<' || cmp.op === '>') loop.count = Math.max(0, Math.ceil(span));
  else if (cmp.op === '<=' || cmp.op === '>=') loop.count = span < 0 ? 0 : Math.floor(span) + 1;
  else if (Number.isInteger(span) && span >= 0) loop.count = span;
  else return `the loop counter ${v} steps past ${cmp.bound.trim()} without ever equalling it, so ${loop.cond.trim()} never ends the loop`;
  return undefined;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Loop findings for one pass; `code` has comments blanked, `ctx` holds constants from Common + the pass. */
export function analyzeLoops(code: string, consts: Constants, limit: number, extraCode = ''): LoopFinding[] {
  const macros = new Map<string, string>();
  for (const m of `${extraCode}\n${code}`.matchAll(/^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(?:\([^)]*\))?[ \t]*([^\r\n]*)$/gm)) macros.set(m[1]!, m[2]!);
  const ctx: Ctx = { consts, mutating: mutatingFunctions(`${extraCode}\n${code}`), macros, limit };
  const loops = findLoops(code);
  const findings: LoopFinding[] = [];
  for (const loop of loops) {
    let problem: string | undefined;
    const exits = EXITS.some((w) => hasWord(loop.body, w));
    if (loop.kw === 'for') {
      const r = analyzeFor(loop, ctx);
      problem = r === 'unbounded-invariant' ? `nothing inside the loop changes its condition (${loop.cond.trim()}), so once entered it never ends` : r;
    } else if (!exits) {
      const c = loop.cond.trim();
      const value = c === 'true' ? 1 : c === 'false' ? 0 : evalConst(c, consts);
      if (value !== undefined && value !== 0) problem = `${loop.kw === 'do' ? 'do … while' : 'while'} (${c}) has no break or return, so it never ends`;
      else if (value === undefined && conditionIsInvariant(loop, [], ctx)) problem = `nothing inside the loop changes its condition (${c}), so once entered it never ends`;
    }
    if (problem) findings.push({ kind: 'unbounded', line: lineAt(code, loop.start), message: problem });
  }
  // Nested constant bounds multiply: the work per pixel is the product along the nesting chain.
  const total = new Map<Loop, number>();
  const chain = new Map<Loop, Loop[]>();
  for (const loop of loops) {
    const parents = loops.filter((p) => p !== loop && p.bodyStart <= loop.start && loop.start < p.bodyEnd).sort((a, b) => a.start - b.start);
    const parent = parents.at(-1);
    const own = loop.count ?? 1;
    total.set(loop, own * (parent ? (total.get(parent) ?? 1) : 1));
    chain.set(loop, [...parents, loop]);
    const product = total.get(loop)!;
    const parentProduct = parent ? total.get(parent)! : 0;
    if (loop.count !== undefined && product > limit && parentProduct <= limit) {
      const links = chain.get(loop)!.filter((l) => l.count !== undefined);
      const how = links.length > 1 ? ` (nested loops: ${links.map((l) => `${fmt(l.count!)} on line ${lineAt(code, l.start)}`).join(' × ')})` : '';
      findings.push({
        kind: 'too_many',
        line: lineAt(code, loop.start),
        message: `this loop runs ${fmt(product)} iterations per pixel${how}; the limit is ${fmt(limit)}`,
      });
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}
