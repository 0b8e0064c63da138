/**
 * shader.render jobs pass the save path's static checks before they are queued: POST /render
 * (RenderQueue.submitAdHoc) and POST /jobs (JobService.submit) refuse bad code with the same 422
 * and diagnostics as saving, and nothing is queued.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError } from '../../electron/host/errors.js';
import { openShaderCore, type ShaderCore } from '../helpers/shader-core.js';

let sc: ShaderCore;
beforeAll(async () => {
  sc = await openShaderCore();
});
afterAll(() => sc?.close());

const source = (code: string) => ({ image: { code } });
const NO_MAIN = 'void main() { }';
const GOOD = 'void mainImage(out vec4 c, in vec2 f) { c = vec4(f / iResolution.xy, 0.0, 1.0); }';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const renderJobs = () => sc.core.jobs.list({ kind: 'shader.render', limit: 100 });

it('POST /jobs {kind: "shader.render"} with code that fails the static checks is a 422 with diagnostics, and no job', () => {
  const err = refusal(() => sc.core.jobs.submit({ kind: 'shader.render', input: { source: source(NO_MAIN) } }));
  expect(err.status).toBe(422);
  expect(err.code).toBe('compile_failed');
  expect(err.message).toMatch(/cannot be rendered: image: .*mainImage/);
  expect((err.details as { diagnostics: { pass: string; severity: string }[] }).diagnostics[0]).toMatchObject({ pass: 'image', severity: 'error' });
  expect(renderJobs()).toHaveLength(0);
});

it('POST /render (an ad-hoc render) refuses the same code the same way', () => {
  const err = refusal(() => sc.svc.renders.submitAdHoc({ source: source(NO_MAIN) } as never));
  expect(err.status).toBe(422);
  expect(err.code).toBe('compile_failed');
  const saved = refusal(() => sc.svc.shaders.create({ title: 'x', glslCode: NO_MAIN } as never));
  // The same function decides: the same findings as a save.
  expect(err.details).toEqual(saved.details);
  expect(renderJobs()).toHaveLength(0);
});

it('queues code that passes the checks', () => {
  const { job } = sc.core.jobs.submit({ kind: 'shader.render', input: { source: source(GOOD) } });
  expect(job.status).toBe('queued');
  expect(renderJobs()).toHaveLength(1);
});
