import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import { API_PREFIX } from '../../../shared/routes.js';

/**
 * Serves the built renderer. Client-side routes (/shaders, /jobs …) get index.html; hashed
 * assets are cached for a long time, index.html never (so a new build is picked up).
 */
export function staticRenderer(dir: string): Router {
  const router = express.Router();
  const index = join(dir, 'index.html');
  router.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, path) => res.setHeader('Cache-Control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    }),
  );
  router.get(/.*/, (req: Request, res: Response, next) => {
    if (req.path.startsWith(API_PREFIX) || req.path === '/mcp') return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send(`The studio UI has not been built (${index} is missing). Run \`npm run build\` and reload.`);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
