/**
 * Checks a shader before any GPU sees it: sizes, binary garbage, characters GLSL refuses,
 * `#version`/`#extension` lines, a missing `mainImage`, loops that can never end and constant
 * loop bounds past a per-pixel limit. Each finding names the pass and the user's line. Pure.
 */
import { collectConstants } from './const-eval.js';
import { CORE_EXTENSIONS, formatDiagnostic } from './glsl-wrap.js';
import { blankComments, hasWord, lineAt, splitLines } from './glsl-text.js';
import { analyzeLoops } from './loop-checks.js';
import type { RenderFailure } from './render-contract.js';
import type { CompileDiagnostic, PassName } from './source.js';

export type StaticRule = 'too_large' | 'binary' | 'non_ascii' | 'directive' | 'missing_main' | 'unbounded_loop' | 'loop_bound';

export interface StaticIssue extends CompileDiagnostic {
  rule: StaticRule;
}

export interface StaticLimits {
  /** Characters per pass (the ShaderSource schema allows 64 KiB). */
  maxPassChars: number;
  /** Characters over all passes together. */
  maxTotalChars: number;
  /** Iterations per pixel from constant loop bounds, nested loops multiplied. */
  maxLoopIterations: number;
}

export const DEFAULT_STATIC_LIMITS: StaticLimits = { maxPassChars: 64 * 1024, maxTotalChars: 192 * 1024, maxLoopIterations: 10_000 };

/** A source as it arrives (unvalidated sizes), so an oversized one gets a clear finding, not a schema error. */
export interface LooseShaderSource {
  common?: string;
  buffers?: ReadonlyArray<{ id: string; code: string }>;
  image: { code: string };
}

const BAD_CONTROL = /[\x00-\x08\x0e-\x1f\x7f\ufffd]/g;
const NON_ASCII = /[^\t\n\r\f\v\x20-\x7e]/;

function issue(rule: StaticRule, pass: PassName, line: number, message: string, severity: 'error' | 'warning' = 'error'): StaticIssue {
  return { rule, pass, line, column: null, severity, message };
}

function checkText(pass: PassName, code: string): StaticIssue | null {
  const bad = code.match(BAD_CONTROL);
  if (!bad) return null;
  const first = code.search(BAD_CONTROL);
  const line = lineAt(code, first);
  const nul = code.includes('\0');
  if (nul || (bad.length >= 4 && bad.length / Math.max(1, code.length) > 0.01)) {
    return issue('binary', pass, line, `this looks like binary data, not GLSL text: ${bad.length} control, NUL or invalid UTF-8 characters (the first on line ${line})`);
  }
  const cp = code.codePointAt(first)!.toString(16).toUpperCase().padStart(4, '0');
  return issue('binary', pass, line, `contains the control character U+${cp}; GLSL source must be plain text`);
}

function checkDirectives(pass: PassName, code: string): StaticIssue[] {
  const out: StaticIssue[] = [];
  splitLines(code).forEach((text, i) => {
    if (/^\s*#\s*version\b/.test(text)) {
      out.push(issue('directive', pass, i + 1, 'remove the #version line: the studio adds "#version 300 es" (WebGL2) itself'));
      return;
    }
    const ext = /^\s*#\s*extension\s+(\w+)/.exec(text)?.[1];
    if (!ext) return;
    if ((CORE_EXTENSIONS as readonly string[]).includes(ext)) {
      out.push(issue('directive', pass, i + 1, `#extension ${ext} is built into WebGL2; the line is ignored`, 'warning'));
    } else {
      out.push(issue('directive', pass, i + 1, `#extension ${ext} is not available: shaders run on plain WebGL2 (GLSL ES 3.00) with no extensions`));
    }
  });
  return out;
}

function checkAscii(pass: PassName, raw: string, blanked: string): StaticIssue | null {
  const at = blanked.search(NON_ASCII);
  if (at < 0) return null;
  const ch = String.fromCodePoint(raw.codePointAt(at)!);
  const cp = raw.codePointAt(at)!.toString(16).toUpperCase().padStart(4, '0');
  return issue('non_ascii', pass, lineAt(raw, at), `the character "${ch}" (U+${cp}) is outside a comment; GLSL code may use only ASCII`);
}

/** All findings, errors and warnings; the shader may render only when no finding is an error. */
export function staticCheck(source: LooseShaderSource, limits: Partial<StaticLimits> = {}): StaticIssue[] {
  const lim = { ...DEFAULT_STATIC_LIMITS, ...limits };
  const passes: Array<{ pass: PassName; code: string }> = [
    { pass: 'common', code: source.common ?? '' },
    ...(source.buffers ?? []).map((b) => ({ pass: b.id as PassName, code: b.code })),
    { pass: 'image', code: source.image.code },
  ];
  const issues: StaticIssue[] = [];
  const total = passes.reduce((n, p) => n + p.code.length, 0);
  if (total > lim.maxTotalChars) {
    issues.push(issue('too_large', 'image', 0, `the shader has ${total.toLocaleString('en-US')} characters over all passes; the limit is ${lim.maxTotalChars.toLocaleString('en-US')}`));
  }
  const clean = new Map<PassName, string>();
  for (const { pass, code } of passes) {
    if (code.length > lim.maxPassChars) {
      issues.push(issue('too_large', pass, 0, `this pass has ${code.length.toLocaleString('en-US')} characters; the limit is ${lim.maxPassChars.toLocaleString('en-US')} per pass`));
      continue;
    }
    const text = checkText(pass, code);
    if (text) {
      issues.push(text);
      continue;
    }
    const blanked = blankComments(code);
    const ascii = checkAscii(pass, code, blanked);
    if (ascii) issues.push(ascii);
    issues.push(...checkDirectives(pass, blanked));
    clean.set(pass, blanked);
  }
  const common = clean.get('common') ?? '';
  for (const { pass } of passes) {
    const code = clean.get(pass);
    if (code === undefined) continue;
    if (pass !== 'common' && !hasWord(code, 'mainImage') && !hasWord(common, 'mainImage')) {
      issues.push(issue('missing_main', pass, 0, 'there is no mainImage function: write void mainImage(out vec4 fragColor, in vec2 fragCoord)'));
    }
    const consts = collectConstants(code, collectConstants(common));
    for (const f of analyzeLoops(code, consts, lim.maxLoopIterations, pass === 'common' ? '' : common)) {
      issues.push(issue(f.kind === 'unbounded' ? 'unbounded_loop' : 'loop_bound', pass, f.line, f.message));
    }
  }
  return issues;
}

/** The render failure for a set of findings, or null when none is an error. */
export function staticFailure(issues: readonly StaticIssue[]): RenderFailure | null {
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length === 0) return null;
  const tooLarge = errors.some((e) => e.rule === 'too_large');
  const shown = errors.slice(0, 3).map(formatDiagnostic).join('; ');
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  return { code: tooLarge ? 'too_large' : 'static_check', message: `Refused before rendering: ${shown}${more}` };
}

/** Strips the rule so findings fit the CompileDiagnostic contract. */
export function asDiagnostics(issues: readonly StaticIssue[]): CompileDiagnostic[] {
  return issues.map(({ rule: _rule, ...d }) => d);
}
