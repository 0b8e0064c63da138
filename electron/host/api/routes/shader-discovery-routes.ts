import { jobKindSpec } from '../../../../shared/jobs/registry.js';
import { AppError, badRequest, notFound } from '../../errors.js';
import type { HostContext } from '../../host-context.js';
import { generationStreams } from '../../shaders/generation-stream.js';
import { RENDER_KIND } from '../../shaders/render-queue.js';
import { shaderServices } from '../../shaders/services.js';
import { sourceKey, sourceOf } from '../../shaders/shader-rows.js';
import { similarShaders } from '../../shaders/similar.js';
import type { RouteHandlers } from '../mount-routes.js';

export const GENERATE_KIND = 'shader.generate';

function requireKind(kind: string, what: string): void {
  if (!jobKindSpec(kind)) throw new AppError(503, 'unavailable', `${what} is not available in this build (no "${kind}" job kind is registered)`);
}

/** Feed, desires, ad-hoc renders and generation (shared/routes/shader-discovery.ts). */
export function shaderDiscoveryRoutes(ctx: HostContext): RouteHandlers {
  const svc = shaderServices(ctx);
  const me = ctx.ownerUserId;
  return {
    'feed.personal': ({ query }) => svc.feed.personal(me, query.cursor, query.limit),
    'feed.trending': ({ query }) => svc.feed.trending(query.cursor, query.limit),
    'feed.new': ({ query }) => svc.feed.newest(query.cursor, query.limit),
    'feed.dwell': ({ body }) => svc.engagement.dwell(body),
    'desires.list': ({ query }) => svc.desires.list(query),
    'desires.create': ({ body }) => svc.desires.create(body),
    'desires.get': ({ params }) => svc.desires.get(params.id),
    'desires.fulfill': ({ params, body }) => svc.desires.fulfill(params.id, body.shaderId),
    'desires.review': ({ params, body }) => svc.desires.reviewCandidate(params.id, body),
    'shaders.similar': ({ params, query }) => similarShaders(ctx, svc.reader, params.id, query.limit),
    'render.create': ({ body }) => {
      requireKind(RENDER_KIND, 'Rendering');
      if (body.shaderId) {
        const row = svc.shaders.row(body.shaderId);
        if (sourceKey(body.source) !== sourceKey(sourceOf(row))) {
          throw badRequest(`The source differs from the saved shader ${body.shaderId}: save it first (PUT /shaders/${body.shaderId}) or render without shaderId`);
        }
      }
      return svc.renders.submitAdHoc(body);
    },
    'generate.create': ({ body }) => {
      requireKind(GENERATE_KIND, 'Shader generation');
      if (body.desireId) svc.desires.assertWorkable(body.desireId);
      const { job } = ctx.jobs.submit({ kind: GENERATE_KIND, input: body, userId: me });
      if (body.desireId) {
        svc.desires.markInProgress(body.desireId);
        svc.desires.fulfiller.onGenerationStarted(body.desireId, job.id);
      }
      return job;
    },
    'generate.status': ({ params }) => {
      const job = ctx.jobs.get(params.job_id);
      if (job.kind !== GENERATE_KIND) throw notFound(`Generation job ${params.job_id}`);
      return job;
    },
    'generate.stream': ({ params }) => {
      const job = ctx.jobs.get(params.job_id);
      if (job.kind !== GENERATE_KIND) throw notFound(`Generation job ${params.job_id}`);
      return generationStreams(ctx.bus).get(job.id);
    },
  };
}
