import { eq } from 'drizzle-orm';
import { RELAY_UPLOAD_LIMITS } from '../../../shared/schemas/relay-community.js';
import { shaders } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { sourceOf } from '../shaders/shader-rows.js';
import { mediaFile, relayTags, relayTitle, type PublishKind } from './publish-plan.js';

function shaderRow(core: CoreContext, id: string) {
  const row = core.database.db.select().from(shaders).where(eq(shaders.id, id)).get();
  if (!row) throw new AppError(404, 'not_found', `No shader ${id}`);
  return row;
}

/** A shader: title, the whole multi-pass source as JSON, tags, provenance; its thumbnail and WebM preview. */
export const shaderPublish: PublishKind = {
  prepare(core, id) {
    shaderRow(core, id);
    return {};
  },
  plan(core, id) {
    const row = shaderRow(core, id);
    return {
      body: {
        kind: 'shader',
        title: relayTitle(row.title, 'Untitled shader'),
        description: (row.description ?? '').slice(0, 1000),
        tags: relayTags(row.tags ?? []),
        // The whole multi-pass source as JSON, so a download renders the same shader.
        payload: JSON.stringify(sourceOf(row)),
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
      },
      thumbnail: mediaFile(core, row.thumbnailMediaId, RELAY_UPLOAD_LIMITS.thumbnailBytes),
      preview: mediaFile(core, row.previewMediaId, RELAY_UPLOAD_LIMITS.previewBytes),
      previewClipped: false,
      notes: [],
    };
  },
};
