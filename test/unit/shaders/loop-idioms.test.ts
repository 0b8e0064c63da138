/**
 * Loop idioms from real Shadertoy / tweet-sized shaders: the counter stepped inside the
 * condition (`i++ < N`), golfed scratch declarations beside it, uninitialised counters (WebGL
 * zero-initialises locals). None may be refused; real never-ending or huge loops still are.
 */
import { describe, expect, it } from 'vitest';
import { staticCheck, type StaticIssue } from '../../../shared/shaders/static-checks.js';

const errors = (code: string): StaticIssue[] => staticCheck({ image: { code } }).filter((i) => i.severity === 'error');
const main = (body: string): string => `void mainImage(out vec4 O, vec2 I) {\n${body}\n}\n`;

const IDIOMS: Record<string, string> = {
  'tweet raymarcher: counter declared outside, for(O*=i; i++<1e2; O+=…)': main(`  float i, z, d;
  for (O *= i; i++ < 1e2; O += (cos(z + vec4(0, 2, 4, 0)) + 1.) / d) {
    vec3 p = z * normalize(vec3(I + I, 0) - iResolution.xyy);
    p.z += 5.;
    z += d = .1 * length(p) - .1;
  }
  O = tanh(O / 1e3);`),
  'golfed fractal: for(float i=0.,g=0.,e,s; ++i<99.;)': main(`  float g = 0.;
  for (float i = 0., e, s; ++i < 99.;) {
    vec3 p = vec3((I - .5 * iResolution.xy) / iResolution.y * g, g - 3.);
    s = 2.;
    for (int j = 0; j++ < 8;) { p = abs(p) - .5; s *= 1.6; p *= 1.6; }
    g += e = length(p.yz) / s;
    O += .01 / exp(e * 1e3);
  }`),
  'for(int i=0; i++ < N; ) with N from a #define': `#define N 64\n${main('  for (int i = 0; i++ < N; ) O += .01;')}`,
  'for(float i; i++<64.;) with an uninitialised counter': main('  for (float i; i++ < 64.;) O += .01;'),
  'o++<3 colour-channel loop': main('  int o = 0;\n  while (o++ < 3) O[o - 1] = float(o) / 3.;'),
  'for(int o=0; o++<3;) nested in for(int j=0; j++<3;)': main('  for (int j = 0; j++ < 3;)\n    for (int o = 0; o++ < 3;) O += .1;'),
  'condition assigns the counter: (t += .1) < 10.': main('  for (float t = 0.; (t += .1) < 10.;) O += .001;'),
  'count down in the condition: i-- > 0 and --k > 0': main('  for (int i = 10; i-- > 0;) O += .01;\n  for (int k = 10; --k > 0;) O += .01;'),
  'do … while (++i < 10.)': main('  float i = 0.;\n  do { O += .01; } while (++i < 10.);'),
  'scratch variable written in a compound condition': main('  for (float i = 0., d; i < 64. && (d = length(I) - 1.) > .01; i++) I *= .9;'),
  'counter stepped in the increment and read in the body': main('  for (int i = 0; i < 10; O.x += float(i++));'),
};

describe('loop checks: common Shadertoy idioms are not refused', () => {
  for (const [name, code] of Object.entries(IDIOMS)) {
    it(name, () => {
      expect(errors(code)).toEqual([]);
    });
  }
});

describe('loop checks: really unbounded or huge loops are still caught', () => {
  const cases: Array<[string, string, StaticIssue['rule'], RegExp]> = [
    ['forgotten increment: for(float i; i < 64.;)', main('  for (float i; i < 64.;) O += .01;'), 'unbounded_loop', /nothing inside the loop changes its condition \(i < 64\.\)/],
    ['counter stepped away in the condition: i-- < 10', main('  for (int i = 0; i-- < 10;) O += .01;'), 'unbounded_loop', /moves away from its bound \(i-- < 10/],
    ['uninitialised counter with a huge bound: i++ < 1e6', main('  for (float i; i++ < 1e6;) O += .01;'), 'loop_bound', /1,000,000 iterations per pixel/],
    ['golfed scratch declarations with a huge bound: ++i < 2e4', main('  for (float i, d, z; ++i < 2e4;) O += .01;'), 'loop_bound', /19,999 iterations per pixel/],
    ['nested condition-stepped loops multiply', main('  for (int j = 0; j++ < 200;)\n    for (int k = 0; k++ < 100;) O += .1;'), 'loop_bound', /20,000 iterations per pixel \(nested loops: 200 on line 2 × 100 on line 3\)/],
    ['while (true) with no way out', main('  while (true) O += .01;'), 'unbounded_loop', /while \(true\) has no break/],
  ];
  for (const [name, code, rule, message] of cases) {
    it(name, () => {
      const found = errors(code);
      expect(found.length, JSON.stringify(found)).toBeGreaterThan(0);
      expect(found[0]).toMatchObject({ rule, pass: 'image' });
      expect(found[0]!.message).toMatch(message);
    });
  }
});
