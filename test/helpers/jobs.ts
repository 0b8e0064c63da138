import type { Job } from '../../shared/schemas/jobs.js';
import { waitFor, type HostProcess } from './host-process.js';

export async function createJob(host: HostProcess, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; job: Job }> {
  const res = await host.api('/jobs', { method: 'POST', json: body, headers });
  const job = (await res.json()) as Job;
  return { status: res.status, job };
}

export async function getJob(host: HostProcess, id: string): Promise<Job> {
  const res = await host.api(`/jobs/${id}`);
  if (res.status !== 200) throw new Error(`GET /jobs/${id} → ${res.status}`);
  return (await res.json()) as Job;
}

export function waitForJob(host: HostProcess, id: string, pred: (j: Job) => boolean, what: string, timeoutMs = 60_000): Promise<Job> {
  return waitFor(async () => {
    const j = await getJob(host, id);
    return pred(j) ? j : undefined;
  }, what, timeoutMs);
}
