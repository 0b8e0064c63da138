import { and, eq, sql } from 'drizzle-orm';
import type { CommunityOpenResult, CommunityOrigin } from '../../../shared/schemas/community-feed.js';
import { Tag } from '../../../shared/schemas/shaders.js';
import { shaderSourceFromPayload } from '../../../shared/community/shader-payload.js';
import { shaders } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { shaderServices } from '../shaders/services.js';
import { communityFor } from './community-service.js';
import { communityFeedFor } from './feed-service.js';

/**
 * "Open in editor" on a community shader: its source becomes a local draft whose provenance
 * names the relay, the item and its author. Opening the same item again reuses that draft
 * (your edits are kept) instead of piling up copies.
 */
export async function openCommunityShader(ctx: CoreContext, itemId: string): Promise<CommunityOpenResult> {
  const relayUrl = communityFor(ctx).requireRelay();
  const item = await communityFeedFor(ctx).rawItem(itemId);
  if (item.kind !== 'shader') throw new AppError(409, 'community_not_a_shader', `“${item.title}” is a ${item.kind}; only shaders open in the shader editor.`);
  const origin: CommunityOrigin = { relayUrl, itemId: item.id, author: item.author.username };
  const db = ctx.database.db;
  const earlier = db
    .select({ id: shaders.id })
    .from(shaders)
    .where(and(eq(shaders.origin, 'import'), sql`json_extract(${shaders.importedFrom}, '$.community.itemId') = ${item.id}`, sql`json_extract(${shaders.importedFrom}, '$.community.relayUrl') = ${relayUrl}`))
    .get();
  if (earlier) return { shaderId: earlier.id, created: false, origin };

  const parsed = shaderSourceFromPayload(item.payload);
  if ('error' in parsed) throw new AppError(422, 'community_payload_unreadable', `“${item.title}” cannot be opened in the editor: ${parsed.error}`);
  const { source } = parsed;
  const tags = item.tags.flatMap((t) => {
    const r = Tag.safeParse(t);
    return r.success ? [r.data] : [];
  });
  // A variable, not a literal: the stored JSON keeps the community origin beside the Shadertoy fields.
  const importedFrom = { shadertoyId: null, author: item.author.username, community: origin };
  const shader = shaderServices(ctx).shaders.create(
    { title: item.title.slice(0, 120), description: item.description ? item.description.slice(0, 1000) : null, tags: [...new Set(tags)].slice(0, 10), source },
    {
      origin: 'import',
      importedFrom,
      isAiGenerated: item.provenance.generator !== 'human',
      aiProvider: item.provenance.provider ?? null,
      aiModel: item.provenance.model ?? null,
    },
  );
  return { shaderId: shader.id, created: true, origin };
}
