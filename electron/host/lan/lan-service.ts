import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logger.js';
import { InviteStore } from './invite-store.js';
import { lanAddresses } from './lan-addresses.js';
import { readJsonFile, writeJsonFile } from './lan-file.js';
import { applyLanHeaders, redact, rejectUpgrade, resolveLan, sendLanError } from './lan-router.js';
import type { LanScope, LanStatus } from './lan-types.js';

export const DEFAULT_LAN_PORT = 7318;

interface LanSettings {
  enabled: boolean;
  port: number;
}
const isSettings = (v: unknown): v is LanSettings =>
  !!v && typeof (v as LanSettings).enabled === 'boolean' && Number.isInteger((v as LanSettings).port) && (v as LanSettings).port >= 0 && (v as LanSettings).port < 65536;

/**
 * "Share on my network": a second HTTP server on 0.0.0.0 that serves only registered scopes
 * (party, world-room), each behind per-resource invite tokens. Off by default; the setting is
 * persisted in <dataDir>/lan/settings.json and restored when the host starts. Stopping closes
 * the listener and every socket on it, upgraded WebSockets included.
 */
export class LanService {
  readonly invites: InviteStore;
  private readonly scopes = new Map<string, LanScope>();
  private settings: LanSettings;
  private server: Server | null = null;
  private boundPort = 0;
  private lastError: string | undefined;
  private readonly sockets = new Set<Socket | Duplex>();
  private readonly stopHooks = new Set<() => void>();

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {
    this.invites = new InviteStore(join(dir, 'invites.json'));
    this.settings = readJsonFile(join(dir, 'settings.json'), { enabled: false, port: DEFAULT_LAN_PORT }, isSettings);
  }

  /** Serve /<name>/… on the LAN. Returns the unregister function. */
  registerScope(scope: LanScope): () => void {
    if (this.scopes.has(scope.name)) throw new Error(`LAN scope "${scope.name}" is already registered`);
    this.scopes.set(scope.name, scope);
    return () => {
      if (this.scopes.get(scope.name) === scope) this.scopes.delete(scope.name);
    };
  }

  /** Called whenever the listener stops (sharing turned off, host closing): drop guest state. */
  onStop(hook: () => void): () => void {
    this.stopHooks.add(hook);
    return () => this.stopHooks.delete(hook);
  }

  get running(): boolean {
    return this.server !== null;
  }

  status(): LanStatus {
    const addresses = lanAddresses();
    const port = this.server ? this.boundPort : this.settings.port;
    return {
      enabled: this.settings.enabled,
      running: this.running,
      port,
      addresses,
      urls: this.server ? addresses.map((a) => `http://${a}:${port}`) : [],
      ...(this.lastError ? { error: this.lastError } : {}),
    };
  }

  /** The base URL guests should use (first LAN address; 127.0.0.1 when the machine has none). */
  guestOrigin(): string | null {
    if (!this.server) return null;
    return `http://${lanAddresses()[0] ?? '127.0.0.1'}:${this.boundPort}`;
  }

  /** Persists the choice and starts or stops the listener to match it. Port 0 picks a free port. */
  async configure(next: { enabled: boolean; port?: number }): Promise<LanStatus> {
    const port = next.port ?? this.settings.port;
    const portChanged = port !== this.settings.port;
    this.settings = { enabled: next.enabled, port };
    writeJsonFile(join(this.dir, 'settings.json'), this.settings);
    if (!next.enabled || portChanged) await this.stop();
    // A busy port is reported in status().error rather than failing the request.
    if (next.enabled && !this.server) await this.start().catch(() => undefined);
    return this.status();
  }

  /** At host start: resume sharing if the user left it on. A busy port is reported, not fatal. */
  async startIfEnabled(): Promise<void> {
    if (this.settings.enabled && !this.server) await this.start().catch(() => undefined);
  }

  private async start(): Promise<void> {
    const server = createServer((req, res) => {
      const r = resolveLan(req, this.boundPort, this.scopes, this.invites);
      if (!r.ok) return sendLanError(req, res, r.status, r.code, r.message);
      applyLanHeaders(res);
      Promise.resolve()
        .then(() => r.scope.http(req, res, r.at))
        .catch((err: unknown) => {
        this.logger.error(`LAN ${r.scope.name} ${req.method} ${redact(req.url)} failed: ${(err as Error)?.stack ?? String(err)}`);
        if (!res.headersSent) sendLanError(req, res, 500, 'internal_error', 'Something went wrong on the host');
        else res.destroy();
      });
    });
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    server.on('upgrade', (req, socket, head) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      const r = resolveLan(req, this.boundPort, this.scopes, this.invites);
      if (!r.ok) return rejectUpgrade(socket, r.status, r.code, r.message);
      if (!r.scope.upgrade) return rejectUpgrade(socket, 404, 'not_found', 'Not found');
      r.scope.upgrade(req, socket, head, r.at);
    });
    server.maxConnections = 512;
    server.headersTimeout = 15_000;
    server.requestTimeout = 30_000;
    try {
      this.boundPort = await new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.settings.port, '0.0.0.0', () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    } catch (err) {
      this.lastError = `Could not listen on port ${this.settings.port}: ${(err as Error).message}`;
      this.logger.warn(`LAN sharing: ${this.lastError}`);
      throw err;
    }
    this.lastError = undefined;
    this.server = server;
    this.logger.info(`LAN sharing on: listening on 0.0.0.0:${this.boundPort} (${lanAddresses().join(', ') || 'no LAN address'})`);
  }

  /** Closes the listener and every socket on it (HTTP and upgraded WebSockets). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const hook of this.stopHooks) {
      try {
        hook();
      } catch (err) {
        this.logger.warn(`LAN stop hook failed: ${(err as Error).message}`);
      }
    }
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    this.logger.info('LAN sharing off: listener closed');
  }
}

const services = new Map<string, LanService>();

/** The one LAN service of a host (keyed by data dir, so core- and host-level callers share it). */
export function lanFor(ctx: { dataDir: { root: string }; logger: Logger }): LanService {
  let svc = services.get(ctx.dataDir.root);
  if (!svc) {
    svc = new LanService(join(ctx.dataDir.root, 'lan'), ctx.logger);
    services.set(ctx.dataDir.root, svc);
  }
  return svc;
}

/** Host shutdown: stop the listener and forget the instance (a restarted host in-process gets a fresh one). */
export async function closeLan(ctx: { dataDir: { root: string } }): Promise<void> {
  const svc = services.get(ctx.dataDir.root);
  services.delete(ctx.dataDir.root);
  await svc?.stop();
}
