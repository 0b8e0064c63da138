/** `auteur render` as a user runs it: files written, summary printed, exit codes. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BIN } from '../helpers/host-process.js';
import { assertRuntimeBuilt } from '../helpers/shader-runtime.js';

const FIXTURES = new URL('../fixtures/shaders/', import.meta.url).pathname;
let dir: string;
beforeAll(() => {
  assertRuntimeBuilt();
  dir = mkdtempSync(join(tmpdir(), 'auteur-render-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const auteur = (...args: string[]) => spawnSync(process.execPath, [BIN, 'render', ...args], { encoding: 'utf8', timeout: 90_000 });
const auteurEnv = (env: NodeJS.ProcessEnv, ...args: string[]) => spawnSync(process.execPath, [BIN, 'render', ...args], { encoding: 'utf8', timeout: 90_000, env: { ...process.env, ...env } });
const report = (out: string) => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));

it('renders a Shadertoy JSON export into thumbnail.png, preview.webm and report.json', () => {
  const out = join(dir, 'feedback');
  const r = auteur(join(FIXTURES, 'feedback.json'), '--seconds', '0.5', '--width', '128', '--height', '72', '--fps', '10', '--time', '0.2', '--out', out);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^OK: 5 frames at 10 fps in [\d.]+ s \(frame mean [\d.]+ ms, p95 [\d.]+ ms\)/);
  for (const f of ['thumbnail.png', 'preview.webm', 'report.json']) expect(existsSync(join(out, f)), f).toBe(true);
  expect(report(out)).toMatchObject({ ok: true, message: 'Rendered 5 frames', meta: { title: 'Feedback trail', tags: ['feedback', 'multipass'] }, settings: { width: 128, height: 72, fps: 10, seconds: 0.5 } });
}, 120_000);

it('exits 1 with the diagnostics mapped to the user line of a .glsl file', () => {
  const file = join(dir, 'broken.glsl');
  writeFileSync(file, '// line 1\nvoid mainImage(out vec4 c, in vec2 f) {\n  c = vec4(f, oops, 1.0);\n}\n');
  const r = auteur(file, '--seconds', '0.2', '--out', join(dir, 'broken'));
  expect(r.status).toBe(1);
  expect(r.stdout).toContain('FAILED (compile_error)');
  expect(r.stdout).toContain("Image line 3: 'oops' : undeclared identifier");
}, 120_000);

it('exits 2 on a bad option value, naming the flag', () => {
  const r = auteur(join(FIXTURES, 'gradient.glsl'), '--width', '5000');
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/--width: .*1920/);
});

it('a runtime endless loop is a killed frame (exit 1, hang, which frame), with report.json and no stack trace', () => {
  const file = join(dir, 'spin.glsl');
  writeFileSync(file, 'void mainImage(out vec4 c, in vec2 f) {\n  float a = 1.0 + iTime;\n  while (a > 0.0) { a += 1.0; }\n  c = vec4(a);\n}\n');
  const out = join(dir, 'spin');
  const r = auteur(file, '--seconds', '0.2', '--width', '64', '--height', '36', '--out', out);
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(/^FAILED \(hang\): Frame 1 \(iTime [\d.]+ s\) was killed after [\d.]+ s without finishing/);
  expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  expect(report(out)).toMatchObject({ ok: false, message: expect.stringMatching(/^FAILED \(hang\): /), failure: { code: 'hang', frame: 0 } });
}, 120_000);

it('exits 3 when the renderer could not run, still writing report.json with a one-line message', () => {
  const out = join(dir, 'no-chromium');
  const r = auteurEnv({ CHROME_PATH: '/nonexistent/chromium' }, join(FIXTURES, 'gradient.glsl'), '--seconds', '0.2', '--out', out);
  expect(r.status).toBe(3);
  expect(r.stdout).toMatch(/^RENDERER FAILED \(browser_start\): The renderer could not run \(Chromium could not be started\): .*CHROME_PATH points to \/nonexistent\/chromium/);
  const rep = report(out);
  expect(rep).toMatchObject({ ok: false, failure: { code: 'browser_start' } });
  expect(rep.message.split('\n')).toHaveLength(1);
});

it('documents its exit codes', () => {
  const r = auteur('--help');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/Exit codes: 0 rendered; 1 the shader is broken .*; 2 usage error; 3 the renderer could not run/);
});
