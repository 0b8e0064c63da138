import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { communityPublish, CommunityPublishInput, type CommunityPublishOutput } from '../../../shared/jobs/community-publish.js';
import { RelayItem, type RelayPublishBody } from '../../../shared/schemas/relay-community.js';
import type { Job } from '../../../shared/schemas/jobs.js';
import { shaders } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { sourceOf } from '../shaders/shader-rows.js';
import { communityFor } from './community-service.js';
import { expectOk } from './relay-http.js';

/**
 * POST /community/publish: refuses with a 409 before any job when no relay is set or nobody is
 * signed in, otherwise queues community.publish (a relay that is down then fails the job with
 * the reason, and the job can be retried from the Jobs list or the shader's button).
 */
export async function queueShaderPublish(ctx: CoreContext, shaderId: string): Promise<Job> {
  const row = ctx.database.db.select({ id: shaders.id }).from(shaders).where(eq(shaders.id, shaderId)).get();
  if (!row) throw new AppError(404, 'not_found', `No shader ${shaderId}`);
  const status = await communityFor(ctx).status();
  communityFor(ctx).requireRelay();
  if (!status.signedIn) throw new AppError(409, 'community_signed_out', status.problem ?? 'Not signed in to the community relay: sign in under Settings → Community.');
  return ctx.jobs.submit({ kind: communityPublish.kind, input: { shaderId }, userId: ctx.ownerUserId }).job;
}

/** The host does the upload (the tokens never leave it) once the worker hands the job back. */
export function registerCommunityPublishHooks(core: CoreContext): void {
  core.hooks.register(communityPublish.kind, {
    onSucceeded: async (job) => uploadShader(core, CommunityPublishInput.parse(job.input).shaderId),
  });
}

async function uploadShader(core: CoreContext, shaderId: string): Promise<CommunityPublishOutput> {
  const row = core.database.db.select().from(shaders).where(eq(shaders.id, shaderId)).get();
  if (!row) throw new Error(`The shader ${shaderId} was deleted before it could be published`);
  const community = communityFor(core);
  const base = community.requireRelay();
  const source = sourceOf(row);
  const body: RelayPublishBody = {
    kind: 'shader',
    title: row.title.slice(0, 120),
    description: (row.description ?? '').slice(0, 1000),
    tags: (row.tags ?? []).slice(0, 10),
    // The whole multi-pass source as JSON, so a download renders the same shader.
    payload: JSON.stringify(source),
    isPublic: true,
    provenance: {
      app: 'auteur-studio',
      appVersion: core.version.slice(0, 40),
      generator: row.isAiGenerated ? 'ai' : 'human',
      ...(row.aiProvider ? { provider: row.aiProvider.slice(0, 60) } : {}),
      ...(row.aiModel ? { model: row.aiModel.slice(0, 120) } : {}),
      sourceId: row.id,
      ...(row.forkedFrom ? { forkedFrom: row.forkedFrom } : {}),
    },
  };
  const created = RelayItem.safeParse(expectOk(base, await community.authed('POST', '/api/v1/items', { json: body }), 'Publishing'));
  if (!created.success) throw new Error(`${base} accepted the shader but did not answer with the published item`);
  const id = created.data.id;
  const thumbnail = await uploadMedia(core, base, id, 'thumbnail', row.thumbnailMediaId);
  const preview = await uploadMedia(core, base, id, 'preview', row.previewMediaId);
  return { shaderId, relayUrl: base, relayItemId: id, thumbnail, preview };
}

async function uploadMedia(core: CoreContext, base: string, itemId: string, slot: 'thumbnail' | 'preview', mediaId: string | null): Promise<boolean> {
  const media = mediaId ? core.media.get(mediaId) : undefined;
  if (!media) return false;
  const bytes = await readFile(core.media.absolutePath(media));
  const reply = await communityFor(core).authed('PUT', `/api/v1/items/${encodeURIComponent(itemId)}/${slot}`, { raw: { bytes, contentType: media.mime }, timeoutMs: 60_000 });
  expectOk(base, reply, `Uploading the ${slot}`);
  return true;
}
