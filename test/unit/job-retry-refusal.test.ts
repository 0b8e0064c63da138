/**
 * A failed job whose verdict found its input at fault (a shader.render with a shader at fault)
 * records why on the row, and a manual retry is refused with that reason (409); a renderer
 * fault stays retryable.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database_ } from '../../electron/host/db/connection.js';
import { AppError } from '../../electron/host/errors.js';
import type { JobRunner } from '../../electron/host/jobs/job-runner.js';
import { JobService } from '../../electron/host/jobs/job-service.js';
import { JobStore } from '../../electron/host/jobs/job-store.js';
import { toJob } from '../../electron/host/jobs/job-row.js';
import { SHADER_AT_FAULT, shaderRenderVerdict } from '../../shared/jobs/shader-render.js';
import { Job } from '../../shared/schemas/jobs.js';
import type { ShaderRenderOutput } from '../../shared/shaders/render-contract.js';
import { tempHome } from '../helpers/host-process.js';

let db: Database_;
let store: JobStore;
let service: JobService;
const published: string[] = [];

beforeEach(() => {
  db = openDatabase(join(tempHome(), 'studio.db'));
  store = new JobStore(db);
  published.length = 0;
  // Retry only publishes the requeued row and wakes the runner; nothing runs in these tests.
  const runner = { publish: (row: { id: string }) => void published.push(row.id), wake: () => {} } as unknown as JobRunner;
  service = new JobService(store, runner);
});
afterEach(() => db.close());

/** A shader.render job on its last attempt, ended with the kind's verdict on the output. */
function failedRender(code: 'compile_error' | 'too_heavy' | 'browser_start', message: string) {
  const { row } = store.create({ kind: 'shader.render', resource: 'gpu', input: { source: { image: { code: 'x' } } }, maxAttempts: 1 });
  db.sqlite.prepare("update jobs set status = 'running', owner_id = 'me', attempts = 1, attempt_log = ? where id = ?").run(
    JSON.stringify([{ attempt: 1, startedAt: Date.now(), finishedAt: null, outcome: 'running', error: null, workerPid: null }]),
    row.id,
  );
  const out = { ok: false, failure: { code, message } } as unknown as ShaderRenderOutput;
  return store.complete(row.id, 'me', out, shaderRenderVerdict(out))!;
}

describe('retrying a failed job', () => {
  it('refuses (409) when the shader is at fault, and the job says why', () => {
    for (const code of ['compile_error', 'too_heavy'] as const) {
      const row = failedRender(code, 'bad shader');
      expect(row.status).toBe('failed');
      const job = Job.parse(toJob(row));
      expect(job.retryRefusal).toBe(SHADER_AT_FAULT);
      let err: unknown;
      try {
        service.retry(row.id);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(409);
      expect((err as AppError).message).toContain('the shader is at fault: fix the code and save again');
      expect(store.get(row.id)!.status).toBe('failed');
    }
    expect(published).toEqual([]);
  });

  it('requeues when the renderer was at fault', () => {
    const row = failedRender('browser_start', 'Chromium did not start');
    expect(row.status).toBe('failed');
    expect(toJob(row).retryRefusal).toBeNull();
    const again = service.retry(row.id);
    expect(again.status).toBe('queued');
    expect(published).toEqual([row.id]);
  });
});
