import { RELAY_UPLOAD_LIMITS } from '../../../shared/schemas/relay-community.js';
import type { AssetDefinition, Prefab } from '../../../shared/schemas/world.js';
import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { worldServices } from '../world/services.js';
import { fitPayload, joinDistinct, mediaFile, relayTags, relayTitle, type PublishKind } from './publish-plan.js';

function prefabOf(core: CoreContext, id: string): { prefab: Prefab; assets: AssetDefinition[] } {
  const s = worldServices(core);
  let prefab: Prefab;
  try {
    prefab = s.prefabs.get(id);
  } catch {
    throw new AppError(404, 'not_found', `No prefab ${id}`);
  }
  const ids = [...new Set(prefab.nodes.flatMap((n) => (n.assetId ? [n.assetId] : [])))];
  return { prefab, assets: ids.flatMap((a) => s.assets.find(a) ?? []) };
}

/**
 * A world prefab: its nodes and the recipes of the assets they show as the JSON payload (the
 * relay takes images and clips, not GLBs; the recipe regenerates the asset), with a thumbnail
 * the worker draws from the nodes (GLBs where they exist, placeholder boxes otherwise).
 */
export const prefabPublish: PublishKind = {
  prepare(core, id) {
    const { prefab } = prefabOf(core, id);
    if (mediaFile(core, prefab.thumbnailMediaId, RELAY_UPLOAD_LIMITS.thumbnailBytes)) return {};
    const s = worldServices(core);
    // The worker reads files, not the media table: the host hands it each stored GLB's path.
    const snapshotItems = prefab.nodes.map((n) => {
      const glbMediaId = n.assetId ? (s.assets.find(n.assetId)?.files.glbMediaId ?? null) : null;
      const media = glbMediaId ? core.media.get(glbMediaId) : undefined;
      return { entityId: n.key, glbMediaId, glbPath: media ? core.media.absolutePath(media) : null, placeholder: n.placeholder, transform: n.transform, parentId: n.parentKey };
    });
    return { prefab: { snapshotItems } };
  },
  plan(core, id, output) {
    const { prefab, assets } = prefabOf(core, id);
    const notes = [...(output.notes ?? [])];
    const firstAssetThumb = assets.find((a) => a.files.thumbnailMediaId)?.files.thumbnailMediaId;
    const thumbnail =
      mediaFile(core, prefab.thumbnailMediaId, RELAY_UPLOAD_LIMITS.thumbnailBytes) ??
      (output.thumbnailPath ? { path: output.thumbnailPath, mime: 'image/png', bytes: 0 } : null) ??
      mediaFile(core, firstAssetThumb, RELAY_UPLOAD_LIMITS.thumbnailBytes);
    if (!thumbnail) notes.push('No thumbnail could be drawn or found for this prefab');
    const manifest = {
      format: 'auteur-prefab',
      version: 1,
      name: prefab.name,
      tags: prefab.tags,
      nodes: prefab.nodes,
      assets: assets.map((a) => ({
        id: a.id,
        displayName: a.displayName,
        kind: a.kind,
        source: a.source,
        prompt: a.prompt,
        negativePrompt: a.negativePrompt,
        generationRecipe: a.generationRecipe,
        seed: a.seed,
        providerTrace: a.providerTrace,
        defaultParams: a.defaultParams,
        license: a.license,
        triangles: a.triangles,
        bounds: a.bounds,
      })),
    };
    const sources = new Set(assets.map((a) => a.source));
    const generated = sources.has('generated');
    const byHand = sources.has('imported') || prefab.nodes.some((n) => !n.assetId);
    return {
      body: {
        kind: 'prefab',
        title: relayTitle(prefab.name, 'Untitled prefab'),
        description: `A world prefab of ${prefab.nodes.length} node${prefab.nodes.length === 1 ? '' : 's'}${assets.length ? ` showing ${assets.map((a) => a.displayName).slice(0, 8).join(', ')}` : ''}.`.slice(0, 1000),
        tags: relayTags(prefab.tags),
        payload: fitPayload(manifest, [], notes),
        isPublic: true,
        provenance: {
          app: 'auteur-studio',
          appVersion: core.version.slice(0, 40),
          generator: generated && byHand ? 'mixed' : generated ? 'ai' : 'human',
          provider: joinDistinct(assets.flatMap((a) => a.providerTrace.map((t) => t.provider)), 60),
          model: joinDistinct(assets.flatMap((a) => a.providerTrace.map((t) => t.model)), 120),
          sourceId: prefab.id,
        },
      },
      thumbnail,
      preview: null,
      previewClipped: false,
      notes,
    };
  },
};
