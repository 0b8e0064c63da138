import express, { type NextFunction, type Request, type Response } from 'express';
import { bearerFrom, sendError, tokenMatches } from '../api/security.js';

/**
 * A world file (entities + base64 terrain chunks) is easily larger than the API's global 2 MB
 * JSON limit, so POST /world/worlds/import gets its own parser with a larger cap, mounted before
 * the global one (body-parser skips a body that was already read). Only a caller holding the
 * token gets the large parser: anyone else falls through to the 2 MB one and the route's 401.
 */

export const WORLD_FILE_MAX_BYTES = 64 * 1024 * 1024;
export const WORLD_IMPORT_PATH = '/world/worlds/import';

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export function worldImportBody(token: () => string) {
  const parse = express.json({ limit: WORLD_FILE_MAX_BYTES });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !tokenMatches(bearerFrom(req), token())) return next();
    parse(req, res, (err?: unknown) => {
      const e = err as { type?: string; length?: number } | undefined;
      if (e?.type === 'entity.too.large') {
        const size = typeof e.length === 'number' && e.length > 0 ? ` (this one is ${mb(e.length)})` : '';
        return sendError(res, 413, 'payload_too_large', `A world file may be at most ${mb(WORLD_FILE_MAX_BYTES)}${size}`, { limitBytes: WORLD_FILE_MAX_BYTES });
      }
      next(err);
    });
  };
}
