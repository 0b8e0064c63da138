import { describe, expect, it } from 'vitest';
import { staticCheck, staticFailure, type StaticIssue } from '../../../shared/shaders/static-checks.js';

const main = (body: string, pre = ''): string => `${pre}\nvoid mainImage(out vec4 fragColor, in vec2 fragCoord) {\n${body}\n}\n`;
const errors = (issues: StaticIssue[]): StaticIssue[] => issues.filter((i) => i.severity === 'error');
const check = (image: string, common = '') => staticCheck({ common, image: { code: image } });

/** Typical shaders that must pass untouched. */
const GOOD: Record<string, string> = {
  gradient: main('  vec2 uv = fragCoord / iResolution.xy;\n  fragColor = vec4(uv, 0.5 + 0.5 * sin(iTime), 1.0);'),
  raymarch: main(
    `  vec3 ro = vec3(0.0, 0.0, -3.0), rd = normalize(vec3((fragCoord - 0.5 * iResolution.xy) / iResolution.y, 1.0));
  float t = 0.0;
  for (int i = 0; i < MAX_STEPS; i++) {
    float d = length(ro + rd * t) - 1.0;
    if (d < 0.001 || t > 20.0) break;
    t += d;
  }
  float shade = 0.0;
  for (float k = 0.0; k <= 1.0; k += 0.25) shade += k;
  for (int y = -4; y <= 4; ++y)
    for (int x = -4; x <= 4; ++x) shade += float(x * y);
  int n = 0;
  while (n < 10) { n++; }
  do { t *= 0.5; } while (t > 1.0);
  for (int i = 0; i < 10 && t > 0.0; i++) t -= 0.1;
  for (int j = 64; j > 0; j -= 2) shade *= 0.99;
  fragColor = vec4(vec3(shade / t), 1.0);`,
    '#define MAX_STEPS 128\n// a comment with a NUL-free ünïcode note: é\n/* while(true) in a comment is fine */',
  ),
  'loop var changed through an inout helper': main('  for (int i = 0; i < 8;) { bump(i); }\n  fragColor = vec4(1.0);', 'void bump(inout int k) { k++; }'),
  'loop bound from a uniform (caught at runtime, not here)': main('  float a = 0.0;\n  for (int i = 0; i < int(1e9 + iTime); i++) a += 1.0;\n  fragColor = vec4(a);'),
  'while with a runtime condition': main('  float a = iTime;\n  while (a > 0.0) { a += 1.0; }\n  fragColor = vec4(a);'),
  'while(true) with a break': main('  float a = 0.0;\n  while (true) { a += 1.0; if (a > 10.0) break; }\n  fragColor = vec4(a);'),
  'nested loops at the limit (100 × 100)': main('  float a = 0.0;\n  for (int i = 0; i < 100; i++) { for (int j = 0; j < 100; j++) { a += 1.0; } }\n  fragColor = vec4(a);'),
};

describe('staticCheck: good shaders pass', () => {
  for (const [name, code] of Object.entries(GOOD)) {
    it(name, () => {
      expect(errors(check(code))).toEqual([]);
    });
  }
  it('core extensions are a warning, not an error', () => {
    const issues = check(main('  fragColor = vec4(1.0);', '#extension GL_OES_standard_derivatives : enable'));
    expect(errors(issues)).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ rule: 'directive', severity: 'warning', line: 1 })]);
  });
});

describe('staticCheck: each bad category is caught with the user line', () => {
  const cases: Array<[string, string, string, StaticIssue['rule'], number, RegExp]> = [
    ['while(true)', main('  float a = 0.0;\n  while (true) { a += 1.0; }\n  fragColor = vec4(a);'), '', 'unbounded_loop', 4, /while \(true\) has no break/],
    ['for(;;)', main('  for (;;) { }\n  fragColor = vec4(1.0);'), '', 'unbounded_loop', 3, /empty condition/],
    ['do-while(1)', main('  float a = 0.0;\n  do { a += 1.0; } while (1);\n  fragColor = vec4(a);'), '', 'unbounded_loop', 4, /do … while \(1\)/],
    ['counter never changes', main('  float a = 0.0;\n  for (int i = 0; i < 10; a += 1.0) { a *= 0.5; }\n  fragColor = vec4(a);'), '', 'unbounded_loop', 4, /nothing inside the loop changes its condition \(i < 10\)/],
    ['condition on a uniform only', main('  float a = 0.0;\n  while (iTime >= 0.0) { a += 1.0; }\n  fragColor = vec4(a);'), '', 'unbounded_loop', 4, /iTime >= 0\.0/],
    ['counter runs away from its bound', main('  float a = 0.0;\n  for (int i = 0; i < 10; i--) a += 1.0;\n  fragColor = vec4(a);'), '', 'unbounded_loop', 4, /moves away from its bound/],
    ['zero step', main('  float a = 0.0;\n  for (float t = 0.0; t < 1.0; t += 0.0) a += 1.0;\n  fragColor = vec4(a);'), '', 'unbounded_loop', 4, /steps by 0/],
    ['huge constant loop', main('  float a = 0.0;\n  for (int i = 0; i < 1000000; i++) a += 1.0;\n  fragColor = vec4(a);'), '', 'loop_bound', 4, /1,000,000 iterations per pixel; the limit is 10,000/],
    ['huge loop through a #define in Common', main('  float a = 0.0;\n  for (float t = 0.0; t < FAR; t += 0.001) a += 1.0;\n  fragColor = vec4(a);'), '#define FAR 100.0', 'loop_bound', 4, /100,000 iterations/],
    ['nested product', main('  float a = 0.0;\n  for (int i = 0; i < 200; i++) {\n    for (int j = 0; j < N; j++) { a += 1.0; }\n  }\n  fragColor = vec4(a);', 'const int N = 300;'), '', 'loop_bound', 5, /60,000 iterations per pixel \(nested loops: 200 on line 4 × 300 on line 5\)/],
    ['#version line', `#version 300 es\n${main('  fragColor = vec4(1.0);')}`, '', 'directive', 1, /remove the #version line/],
    ['unknown extension', main('  fragColor = vec4(1.0);', '#extension GL_NV_shader_noperspective_interpolation : require'), '', 'directive', 1, /GL_NV_shader_noperspective_interpolation is not available/],
    ['missing mainImage', 'void main() { gl_FragColor = vec4(1.0); }', '', 'missing_main', 0, /no mainImage function/],
    ['binary garbage', `void mainImage(out vec4 c, in vec2 f) {\n${'\x00\x01\x02\xff'.repeat(20)}\n}`, '', 'binary', 2, /binary data/],
    ['stray control character', main('  fragColor = vec4(1.0);\x07'), '', 'binary', 3, /U\+0007/],
    ['non-ASCII outside a comment', main('  float café = 1.0;\n  fragColor = vec4(café);'), '', 'non_ascii', 3, /"é" \(U\+00E9\)/],
  ];
  for (const [name, image, common, rule, line, message] of cases) {
    it(name, () => {
      const found = errors(check(image, common));
      expect(found.length, JSON.stringify(found)).toBeGreaterThan(0);
      expect(found[0]).toMatchObject({ rule, line, pass: 'image', severity: 'error' });
      expect(found[0]!.message).toMatch(message);
      expect(staticFailure(found)).toMatchObject({ code: 'static_check' });
    });
  }

  it('oversized passes and totals are too_large, named by pass', () => {
    const big = main(`  float a = 0.0;\n${'  a += 1.0;\n'.repeat(7000)}  fragColor = vec4(a);`);
    const found = errors(staticCheck({ image: { code: big }, buffers: [{ id: 'A', code: big }] }));
    expect(found.map((f) => [f.rule, f.pass])).toEqual([
      ['too_large', 'A'],
      ['too_large', 'image'],
    ]);
    expect(staticFailure(found)).toMatchObject({ code: 'too_large', message: expect.stringContaining('Buffer A: this pass has 84,') });
    const total = staticCheck({ image: { code: main('fragColor = vec4(1.0);') }, common: `// ${'x'.repeat(60_000)}`, buffers: ['A', 'B', 'C'].map((id) => ({ id, code: `// ${'y'.repeat(60_000)}\n${main('fragColor = vec4(1.0);')}` })) });
    expect(errors(total)).toEqual([expect.objectContaining({ rule: 'too_large', message: expect.stringContaining('over all passes') })]);
  });

  it('finds a problem in a buffer pass and in Common with their own line numbers', () => {
    const found = errors(
      staticCheck({
        common: 'float f() {\n  for (;;) {}\n  return 1.0;\n}',
        buffers: [{ id: 'B', code: main('  fragColor = vec4(0.0);') }, { id: 'C', code: 'float x;' }],
        image: { code: main('  fragColor = vec4(f());') },
      }),
    );
    expect(found.map((f) => [f.pass, f.line, f.rule])).toEqual([
      ['common', 2, 'unbounded_loop'],
      ['C', 0, 'missing_main'],
    ]);
  });
});
