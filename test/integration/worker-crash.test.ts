import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHostProcess, type HostProcess } from '../helpers/host-process.js';
import { createJob, waitForJob } from '../helpers/jobs.js';

let host: HostProcess;
beforeAll(async () => {
  host = await startHostProcess();
});
afterAll(async () => {
  await host?.stop();
});

it('fails the attempt of a worker killed mid-job with the reason, and retries it to success', async () => {
  // Three WebGL probes keep the worker busy for several seconds.
  const { job } = await createJob(host, { kind: 'system.diagnose', input: { probes: ['webgl', 'webgl', 'webgl'] } });
  const running = await waitForJob(host, job.id, (j) => j.status === 'running' && !!j.attemptLog.at(-1)?.workerPid, 'worker to pick the job up');
  const pid = running.attemptLog.at(-1)!.workerPid!;
  process.kill(pid, 'SIGKILL');

  const done = await waitForJob(host, job.id, (j) => j.status === 'succeeded' || j.status === 'failed', 'job to finish after the crash');
  expect(done.status).toBe('succeeded');
  expect(done.attempts).toBe(2);
  expect(done.attemptLog[0]).toMatchObject({ attempt: 1, outcome: 'failed', workerPid: pid });
  expect(done.attemptLog[0]?.error).toContain('SIGKILL');
  expect(done.attemptLog[1]).toMatchObject({ attempt: 2, outcome: 'succeeded' });
  expect(done.attemptLog[1]?.workerPid).not.toBe(pid);

  // The host itself is unharmed.
  expect((await fetch(`${host.base}/api/v1/health`)).status).toBe(200);
});
