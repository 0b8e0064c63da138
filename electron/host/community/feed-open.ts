import { and, eq, sql } from 'drizzle-orm';
import type { CommunityOpenResult, CommunityOrigin } from '../../../shared/schemas/community-feed.js';
import { Tag } from '../../../shared/schemas/shaders.js';
import { ShaderSource, singlePass } from '../../../shared/shaders/source.js';
import { shaders } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { shaderServices } from '../shaders/services.js';
import { communityFor } from './community-service.js';
import { communityFeedFor } from './feed-service.js';

const MAX_GLSL = 64 * 1024;

/**
 * A published shader's payload as a studio source: the desktop app publishes the multi-pass
 * ShaderSource as JSON; other clients may publish a bare Shadertoy `mainImage` program.
 */
export function shaderSourceFromPayload(payload: string): ShaderSource {
  const text = payload.trim();
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = undefined;
    }
    const parsed = ShaderSource.safeParse(json);
    if (parsed.success) return parsed.data;
    throw new AppError(422, 'community_payload_unreadable', 'This community shader was published as JSON the studio does not recognise as a shader source, so it cannot be opened in the editor.');
  }
  if (/\bvoid\s+mainImage\s*\(/.test(text) && text.length <= MAX_GLSL) return singlePass(text);
  throw new AppError(422, 'community_payload_unreadable', 'This community shader has no mainImage program the editor can open (or it is larger than 64 KB).');
}

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

  const source = shaderSourceFromPayload(item.payload);
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
