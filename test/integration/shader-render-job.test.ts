/**
 * shader.render through the real host and worker pool: a good shader is a succeeded job with
 * ok=true; a shader at fault is a failed job (its verdict) that keeps its output (ok=false with the
 * diagnostics) and is not retried.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ShaderRenderOutput } from '../../shared/shaders/render-contract.js';
import { startHostProcess, type HostProcess } from '../helpers/host-process.js';
import { createJob, waitForJob } from '../helpers/jobs.js';
import { assertRuntimeBuilt } from '../helpers/shader-runtime.js';

const GOOD = 'void mainImage(out vec4 c, in vec2 f) {\n  c = vec4(f / iResolution.xy, 0.5 + 0.5 * sin(iTime), 1.0);\n}';
const BROKEN = 'void mainImage(out vec4 c, in vec2 f) {\n  c = vec4(f, nope, 1.0);\n}';

let host: HostProcess;
beforeAll(async () => {
  assertRuntimeBuilt();
  host = await startHostProcess();
});
afterAll(async () => {
  await host?.stop();
});

async function run(code: string) {
  const { status, job } = await createJob(host, { kind: 'shader.render', input: { source: { image: { code } }, width: 96, height: 54, fps: 10, seconds: 0.5, thumbnailTime: 0.2 } });
  expect(status).toBe(201);
  const done = await waitForJob(host, job.id, (j) => j.status === 'succeeded' || j.status === 'failed', 'shader.render to finish', 90_000);
  return { job: done, out: done.result as ShaderRenderOutput };
}

it('renders a good shader as a succeeded job with a thumbnail and a preview', async () => {
  const { job, out } = await run(GOOD);
  expect(job.status, JSON.stringify(job.attemptLog)).toBe('succeeded');
  expect(out.ok).toBe(true);
  expect(out.frames).toBe(5);
  expect(out.thumbnail).toMatchObject({ width: 96, height: 54 });
  expect(out.thumbnail!.path ?? out.thumbnail!.mediaId).toBeTruthy();
  expect(out.preview).toMatchObject({ mime: 'video/webm' });
  expect(out.renderer.gl).toMatch(/SwiftShader|ANGLE/i);
}, 120_000);

it('reports a compile error as a failed job keeping ok=false and the mapped line, without retrying', async () => {
  const { job, out } = await run(BROKEN);
  expect(job.status).toBe('failed');
  expect(job.error).toMatch(/nope/);
  expect(job.attempts).toBe(1);
  expect(out.ok).toBe(false);
  expect(out.failure).toMatchObject({ code: 'compile_error' });
  expect(out.diagnostics).toContainEqual(expect.objectContaining({ pass: 'image', line: 2, severity: 'error', message: expect.stringContaining("'nope'") }));
}, 120_000);

it('a renderer that cannot start is retried (a renderer failure, not the shader) and ends failed with a clear reason', async () => {
  const noChrome = await startHostProcess(undefined, { CHROME_PATH: '/nonexistent/chromium' });
  try {
    const { job } = await createJob(noChrome, { kind: 'shader.render', input: { source: { image: { code: GOOD } }, width: 96, height: 54, fps: 10, seconds: 0.5 } });
    const done = await waitForJob(noChrome, job.id, (j) => j.status === 'failed' || j.status === 'succeeded', 'the render to end', 90_000);
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(done.maxAttempts); // retryable: every attempt was used
    expect(done.error).toMatch(/^The renderer could not run \(Chromium could not be started\): the configured Chromium \/nonexistent\/chromium does not exist/);
    expect((done.result as ShaderRenderOutput).failure).toMatchObject({ code: 'browser_start' });
  } finally {
    await noChrome.stop();
  }
}, 150_000);
