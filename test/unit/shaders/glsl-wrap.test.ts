import { describe, expect, it } from 'vitest';
import { dedupeDiagnostics, formatDiagnostic, mapLine, parseCompileLog, wrapPass } from '../../../shared/shaders/glsl-wrap.js';

const IMAGE = ['void mainImage(out vec4 fragColor, in vec2 fragCoord) {', '  vec2 uv = fragCoord / iResolution.xy;', '  fragColor = vec4(uv, 0.5, 1.0);', '}'].join('\n');
const COMMON = ['float helper(float x) {', '  return x * 2.0;', '}'].join('\n');

/** The wrapped line holding `needle` (1-based). */
function wrappedLineOf(code: string, needle: string): number {
  const idx = code.split('\n').findIndex((l) => l.includes(needle));
  if (idx < 0) throw new Error(`${needle} not in wrapped code`);
  return idx + 1;
}

describe('wrapPass', () => {
  it('builds a complete GLSL ES 3.00 shader with the Shadertoy uniforms and a main() that calls mainImage', () => {
    const { code } = wrapPass('image', IMAGE, COMMON);
    expect(code.startsWith('#version 300 es\n')).toBe(true);
    for (const u of ['uniform vec3 iResolution;', 'uniform float iTime;', 'uniform float iTimeDelta;', 'uniform int iFrame;', 'uniform float iFrameRate;', 'uniform vec4 iMouse;', 'uniform vec4 iDate;', 'uniform sampler2D iChannel3;', 'uniform vec3 iChannelResolution[4];', 'uniform float iChannelTime[4];', 'uniform float iSampleRate;']) {
      expect(code).toContain(u);
    }
    expect(code).toContain('mainImage(color, gl_FragCoord.xy);');
    expect(code).toContain('color.a = 1.0;');
    expect(code.indexOf('float helper')).toBeLessThan(code.indexOf('void mainImage'));
  });

  it('keeps the alpha a buffer pass writes', () => {
    expect(wrapPass('A', IMAGE).code).not.toContain('color.a = 1.0;');
  });

  it('maps every wrapped line of the user code back to its pass and line, and wrapper lines to null', () => {
    const { code, map } = wrapPass('image', IMAGE, COMMON);
    expect(mapLine(map, wrappedLineOf(code, 'return x * 2.0'))).toEqual({ pass: 'common', line: 2 });
    expect(mapLine(map, wrappedLineOf(code, 'vec2 uv ='))).toEqual({ pass: 'image', line: 2 });
    expect(mapLine(map, 1)).toBeNull();
    expect(mapLine(map, wrappedLineOf(code, 'mainImage(color'))).toBeNull();
    expect(map.totalLines).toBe(code.split('\n').length);
  });

  it('keeps line numbers for CRLF sources and blanks core extensions without shifting lines', () => {
    const src = ['#extension GL_OES_standard_derivatives : enable', 'void mainImage(out vec4 c, in vec2 f) {', '  c = vec4(1.0); // café', '}'].join('\r\n');
    const { code, map } = wrapPass('image', src);
    expect(code).not.toContain('#extension');
    expect(code).not.toMatch(/[^\x00-\x7f]/);
    expect(mapLine(map, wrappedLineOf(code, 'c = vec4(1.0)'))).toEqual({ pass: 'image', line: 3 });
  });
});

describe('parseCompileLog', () => {
  it('maps ANGLE errors to the user line in the right pass, skipping the summary line', () => {
    const { code, map } = wrapPass('A', IMAGE, COMMON);
    const l = wrappedLineOf(code, 'vec2 uv =');
    const c = wrappedLineOf(code, 'return x * 2.0');
    const log = `ERROR: 0:${l}: 'foo' : undeclared identifier\nWARNING: 0:${c}: 'x' : something odd\nERROR: 1 compilation errors.  No code generated.\n\0`;
    expect(parseCompileLog(log, map)).toEqual([
      { pass: 'A', line: 2, column: null, severity: 'error', message: "'foo' : undeclared identifier" },
      { pass: 'common', line: 2, column: null, severity: 'warning', message: "'x' : something odd" },
    ]);
  });

  it('reads Mesa and NVIDIA formats (with columns) too', () => {
    const { code, map } = wrapPass('image', IMAGE);
    const l = wrappedLineOf(code, 'fragColor = vec4');
    const d = parseCompileLog(`0:${l}(7): error: syntax error\n0(${l}) : error C0000: bad thing`, map);
    expect(d).toEqual([
      { pass: 'image', line: 3, column: 7, severity: 'error', message: 'syntax error' },
      { pass: 'image', line: 3, column: null, severity: 'error', message: 'bad thing' },
    ]);
  });

  it('reports errors in the studio wrapper as line 0 with the expected mainImage signature', () => {
    const { code, map } = wrapPass('image', 'void mainImage(vec4 c) { }');
    const l = wrappedLineOf(code, 'mainImage(color');
    const [d] = parseCompileLog(`ERROR: 0:${l}: 'mainImage' : no matching overloaded function found`, map);
    expect(d).toMatchObject({ pass: 'image', line: 0, severity: 'error' });
    expect(d!.message).toContain('void mainImage(out vec4 fragColor, in vec2 fragCoord)');
  });

  it('keeps unparseable log lines instead of dropping them, and dedupes Common errors repeated per pass', () => {
    const { map } = wrapPass('image', IMAGE);
    const d = parseCompileLog('link failed: too many uniforms', map);
    expect(d).toEqual([{ pass: 'image', line: 0, column: null, severity: 'error', message: 'link failed: too many uniforms' }]);
    const one = { pass: 'common' as const, line: 3, column: null, severity: 'error' as const, message: 'x' };
    expect(dedupeDiagnostics([one, { ...one }, { ...one, line: 4 }])).toHaveLength(2);
    expect(formatDiagnostic(one)).toBe('Common line 3: x');
  });
});
