import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './api/create-app.js';
import { attachEventsSocket } from './api/events-ws.js';
import { ensureDataDir, resolveDataDir } from './data-dir.js';
import { closeCore, createCore } from './core.js';
import type { CoreContext, HostContext } from './host-context.js';
import { acquireHostLock, removeHostJson, writeHostJson } from './host-lock.js';
import { createLogger } from './logger.js';
import { seedOnFirstLaunch } from './shaders/first-launch.js';
import type { SeedReport } from './shaders/seed-library.js';
import { APP_VERSION } from './package-root.js';
import { closeLan, lanFor } from './lan/lan-service.js';
import { attachPartySocket } from './video/party/party-studio-socket.js';
import { closeParties } from './video/party/party-services.js';
import { startArcade } from './video/arcade/arcade-runtime.js';
import { startWorldRooms } from './world/room/room-server.js';
import { runDirOf, sweepBrowsers } from '../../worker/render/browser-registry.js';
import type { SecretCodec } from './providers/secret-codec.js';

export const DEFAULT_PORT = 4873;

export interface StartHostOptions {
  home?: string;
  /** 0 picks a free port; undefined tries 4873 and falls back to a free one. */
  port?: number;
  mode: 'headless' | 'desktop';
  log?: (line: string) => void;
  /** Start-up steps as they happen (data dir, database, seeding, workers), for `auteur serve`'s console. */
  progress?: (line: string) => void;
  /** How provider API keys are encrypted at rest; the Electron shell passes a safeStorage codec. */
  secretCodec?: SecretCodec;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  dataDir: string;
  version: string;
  /** The arcade origin (games are framed from it only). */
  arcadeUrl: string;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/** Prints each start-up step with the time since the previous one. */
function stepTimer(progress: ((line: string) => void) | undefined): (line: string) => void {
  let last = performance.now();
  return (line) => {
    const now = performance.now();
    progress?.(`${line} (${Math.round(now - last)} ms)`);
    last = now;
  };
}

function seedSummary(r: SeedReport | null): string {
  if (!r) return 'seed shaders: skipped';
  if (!r.inserted) return r.errors.length ? `seed shaders: ${r.errors.length} refused (see the log)` : 'seed shaders: already in the library';
  const queued = r.renderJobs.length ? `, ${r.renderJobs.length} queued to render here` : '';
  return `seed shaders: ${r.inserted} added, ${r.precomputed} ready from precomputed renders${queued}`;
}

/**
 * Starts the studio host in this process: data dir + lock, SQLite (migrated), the job runner
 * with its worker pool, and the HTTP/WebSocket server on 127.0.0.1. Used by `auteur serve` and
 * by the Electron shell alike; it never imports electron.
 */
export async function startHost(opts: StartHostOptions): Promise<RunningHost> {
  const step = stepTimer(opts.progress);
  const dataDir = resolveDataDir(opts.home);
  ensureDataDir(dataDir);
  const releaseLock = acquireHostLock(dataDir);
  const logger = createLogger(dataDir.logsDir, opts.log ? { echo: opts.log } : {});
  // Render Chromiums a killed host left behind (recorded in <dataDir>/run): none may outlive it.
  const swept = sweepBrowsers(runDirOf(dataDir.root), { all: true });
  if (swept) logger.warn(`killed ${swept} leftover render Chromium process(es) of a previous host`);
  step(`data dir ${dataDir.root}`);
  let core: CoreContext | undefined;
  try {
    // Studios register their job hooks and services in core.ts (registerDomains), not here.
    opts.progress?.('opening the database and applying migrations…');
    core = createCore({ dataDir, mode: opts.mode, logger, secretCodec: opts.secretCodec });
    const v = core.database.versions;
    step(`database ready: SQLite ${v.sqlite}, sqlite-vec ${v.vec ?? '?'}, ${v.schemaVersion ?? 'no migrations'}`);
    // Before the URL line: the first launch's feed is full when the page first asks for it.
    opts.progress?.('seed shaders…');
    const seeded = await seedOnFirstLaunch(core);
    step(seedSummary(seeded));
    const token = randomBytes(24).toString('base64url');
    const ctx: HostContext = { ...core, origin: { url: '', port: 0, token } };
    const server = createServer(createApp(ctx));
    // Keep idle keep-alive sockets well past a client's pause: with Node's 5 s default, a busy
    // loop lets the idle timer close a socket that already carries the next request (ECONNRESET).
    server.keepAliveTimeout = 65_000;
    const detachWs = attachEventsSocket(server, ctx);
    const detachParty = attachPartySocket(server, ctx);
    let port: number;
    try {
      port = await listen(server, opts.port ?? DEFAULT_PORT);
    } catch (err) {
      if (opts.port !== undefined || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      port = await listen(server, 0);
    }
    ctx.origin = { url: `http://127.0.0.1:${port}`, port, token };
    const arcade = await startArcade(ctx);
    await lanFor(ctx).startIfEnabled();
    const worldRooms = await startWorldRooms(server, ctx);
    writeHostJson(dataDir, { url: ctx.origin.url, port, token, pid: process.pid, version: APP_VERSION });
    ctx.runner.start();
    const cap = ctx.pool.capacity;
    step(`job runner started: worker slots gpu ${cap.gpu}, cpu ${cap.cpu}, io ${cap.io} (processes start on demand)`);
    logger.info(`host ${APP_VERSION} (${opts.mode}) listening on ${ctx.origin.url}, data dir ${dataDir.root}`);

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        logger.info('host shutting down');
        detachWs();
        await worldRooms.close();
        await closeLan(ctx);
        detachParty();
        closeParties(ctx);
        await arcade.close();
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
        await closeCore(ctx);
        removeHostJson(dataDir);
        releaseLock();
      })());
    return { url: ctx.origin.url, port, token, dataDir: dataDir.root, version: APP_VERSION, arcadeUrl: arcade.url, close };
  } catch (err) {
    if (core) await closeCore(core);
    releaseLock();
    throw err;
  }
}
