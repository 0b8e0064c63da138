import { API_PREFIX } from '../../../../shared/routes.js';
import type { HostContext } from '../../host-context.js';
import { GLB_MIME } from '../../world/asset-store.js';
import { readCapped } from '../../world/asset-import.js';
import { MAX_GLB_BYTES } from '../../world/glb-check.js';
import { worldServices } from '../../world/services.js';
import { queueWorldSnapshot } from '../../world/snapshot.js';
import type { RouteHandlers } from '../mount-routes.js';

const fileName = (name: string) => name.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'world';

/** World studio routes (shared/routes/world.ts) over the World services. */
export function worldRoutes(ctx: HostContext): RouteHandlers {
  const svc = worldServices(ctx);
  return {
    'world.worlds.list': () => ({ worlds: svc.worlds.list() }),
    'world.worlds.create': ({ body }) => svc.worlds.create(body),
    'world.worlds.get': ({ params }) => svc.worlds.load(params.id),
    'world.worlds.update': ({ params, body }) => svc.worlds.update(params.id, body),
    'world.worlds.delete': ({ params }) => svc.worlds.delete(params.id),
    'world.worlds.export': async ({ params, res }) => {
      const { name, bytes } = await svc.exports.world(params.id);
      res.setHeader('Content-Type', GLB_MIME);
      res.setHeader('Content-Disposition', `attachment; filename="${fileName(name)}.glb"`);
      res.end(Buffer.from(bytes));
    },
    'world.worlds.file': ({ params, res }) => {
      const file = svc.files.export(params.id);
      res.setHeader('Content-Disposition', `attachment; filename="${fileName(file.name)}.world.json"`);
      return file;
    },
    'world.worlds.import': ({ body }) => svc.files.import(body),
    'world.worlds.snapshot': ({ params, body }) => queueWorldSnapshot(ctx, params.id, body),
    'world.entities.list': ({ params }) => ({ entities: svc.entities.list(params.id) }),
    'world.entities.upsert': ({ params, body }) => ({ entities: svc.entities.upsert(params.id, body.entities) }),
    'world.entities.deleteMany': ({ params, body }) => ({ ok: true as const, deleted: svc.entities.delete(params.id, body.ids) }),
    'world.entities.spawnAsset': ({ params, body }) => {
      const a = svc.assets.get(body.assetId);
      return svc.entities.create(params.id, [{ name: body.name || a.displayName, assetId: a.id, status: 'ready', transform: body.transform, physics: a.defaultParams.physics, behaviour: a.defaultParams.behaviour }])[0]!;
    },
    'world.entities.get': ({ params }) => svc.entities.get(params.id),
    'world.entities.update': ({ params, body }) => svc.entities.update(params.id, body),
    'world.entities.delete': ({ params }) => {
      const e = svc.entities.get(params.id);
      svc.entities.delete(e.worldId, [e.id]);
      return { ok: true as const };
    },
    'world.terrain.get': ({ params }) => svc.terrain.get(params.id),
    'world.terrain.put': ({ params, body }) => svc.terrain.put(params.id, body),
    'world.jobs.create': ({ body, req, res }) => {
      const { answer, replayed } = svc.generation.create(body, req.header('idempotency-key'));
      if (replayed) res.setHeader('Idempotent-Replayed', 'true');
      return answer;
    },
    'world.jobs.get': ({ params }) => svc.generation.status(params.id),
    'world.jobs.cancel': ({ params }) => svc.generation.cancel(params.id),
    'world.jobs.retry': ({ params }) => svc.generation.retry(params.id),
    'world.assets.list': ({ query }) => ({ assets: svc.assets.list(query) }),
    'world.assets.import': async ({ query, req, res }) => {
      const bytes = await readCapped(req, MAX_GLB_BYTES);
      const out = await svc.imports.import(bytes, query, req.header('x-file-name') ?? null);
      if (out.reused) res.locals.status = 200;
      return out;
    },
    'world.assets.get': ({ params }) => svc.assets.get(params.id),
    'world.assets.glb': ({ params, res }) => {
      const a = svc.assets.get(params.id);
      const bytes = svc.assets.glb(a.id);
      res.setHeader('Content-Type', GLB_MIME);
      res.setHeader('Content-Disposition', `attachment; filename="${fileName(a.displayName)}.glb"`);
      res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
      res.end(bytes);
    },
    'world.assets.download': ({ params }) => {
      const a = svc.assets.get(params.id);
      const media = (id: string | null) => (id ? `${API_PREFIX}/media/${id}/file` : null);
      return {
        assetId: a.id,
        glb: a.files.glbMediaId ? `${API_PREFIX}/world/assets/${a.id}/glb` : null,
        lods: a.files.lodMediaIds.map((id) => media(id)!),
        thumbnail: a.files.thumbnailMediaId ? `${API_PREFIX}/world/assets/${a.id}/thumbnail` : null,
        collider: media(a.files.colliderMediaId),
      };
    },
    'world.assets.thumbnail': ({ params, res }) => {
      res.setHeader('Cache-Control', 'private, max-age=60');
      res.sendFile(svc.assets.thumbnailPath(params.id), { headers: { 'Content-Type': 'image/png' } });
    },
    'world.assets.similar': ({ params, query }) => ({ assets: svc.assets.similar(params.id, query.limit) }),
    'world.prefabs.list': () => ({ prefabs: svc.prefabs.list() }),
    'world.prefabs.create': ({ body }) => svc.prefabs.create(body),
    'world.prefabs.get': ({ params }) => svc.prefabs.get(params.id),
    'world.prefabs.delete': ({ params }) => svc.prefabs.delete(params.id),
    'world.prefabs.instantiate': ({ params, body }) => ({ entities: svc.prefabs.instantiate(params.id, body.worldId, body.transform) }),
  };
}
