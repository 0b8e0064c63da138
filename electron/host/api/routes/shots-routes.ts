import type { HostContext } from '../../host-context.js';
import { shotsServices } from '../../shots/services.js';
import type { RouteHandlers } from '../mount-routes.js';

/** Shots studio routes (shared/routes/shots.ts) over the Shots services. */
export function shotsRoutes(ctx: HostContext): RouteHandlers {
  const svc = shotsServices(ctx);
  return {
    'assets.upload': ({ req }) => svc.ingredients.upload(req),
    'scripts.parse': ({ body }) => svc.scripts.run(body),
    'shots.projects.list': () => ({ projects: svc.projects.list() }),
    'shots.projects.create': ({ body }) => svc.projects.create(body),
    'shots.projects.get': ({ params }) => svc.projects.board(params.id),
    'shots.projects.update': ({ params, body }) => svc.projects.update(params.id, body),
    'shots.projects.delete': ({ params }) => svc.projects.delete(params.id),
    'shots.projects.restore': ({ params }) => svc.projects.restore(params.id),
    'shots.projects.export': ({ params, res }) => svc.exports.project(params.id, res),
    'shots.projects.reorderScenes': ({ params, body }) => svc.scenes.reorder(params.id, body.ids),
    'shots.projects.createScene': ({ params, body }) => svc.scenes.create(params.id, body),
    'shots.projects.ingredients': ({ params, query }) => ({ ingredients: svc.ingredients.list(params.id, query) }),
    'shots.scenes.update': ({ params, body }) => svc.scenes.update(params.id, body),
    'shots.scenes.delete': ({ params }) => svc.scenes.delete(params.id),
    'shots.scenes.restore': ({ params }) => svc.scenes.restore(params.id),
    'shots.scenes.createShot': ({ params, body }) => svc.shots.create(params.id, body),
    'shots.scenes.reorderShots': ({ params, body }) => svc.shots.reorder(params.id, body.ids),
    'shots.scenes.breakdown': ({ params }) => svc.pipeline.breakdown(params.id),
    'shots.scenes.animatic': ({ params }) => svc.pipeline.animatic(params.id),
    'shots.scenes.export': ({ params, res }) => svc.exports.scene(params.id, res),
    'shots.ingredients.get': ({ params }) => svc.ingredients.get(params.id),
    'shots.ingredients.update': ({ params, body }) => svc.ingredients.update(params.id, body),
    'shots.ingredients.delete': ({ params, query }) => svc.ingredients.delete(params.id, query.confirm === 'true'),
    'shots.ingredients.restore': ({ params }) => svc.ingredients.restore(params.id),
    'shots.get': ({ params }) => svc.shots.get(params.id),
    'shots.update': ({ params, body }) => svc.shots.update(params.id, body),
    'shots.delete': ({ params }) => svc.shots.delete(params.id),
    'shots.restore': ({ params }) => svc.shots.restore(params.id),
    'shots.slots.assign': ({ params, body }) => svc.slots.assign(params.id, params.slot, body.ingredientId),
    'shots.slots.clear': ({ params }) => svc.slots.clear(params.id, params.slot),
    'shots.generateFlow': ({ params }) => svc.pipeline.payload(params.id),
    'shots.veoSubmit': ({ params }) => svc.pipeline.veo(params.id),
    'shots.export': ({ params, res }) => svc.exports.shot(params.id, res),
  };
}
