import { jobKindNames, jobKindSpec } from '../../../../shared/jobs/registry.js';
import { z } from 'zod';
import type { HostContext } from '../../host-context.js';
import type { RouteHandlers } from '../mount-routes.js';

export function jobRoutes(ctx: HostContext): RouteHandlers {
  return {
    'jobs.list': ({ query }) => ctx.jobs.page(query),
    'jobs.counts': () => ctx.jobs.counts(),
    'jobs.kinds': () => ({
      kinds: jobKindNames().map((k) => {
        const s = jobKindSpec(k)!;
        return {
          kind: s.kind,
          title: s.title,
          description: s.description,
          resource: s.resource,
          maxAttempts: s.maxAttempts,
          input: z.toJSONSchema(s.input, { io: 'input', unrepresentable: 'any' }),
          output: z.toJSONSchema(s.output, { unrepresentable: 'any' }),
        };
      }),
    }),
    'jobs.get': ({ params }) => ctx.jobs.get(params.id),
    'jobs.create': ({ body, req, res }) => {
      const { job, created } = ctx.jobs.submit({
        kind: body.kind,
        input: body.input,
        maxAttempts: body.maxAttempts,
        idempotencyKey: req.get('Idempotency-Key') ?? null,
        userId: ctx.ownerUserId,
      });
      // 201 for a new job, 200 when an Idempotency-Key replays an existing one.
      res.locals.status = created ? 201 : 200;
      return job;
    },
    'jobs.cancel': ({ params }) => ctx.jobs.cancel(params.id),
    'jobs.retry': ({ params }) => ctx.jobs.retry(params.id),
  };
}
