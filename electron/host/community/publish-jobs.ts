import { readFile, rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { communityPublish, CommunityPublishInput, CommunityPublishOutput, type CommunityPublishBody } from '../../../shared/jobs/community-publish.js';
import type { CommunityPublicationList, CommunityUnpublished } from '../../../shared/schemas/community-publish.js';
import type { Job } from '../../../shared/schemas/jobs.js';
import { RelayItem, type RelayItemKind } from '../../../shared/schemas/relay-community.js';
import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { communityFor } from './community-service.js';
import { prefabPublish } from './publish-prefab.js';
import type { PublishFile, PublishKind } from './publish-plan.js';
import { PublicationStore, toPublication } from './publish-records.js';
import { shaderPublish } from './publish-shader.js';
import { videoPublish } from './publish-video.js';
import { expectOk } from './relay-http.js';

const KINDS: Record<RelayItemKind, PublishKind> = { shader: shaderPublish, video: videoPublish, prefab: prefabPublish };
const ACTIVE = new Set<Job['status']>(['queued', 'running']);
const stores = new WeakMap<CoreContext, PublicationStore>();

function storeFor(core: CoreContext): PublicationStore {
  let s = stores.get(core);
  if (!s) stores.set(core, (s = new PublicationStore(core.database.db)));
  return s;
}

/**
 * POST /community/publish and the MCP tool: refuses with a 409 before any job when no relay is
 * set, nobody is signed in, or the thing is already published to this relay; answers the job
 * already queued for it again; otherwise queues community.publish (a relay that is down is then
 * retried by the job with backoff, and its record shows that).
 */
export async function queuePublish(core: CoreContext, body: CommunityPublishBody): Promise<Job> {
  // 404 / 409 for the thing itself before anything about the relay.
  const extra = KINDS[body.kind].prepare(core, body.id);
  const community = communityFor(core);
  const base = community.requireRelay();
  const status = await community.status();
  if (!status.signedIn) throw new AppError(409, 'community_signed_out', status.problem ?? 'Not signed in to the community relay: sign in under Settings → Community.');
  const store = storeFor(core);
  const before = store.find(body.kind, body.id, base);
  if (before?.publishedAt && before.relayItemId && (await stillOnRelay(core, before.relayItemId))) {
    throw new AppError(409, 'community_already_published', `This ${body.kind} is already published to ${base} as item ${before.relayItemId} (${new Date(before.publishedAt).toISOString().slice(0, 10)}). The relay cannot update a published item: remove it from the community (beside “Published”, or DELETE /community/publications/${before.id}) to publish it again.`, {
      relayItemId: before.relayItemId,
    });
  }
  // Synchronous from here on: no other request can queue a second job in between.
  const row = store.find(body.kind, body.id, base);
  const running = row?.lastJobId ? jobOrNull(core, row.lastJobId) : null;
  if (running && ACTIVE.has(running.status)) return running;
  const job = core.jobs.submit({ kind: communityPublish.kind, input: { kind: body.kind, id: body.id, ...extra }, userId: core.ownerUserId }).job;
  store.setJob(body.kind, body.id, base, job.id);
  return job;
}

export async function listPublications(core: CoreContext, filter: { kind?: RelayItemKind; id?: string }): Promise<CommunityPublicationList> {
  const current = (await communityFor(core).status()).relayUrl;
  return { publications: storeFor(core).list(filter).map((r) => toPublication(r, current)) };
}

/**
 * "Remove from community": deletes the item on the relay (as its author) and forgets the record,
 * so the thing can be published again. Only on the relay signed in now, and not while a publish
 * job for it runs (it would recreate the item).
 */
export async function unpublish(core: CoreContext, publicationId: string): Promise<CommunityUnpublished> {
  const store = storeFor(core);
  const row = store.get(publicationId);
  if (!row) throw new AppError(404, 'not_found', `No community publication ${publicationId}`);
  const job = row.lastJobId ? jobOrNull(core, row.lastJobId) : null;
  if (job && ACTIVE.has(job.status)) throw new AppError(409, 'community_publish_running', `Publishing this ${row.kind} is still under way (job ${job.id}); cancel it in Jobs or wait for it first`);
  let removedFromRelay = false;
  if (row.relayItemId) {
    const community = communityFor(core);
    const base = community.requireRelay();
    if (base !== row.relayUrl) throw new AppError(409, 'community_other_relay', `This ${row.kind} was published to ${row.relayUrl}, not to the relay set now (${base}): set that relay in Settings → Community to remove it there`);
    const reply = await community.authed('DELETE', `/api/v1/items/${encodeURIComponent(row.relayItemId)}`);
    if (reply.status !== 404) {
      expectOk(base, reply, 'Removing the item');
      removedFromRelay = true;
    }
  }
  store.delete(row.id);
  return { ok: true, removedFromRelay };
}

/** The host does the upload (the tokens never leave it) once the worker hands the job back. */
export function registerCommunityPublishHooks(core: CoreContext): void {
  core.hooks.register(communityPublish.kind, {
    onSucceeded: async (job, result) => upload(core, CommunityPublishInput.parse(job.input), CommunityPublishOutput.parse(result), job.id),
  });
}

/**
 * Sends the item, then its files. The relay's item id is recorded as soon as it exists, so an
 * attempt that fails half-way (relay gone between two requests) finishes that item next time.
 * Unreachable relays and relay-side 5xx/429 are retried by the job; refusals are not.
 */
async function upload(core: CoreContext, input: CommunityPublishInput, raw: CommunityPublishOutput, jobId: string): Promise<CommunityPublishOutput> {
  try {
    // Files the worker made live in media/community-pending; nothing else is read (or deleted) from the output's paths.
    const pending = join(core.dataDir.mediaDir, 'community-pending') + sep;
    const inPending = (f: string | undefined) => (f && resolve(f).startsWith(pending) ? f : undefined);
    const output = { ...raw, clipPath: inPending(raw.clipPath), thumbnailPath: inPending(raw.thumbnailPath) };
    const community = communityFor(core);
    const base = community.requireRelay();
    const store = storeFor(core);
    const plan = KINDS[input.kind].plan(core, input.id, output);
    let itemId = store.find(input.kind, input.id, base)?.relayItemId ?? null;
    if (itemId && !(await stillOnRelay(core, itemId))) itemId = null;
    if (!itemId) {
      const created = RelayItem.safeParse(expectOk(base, await community.authed('POST', '/api/v1/items', { json: plan.body }), 'Publishing'));
      if (!created.success) throw new AppError(502, 'relay_bad_response', `${base} accepted the ${input.kind} but did not answer with the published item`);
      itemId = created.data.id;
      store.setRelayItem(input.kind, input.id, base, itemId);
    }
    store.setJob(input.kind, input.id, base, jobId);
    const thumbnail = await sendFile(core, base, itemId, 'thumbnail', plan.thumbnail);
    const preview = await sendFile(core, base, itemId, 'preview', plan.preview);
    const details = { thumbnail, preview, previewClipped: preview && plan.previewClipped, notes: plan.notes };
    store.markPublished(input.kind, input.id, base, details);
    // The worker's clip / drawing waited in media/community-pending for this upload.
    for (const f of [output.clipPath, output.thumbnailPath]) if (f) await rm(f, { force: true });
    return { kind: input.kind, id: input.id, relayUrl: base, relayItemId: itemId, ...details };
  } catch (err) {
    throw Object.assign(err instanceof Error ? err : new Error(String(err)), { retryable: isTransient(err) });
  }
}

async function sendFile(core: CoreContext, base: string, itemId: string, slot: 'thumbnail' | 'preview', file: PublishFile | null): Promise<boolean> {
  if (!file) return false;
  const bytes = await readFile(file.path);
  const reply = await communityFor(core).authed('PUT', `/api/v1/items/${encodeURIComponent(itemId)}/${slot}`, { raw: { bytes, contentType: file.mime }, timeoutMs: 120_000 });
  expectOk(base, reply, `Uploading the ${slot}`);
  return true;
}

/** Whether the relay still has an item this studio published (a 404 means it was deleted there; unreachable counts as yes). */
async function stillOnRelay(core: CoreContext, itemId: string): Promise<boolean> {
  try {
    const reply = await communityFor(core).authed('GET', `/api/v1/items/${encodeURIComponent(itemId)}`, { timeoutMs: 8000 });
    return reply.status !== 404;
  } catch {
    return true;
  }
}

/** Worth retrying: the relay was unreachable, overloaded or failing (not a refusal of this publish). */
function isTransient(err: unknown): boolean {
  if (!(err instanceof AppError)) return !(err instanceof Error && (err as { retryable?: unknown }).retryable === false);
  return err.code === 'relay_unreachable' || err.status === 429 || err.status >= 500;
}

function jobOrNull(core: CoreContext, id: string): Job | null {
  try {
    return core.jobs.get(id);
  } catch {
    return null;
  }
}
