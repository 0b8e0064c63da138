import express, { type Router } from 'express';
import { RELAY_NOT_IMPLEMENTED_ROUTES } from '../../shared/relay/routes.js';
import { sendError } from './errors.js';

/** Seed §11f: the creator-economy routes exist and answer 501 until that rollout. */
export function notImplementedRoutes(): Router {
  const r = express.Router();
  for (const route of RELAY_NOT_IMPLEMENTED_ROUTES) {
    const [method, path] = route.split(' ') as ['GET' | 'POST', string];
    const sub = path.replace(/^\/api\/v1/, '');
    const handler = (_req: unknown, res: express.Response) =>
      sendError(res, 501, 'not_implemented', 'The creator economy (source unlocks, commercial licences, revenue share, verified creators) is not live on this relay yet');
    if (method === 'GET') r.get(sub, handler);
    else r.post(sub, handler);
  }
  return r;
}
