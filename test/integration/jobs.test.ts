import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerEvent } from '../../shared/events.js';
import type { SystemDiagnoseOutput } from '../../shared/jobs/system-diagnose.js';
import { startHostProcess, type HostProcess } from '../helpers/host-process.js';
import { createJob, waitForJob } from '../helpers/jobs.js';

let host: HostProcess;
beforeAll(async () => {
  host = await startHostProcess();
});
afterAll(async () => {
  await host?.stop();
});

describe('durable jobs', () => {
  it('runs system.diagnose in a worker process and streams its progress to 100%', async () => {
    const events: ServerEvent[] = [];
    const ws = new WebSocket(`${host.base.replace('http', 'ws')}/api/v1/events?token=${host.token}`);
    await new Promise((r) => ws.once('message', r));
    ws.on('message', (d) => events.push(JSON.parse(d.toString()) as ServerEvent));

    const { status, job } = await createJob(host, { kind: 'system.diagnose', input: {} });
    expect(status).toBe(201);
    expect(job.status).toBe('queued');
    const done = await waitForJob(host, job.id, (j) => j.status === 'succeeded' || j.status === 'failed', 'diagnose to finish');
    ws.close();
    expect(done.status).toBe('succeeded');
    expect(done.progress).toBe(1);
    expect(done.attempts).toBe(1);
    expect(done.attemptLog[0]?.workerPid).toBeGreaterThan(0);
    expect(done.attemptLog[0]?.workerPid).not.toBe(host.proc.pid);
    const result = done.result as SystemDiagnoseOutput;
    expect(result.probes.map((p) => p.id)).toEqual(['data-dir', 'sqlite', 'sqlite-vec', 'ffmpeg', 'chromium', 'webgl', 'providers']);
    expect(result.probes.find((p) => p.id === 'sqlite-vec')?.status).toBe('ok');
    expect(result.probes.find((p) => p.id === 'ffmpeg')?.detail).toMatch(/encoded/);

    const progress = events.flatMap((e) => (e.type === 'job.updated' && e.job.id === job.id ? [e.job.progress] : []));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
    expect(progress.at(-1)).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]!);
    expect(events.some((e) => e.type === 'job.log' && e.jobId === job.id)).toBe(true);
  });

  it('honours Idempotency-Key: same key → same job, other request with that key → 409', async () => {
    const key = `key-${Date.now()}`;
    const a = await createJob(host, { kind: 'system.diagnose', input: { probes: ['sqlite'] } }, { 'Idempotency-Key': key });
    const b = await createJob(host, { kind: 'system.diagnose', input: { probes: ['sqlite'] } }, { 'Idempotency-Key': key });
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(b.job.id).toBe(a.job.id);
    const c = await host.api('/jobs', { method: 'POST', json: { kind: 'system.diagnose', input: { probes: ['ffmpeg'] } }, headers: { 'Idempotency-Key': key } });
    expect(c.status).toBe(409);
    const list = (await (await host.api('/jobs?limit=500')).json()) as { jobs: { idempotencyKey: string | null }[] };
    expect(list.jobs.filter((j) => j.idempotencyKey === key)).toHaveLength(1);
  });

  it('cancels a running job in its worker, then retries it to success', async () => {
    const { job } = await createJob(host, { kind: 'system.diagnose', input: { probes: ['webgl', 'webgl', 'webgl'] } });
    await waitForJob(host, job.id, (j) => j.status === 'running', 'job to start');
    const res = await host.api(`/jobs/${job.id}/cancel`, { method: 'POST' });
    expect(res.status).toBe(200);
    const cancelled = await waitForJob(host, job.id, (j) => j.status === 'cancelled', 'job to be cancelled', 15_000);
    expect(cancelled.attemptLog.at(-1)?.outcome).toBe('cancelled');
    const again = await host.api(`/jobs/${job.id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);

    const retried = await host.api(`/jobs/${job.id}/retry`, { method: 'POST' });
    expect(retried.status).toBe(200);
    const done = await waitForJob(host, job.id, (j) => j.status === 'succeeded', 'retried job to succeed');
    expect(done.attemptLog.length).toBe(2);
    const noRetry = await host.api(`/jobs/${job.id}/retry`, { method: 'POST' });
    expect(noRetry.status).toBe(409);
  });
});
