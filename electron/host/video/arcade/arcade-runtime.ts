import { join } from 'node:path';
import { AppError } from '../../errors.js';
import type { HostContext } from '../../host-context.js';
import { PACKAGE_ROOT } from '../../package-root.js';
import { startArcadeOrigin, type ArcadeOrigin } from './arcade-origin.js';
import { ArcadeService } from './arcade-service.js';

/** The arcade of one running host: its service and its origin server. */
export interface ArcadeRuntime {
  service: ArcadeService;
  origin: ArcadeOrigin;
}

export const ARCADE_RESOURCES = join(PACKAGE_ROOT, 'resources', 'arcade');

const byHost = new WeakMap<object, ArcadeRuntime>();

/** Both loopback spellings of the studio's origin: the only pages allowed to frame a game. */
function studioOrigins(ctx: HostContext): string[] {
  const port = ctx.origin.port;
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/**
 * Starts the arcade origin (its own port on 127.0.0.1) and installs the shipped games on a first
 * run. Called by boot.ts once the studio listens (frame-ancestors needs its port).
 */
export async function startArcade(ctx: HostContext): Promise<{ url: string; close(): Promise<void> }> {
  let service!: ArcadeService;
  const origin = await startArcadeOrigin({ gameDir: (id) => service.gameDir(id), studioOrigins: () => studioOrigins(ctx) });
  service = new ArcadeService({
    database: ctx.database,
    media: ctx.media,
    logger: ctx.logger,
    gamesDir: join(ctx.dataDir.root, 'arcade'),
    origin: () => origin.url,
    renderThumbnails: process.env.AUTEUR_ARCADE_SCREENSHOTS !== '0',
  });
  byHost.set(ctx, { service, origin });
  try {
    const added = await service.seed(ARCADE_RESOURCES);
    if (added) ctx.logger.info(`arcade: installed ${added} shipped game(s)`);
  } catch (err) {
    ctx.logger.warn(`arcade: shipped games not installed: ${(err as Error).message}`);
  }
  ctx.logger.info(`arcade origin listening on ${origin.url}`);
  return {
    url: origin.url,
    close: async () => {
      byHost.delete(ctx);
      await origin.close();
    },
  };
}

/** The running arcade of this host; 503 before it started (or in a process without one). */
export function arcadeOf(ctx: HostContext): ArcadeRuntime {
  const rt = byHost.get(ctx);
  if (!rt) throw new AppError(503, 'arcade_unavailable', 'The arcade origin is not running in this host process.');
  return rt;
}

/** frame-src of the studio's CSP: the arcade origin, once it listens. */
export function arcadeFrameSources(ctx: HostContext): string[] {
  const rt = byHost.get(ctx);
  return rt ? [rt.origin.url] : [];
}
