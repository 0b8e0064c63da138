/**
 * A render that goes back to the queue (a background seed render preempted for foreground work)
 * leaves its shader "pending", not "rendering", while it waits to run again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobStore } from '../../electron/host/jobs/job-store.js';
import { openShaderCore, type ShaderCore } from '../helpers/shader-core.js';
import { familyGlsl } from '../helpers/shader-fixtures.js';

let sc: ShaderCore;
beforeEach(async () => {
  sc = await openShaderCore();
});
afterEach(() => sc.close());

describe('a preempted render', () => {
  it('sets its shader back to pending while it waits in the queue, and rendering when it runs again', () => {
    const s = sc.svc.shaders.create({ title: 'Preempted', tags: ['test'], source: familyGlsl('tunnel', 1) });
    const jobId = s.lastRenderJobId!;
    expect(sc.svc.shaders.get(s.id).renderStatus).toBe('pending');
    const store = new JobStore(sc.core.database);
    // Play the runner's part: claim the job (as its tick does), then preempt it.
    const claim = () => {
      sc.core.database.sqlite.prepare("UPDATE jobs SET status = 'running', owner_id = 'me', attempts = attempts + 1, rev = rev + 1, attempt_log = ? WHERE id = ?").run(
        JSON.stringify([{ attempt: 1, startedAt: Date.now(), finishedAt: null, outcome: 'running', error: null, workerPid: null }]),
        jobId,
      );
      sc.core.runner.publish(store.get(jobId)!);
    };
    claim();
    expect(sc.svc.shaders.get(s.id).renderStatus).toBe('rendering');
    const requeued = store.requeuePreempted(jobId, 'me')!;
    expect(requeued.status).toBe('queued');
    sc.core.runner.publish(requeued);
    expect(sc.svc.shaders.get(s.id).renderStatus).toBe('pending');
    claim();
    expect(sc.svc.shaders.get(s.id).renderStatus).toBe('rendering');
  });
});
