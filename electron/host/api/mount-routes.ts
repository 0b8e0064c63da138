import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { ROUTES, type RouteId, type RouteResponse, type RouteSpec } from '../../../shared/routes.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { bearerFrom, sendError, tokenMatches } from './security.js';

type R = typeof ROUTES;
type Out<S> = S extends z.ZodType ? z.infer<S> : undefined;
export interface HandlerInput<K extends RouteId> {
  params: Out<R[K] extends { params: infer P } ? P : undefined>;
  query: Out<R[K] extends { query: infer Q } ? Q : undefined>;
  body: Out<R[K] extends { body: infer B } ? B : undefined>;
  req: Request;
  res: Response;
}
export type RouteHandler<K extends RouteId> = (input: HandlerInput<K>) => RouteResponse<K> | Promise<RouteResponse<K>>;
export type RouteHandlers = { [K in RouteId]?: RouteHandler<K> };

function parseOr400(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError(400, 'validation_failed', `Invalid ${where}: ${z.prettifyError(r.error)}`, r.error.issues);
  return r.data;
}

/**
 * Mounts every route of the shared table: token check, params/query/body validation, the
 * handler, and validation of what the handler returns (a mismatch is our bug → 500, not
 * silently wrong data). Routes whose spec says 501 answer that without a handler.
 */
export function mountRoutes(router: Router, handlers: RouteHandlers, auth: { token: () => string; logger: Logger }): void {
  for (const [id, spec] of Object.entries(ROUTES) as [RouteId, RouteSpec][]) {
    const handler = handlers[id] as RouteHandler<RouteId> | undefined;
    if (!handler && spec.status !== 501) throw new Error(`No handler for route ${id}`);
    router[spec.method](spec.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        if (spec.auth === 'token' && !tokenMatches(bearerFrom(req), auth.token())) {
          res.setHeader('WWW-Authenticate', 'Bearer realm="auteur"');
          return sendError(res, 401, 'unauthorized', 'Missing or wrong access token. Send "Authorization: Bearer <token>" with the token printed by `auteur serve` (also in host.json).');
        }
        if (!handler) {
          return sendError(res, 501, 'not_implemented', `${spec.summary}. The creator economy is designed into the data model but not live in this version.`);
        }
        const input = {
          params: parseOr400(spec.params, req.params, 'path parameters'),
          query: parseOr400(spec.query, req.query, 'query'),
          body: parseOr400(spec.body, req.body ?? {}, 'request body'),
          req,
          res,
        } as HandlerInput<RouteId>;
        const out = await handler(input);
        // Binary routes (images, video) stream their own response.
        if (spec.produces || res.headersSent) return;
        const checked = spec.response.safeParse(out);
        if (!checked.success) {
          auth.logger.error(`route ${id} returned data that does not match its schema: ${checked.error.message}`);
          return sendError(res, 500, 'internal_error', `The host produced an invalid response for ${id}; see logs/host.log`);
        }
        // A handler may pick another success status through res.locals.status (e.g. 200 for a replay).
        res.status((res.locals.status as number | undefined) ?? spec.status ?? 200).json(checked.data);
      } catch (err) {
        next(err);
      }
    });
  }
}

/** Last-resort error handler: AppErrors keep their status; body-parser errors become 400/413. */
export function errorHandler(logger: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof AppError) return sendError(res, err.status, err.code, err.message, err.details);
    const e = err as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.parse.failed') return sendError(res, 400, 'invalid_json', `The request body is not valid JSON: ${e.message}`);
    if (e?.type === 'entity.too.large') return sendError(res, 413, 'payload_too_large', 'The request body is larger than this route accepts');
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return sendError(res, e.status, 'bad_request', e.message ?? 'Bad request');
    logger.error(`unhandled API error: ${(err as Error)?.stack ?? String(err)}`);
    return sendError(res, 500, 'internal_error', 'Something went wrong in the host; details are in logs/host.log');
  };
}
