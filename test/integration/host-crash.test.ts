import { afterAll, expect, it } from 'vitest';
import { isProcessAlive } from '../../electron/host/process-alive.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';
import { createJob, getJob, waitForJob } from '../helpers/jobs.js';

const hosts: HostProcess[] = [];
afterAll(async () => {
  for (const h of hosts) await h.stop();
});

it('recovers jobs in flight after the host is killed with SIGKILL: none lost, none stuck', async () => {
  const home = tempHome();
  const first = await startHostProcess(home);
  hosts.push(first);
  // One real WebGL draw in a fresh Chromium: seconds long, so the kill lands mid-job. Three per job made
  // the six jobs need ~80 s after the restart on a quiet 2-core machine and over 90 s on a loaded CI run.
  const slow = { kind: 'system.diagnose', input: { probes: ['webgl'] } };
  // io capacity is 4: four run, two wait in the queue.
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) ids.push((await createJob(first, slow)).job.id);
  const running = await waitFor(async () => {
    const jobs = await Promise.all(ids.map((id) => getJob(first, id)));
    const r = jobs.filter((j) => j.status === 'running' && j.attemptLog.at(-1)?.workerPid);
    return r.length >= 2 ? r : undefined;
  }, 'jobs to be running');
  const workerPids = running.map((j) => j.attemptLog.at(-1)!.workerPid!);

  await first.kill('SIGKILL');
  // Workers notice the host is gone (IPC disconnect) and exit: no orphans keep running.
  await waitFor(async () => workerPids.every((p) => !isProcessAlive(p)), 'worker processes to exit', 10_000);

  const second = await startHostProcess(home);
  hosts.push(second);
  const finals = await Promise.all(ids.map((id) => waitForJob(second, id, (j) => j.status === 'succeeded' || j.status === 'failed', `job ${id} to finish`, 120_000)));
  for (const j of finals) expect(j.status, JSON.stringify(j.attemptLog)).toBe('succeeded');
  const interrupted = finals.filter((j) => j.attemptLog.some((a) => a.outcome === 'failed' && /Interrupted/.test(a.error ?? '')));
  expect(interrupted.length).toBeGreaterThanOrEqual(running.length);
  for (const j of interrupted) expect(j.attempts).toBeGreaterThanOrEqual(2);
  const list = (await (await second.api('/jobs?status=running')).json()) as { jobs: unknown[] };
  expect(list.jobs).toHaveLength(0);
}, 180_000);

it('refuses a second host on the same data dir and names the running one', async () => {
  const home = tempHome();
  const first = await startHostProcess(home);
  hosts.push(first);
  await expect(startHostProcess(home)).rejects.toThrow(/already running on this data dir at http:\/\/127\.0\.0\.1/);
});
