import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { waitForJob } from '../jobs/wait-for-job.js';
import { listPublications, queuePublish } from './publish-jobs.js';

/** How long a fulfil waits for the shader's publish job to run (it uploads a thumbnail and a preview). */
const PUBLISH_WAIT_MS = 120_000;

/** The relay item a local shader became on `relayUrl` (the community publication record), or null. */
export async function publishedItemId(core: CoreContext, shaderId: string, relayUrl: string): Promise<{ itemId: string | null; jobId: string | null }> {
  const { publications } = await listPublications(core, { kind: 'shader', id: shaderId });
  const p = publications.find((x) => x.relayUrl === relayUrl);
  return { itemId: p?.publishedAt && p.relayItemId ? p.relayItemId : null, jobId: p?.lastJobId ?? null };
}

/**
 * The relay item id to fulfil with. An unpublished shader is refused naming the step, or, with
 * `publishFirst`, published through the community.publish job (visible in Jobs) and waited for.
 */
export async function ensurePublished(core: CoreContext, shaderId: string, relayUrl: string, publishFirst: boolean, signal?: AbortSignal): Promise<string> {
  const before = await publishedItemId(core, shaderId, relayUrl);
  if (before.itemId) return before.itemId;
  if (!publishFirst) {
    throw new AppError(409, 'not_published', `Shader ${shaderId} is not published to ${relayUrl} yet: publish it first (Publish to community on the shader, or the community_publish tool), then fulfil — or fulfil with publishFirst to do both.`, { shaderId });
  }
  // Answers the job already queued for this shader when there is one.
  const job = await queuePublish(core, { kind: 'shader', id: shaderId });
  let done;
  try {
    done = await waitForJob(core, job.id, { timeoutMs: PUBLISH_WAIT_MS, ...(signal ? { signal } : {}) });
  } catch (err) {
    throw new AppError(504, 'publish_pending', `Publishing shader ${shaderId} (job ${job.id}) has not finished: ${(err as Error).message}. Fulfil again once it has.`, { jobId: job.id });
  }
  const after = await publishedItemId(core, shaderId, relayUrl);
  if (done.status !== 'succeeded' || !after.itemId) {
    throw new AppError(502, 'publish_failed', `Publishing shader ${shaderId} failed (job ${job.id}: ${done.error ?? done.status}), so the bounty was not fulfilled. Retry the publish from Jobs, then fulfil again.`, { jobId: job.id });
  }
  return after.itemId;
}
