import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { RelayHealth } from '../shared/schemas/relay-accounts.js';
import { apiKeyRoutes } from './auth/api-keys.js';
import { identify } from './auth/identify.js';
import { authRoutes } from './auth/routes.js';
import { loadJwtKey, pruneRevoked } from './auth/tokens.js';
import { bountyRoutes } from './bounties/routes.js';
import { settleDue } from './bounties/fulfil.js';
import { systemClock, type Clock } from './clock.js';
import type { RelayConfig } from './config.js';
import type { RelayContext } from './context.js';
import { feedRoutes } from './community/feed.js';
import { FeedCache } from './community/feed-cache.js';
import { itemRoutes } from './community/items.js';
import { userRoutes } from './community/users.js';
import { openDb } from './db/open.js';
import { MemoryCounterStore, RedisCounterStore } from './http/counter-store.js';
import { errorHandler, sendError } from './http/errors.js';
import { notImplementedRoutes } from './http/not-implemented.js';
import { cors, guestRateLimit, rateLimit } from './http/rate-limit.js';
import { paymentRoutes } from './payments/routes.js';
import { hostedRoomsLauncher } from './rooms/world/hosted-rooms-server.js';
import { hostedRoomRoutes } from './rooms/world/hosted-routes.js';
import { hostedGuestRoutes } from './rooms/world/hosted-guest-routes.js';
import { HOSTED_ROOMS_COLYSEUS_PATH } from '../shared/schemas/relay-hosted-rooms.js';
import { WORLD_ROOM_GUEST_SCOPE } from '../shared/world/room-guest-path.js';
import { createStripe } from './payments/stripe.js';
import { webhookRoutes } from './payments/webhook.js';

export const RELAY_VERSION = '0.1.0';

export interface Relay {
  ctx: RelayContext;
  app: Express;
  url: string;
  close(): Promise<void>;
  /** Runs the bounty settlement sweep now (the timer does this every RELAY_SETTLE_EVERY_MS). */
  settle(): ReturnType<typeof settleDue>;
}

/** Opens the database and counters, wires every route and listens. */
export async function createRelay(config: RelayConfig, opts: { clock?: Clock; log?: (line: string) => void } = {}): Promise<Relay> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`relay: ${line}\n`));
  const opened = await openDb({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
  const counters = config.redisUrl ? await RedisCounterStore.connect(config.redisUrl) : new MemoryCounterStore();
  const blobDir = join(config.dataDir, 'blobs');
  mkdirSync(blobDir, { recursive: true });
  const ctx: RelayContext = {
    config,
    db: opened.db,
    dbKind: opened.kind,
    clock: opts.clock ?? systemClock,
    counters,
    stripe: createStripe(config),
    jwtKey: await loadJwtKey(opened.db, config.jwtSecret),
    blobDir,
    feedCache: new FeedCache(),
    log,
  };

  let listening: Server | null = null;
  // Hosted world rooms: Colyseus starts on first use; players' sockets reach this process at publicAddress.
  const rooms = hostedRoomsLauncher(ctx, () => (listening ? { server: listening, publicAddress: config.roomsPublicAddress ?? `${config.publicUrl.replace(/^https?:\/\//, '')}${HOSTED_ROOMS_COLYSEUS_PATH}` } : null));
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; media-src 'self'; frame-ancestors 'none'");
    next();
  });
  app.use(cors(config.corsOrigins));
  app.get('/api/v1/health', (_req, res) => {
    const h: RelayHealth = {
      ok: true,
      version: RELAY_VERSION,
      database: ctx.dbKind,
      vectors: 'real-array',
      rateLimitStore: counters.kind,
      turnstile: config.turnstileSecret ? 'on' : 'off',
      stripe: ctx.stripe ? 'on' : 'off',
    };
    res.json(h);
  });
  const api = express.Router();
  api.use(webhookRoutes(ctx)); // before identify/rate limits: Stripe signs, it does not sign in
  api.use(identify(ctx));
  api.use(rateLimit(ctx));
  api.use(authRoutes(ctx));
  api.use(apiKeyRoutes(ctx));
  api.use(itemRoutes(ctx));
  api.use(feedRoutes(ctx));
  api.use(userRoutes(ctx));
  api.use(bountyRoutes(ctx));
  api.use(paymentRoutes(ctx));
  api.use(hostedRoomRoutes(ctx, rooms));
  api.use(notImplementedRoutes());
  app.use('/api/v1', api);
  // Browser guests of hosted rooms: the guest page may open sockets to the host players' sockets use (every process behind one proxy shares it).
  const roomsHost = () => (config.roomsPublicAddress ?? config.publicUrl.replace(/^https?:\/\//, '')).split('/')[0]!;
  app.use(`/${WORLD_ROOM_GUEST_SCOPE}`, guestRateLimit(ctx));
  app.use(hostedGuestRoutes(ctx, rooms, { connectSrc: () => [`ws://${roomsHost()}`, `wss://${roomsHost()}`] }));
  app.use((req, res) => sendError(res, 404, 'not_found', `No route ${req.method} ${req.path}`));
  app.use(errorHandler(log));

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  // Behind a reverse proxy that keeps upstream connections open, the relay must not close idle
  // ones first (the proxy would reuse a closing socket: ECONNRESET); 65 s outlasts nginx's 60 s.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const port = (server.address() as AddressInfo).port;
  if (!config.publicUrl || config.port === 0) config.publicUrl = `http://${config.host}:${port}`;
  const url = `http://${config.host}:${port}`;
  listening = server;
  const timer = config.settleEveryMs > 0 ? setInterval(() => void settleDue(ctx).then(() => pruneRevoked(ctx)).catch((e) => log(`settle failed: ${(e as Error).message}`)), config.settleEveryMs) : null;
  timer?.unref();
  return {
    ctx,
    app,
    url,
    settle: () => settleDue(ctx),
    async close() {
      if (timer) clearInterval(timer);
      await rooms.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await counters.close();
      await opened.close();
    },
  };
}
