import { RelayHealth, RelayMe, RelaySession } from '../../../shared/schemas/relay-accounts.js';
import type { CommunityRegisterBody, CommunityRelayCheck, CommunitySignInBody, CommunityStatus } from '../../../shared/schemas/community.js';
import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { keyFileCodec, type SecretCodec } from '../providers/secret-codec.js';
import { openSecret } from '../providers/settings-store.js';
import { CommunityStore, SessionTokens, type CommunityRow } from './community-store.js';
import { expectOk, refreshCookieFrom, relayFetch, type RelayReply, type RelayRequest } from './relay-http.js';

const services = new WeakMap<CoreContext, CommunityService>();

/** One service per running core, so concurrent requests share one token refresh. */
export function communityFor(ctx: CoreContext): CommunityService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = new CommunityService(ctx)));
  return s;
}

/**
 * The studio's side of the community relay: relay URL, sign-in, and signed calls that refresh
 * the 15-minute access token on a 401 (the relay rotates refresh tokens, so only one refresh
 * may be in flight: a second use of the old cookie would revoke the whole sign-in).
 */
export class CommunityService {
  private readonly store: CommunityStore;
  private refreshing: Promise<SessionTokens> | null = null;

  constructor(private readonly ctx: CoreContext) {
    this.store = new CommunityStore(ctx.database.db);
  }

  private get codec(): SecretCodec {
    return this.ctx.providers.settings.codec;
  }

  private readers(): SecretCodec[] {
    const keyFile = keyFileCodec(this.ctx.dataDir.root);
    return this.codec.kind === keyFile.kind ? [this.codec] : [this.codec, keyFile];
  }

  async status(): Promise<CommunityStatus> {
    const row = this.store.read();
    let problem: string | null = null;
    const stored = this.store.readSession();
    if (row.user && !stored) problem = 'The saved sign-in is missing its tokens; sign in again.';
    if (stored) {
      const opened = await openSecret({ codec: stored.codec, cipher: stored.cipher }, this.readers());
      if ('error' in opened) problem = `The saved relay sign-in cannot be used here: ${opened.error.replace(/Settings → Providers/g, 'Settings → Community')}`;
    }
    return {
      relayUrl: row.relayUrl,
      signedIn: Boolean(row.user && stored && !problem),
      user: row.user,
      problem,
      encryption: this.codec.describe(),
    };
  }

  /** Sets or clears the relay URL. A different relay means a different account: the old sign-in is revoked (best effort) and forgotten. */
  async setRelay(relayUrl: string | null): Promise<CommunityStatus> {
    const url = relayUrl ? normalise(relayUrl) : null;
    const row = this.store.read();
    if (url !== row.relayUrl) {
      await this.revokeQuietly(row);
      this.store.write({ relayUrl: url, user: null }, null);
    }
    return this.status();
  }

  async check(): Promise<CommunityRelayCheck> {
    const base = this.requireRelay();
    try {
      const health = await relayHealth(base);
      return { relayUrl: base, reachable: true, message: `Relay ${health.version} is up (${health.database} database).`, health };
    } catch (err) {
      if (err instanceof AppError) return { relayUrl: base, reachable: false, message: err.message, health: null };
      throw err;
    }
  }

  signIn(body: CommunitySignInBody): Promise<CommunityStatus> {
    return this.startSession('/api/v1/auth/login', body, 'Sign in');
  }

  register(body: CommunityRegisterBody): Promise<CommunityStatus> {
    return this.startSession('/api/v1/auth/register', body, 'Registration');
  }

  async signOut(): Promise<CommunityStatus> {
    const row = this.store.read();
    await this.revokeQuietly(row);
    this.store.write({ relayUrl: row.relayUrl, user: null }, null);
    return this.status();
  }

  /** Re-reads the account from the relay's /me (its tier changes when the user upgrades there). */
  async refreshAccount(): Promise<CommunityStatus> {
    const base = this.requireRelay();
    const me = RelayMe.safeParse(expectOk(base, await this.authed('GET', '/api/v1/me'), 'Reading the relay account'));
    if (!me.success) throw new AppError(502, 'relay_bad_response', `${base} answered /api/v1/me, but not with an account.`);
    const { id, username, email, tier } = me.data;
    this.store.write({ relayUrl: base, user: { id, username, email, tier } }, undefined);
    return this.status();
  }

  /**
   * A call as the signed-in user. On a 401 the access token is refreshed once (rotating the
   * refresh cookie) and the call retried; a refused refresh signs out here and says so.
   */
  async authed(method: string, path: string, req: Omit<RelayRequest, 'token' | 'cookie'> = {}): Promise<RelayReply> {
    const base = this.requireRelay();
    const tokens = await this.tokens();
    const first = await relayFetch(base, method, path, { ...req, token: tokens.accessToken });
    if (first.status !== 401) return first;
    const fresh = await this.refresh(tokens);
    return relayFetch(base, method, path, { ...req, token: fresh.accessToken });
  }

  /** The relay URL set in Settings, or null. */
  configuredRelay(): string | null {
    return this.store.read().relayUrl ?? null;
  }

  /** The relay URL, or a clear 409 when none is set. */
  requireRelay(): string {
    const { relayUrl } = this.store.read();
    if (!relayUrl) throw new AppError(409, 'community_not_configured', 'No community relay is set: add its address in Settings → Community.');
    return relayUrl;
  }

  private async tokens(): Promise<SessionTokens> {
    const row = this.store.read();
    const stored = this.store.readSession();
    if (!row.user || !stored) throw new AppError(409, 'community_signed_out', 'Not signed in to the community relay: sign in under Settings → Community.');
    const opened = await openSecret({ codec: stored.codec, cipher: stored.cipher }, this.readers());
    if ('error' in opened) throw new AppError(409, 'community_signed_out', `The saved relay sign-in cannot be used: ${opened.error} Sign in again under Settings → Community.`);
    const parsed = SessionTokens.safeParse(safeJson(opened.value));
    if (!parsed.success) throw new AppError(409, 'community_signed_out', 'The saved relay sign-in is damaged: sign in again under Settings → Community.');
    return parsed.data;
  }

  private refresh(old: SessionTokens): Promise<SessionTokens> {
    this.refreshing ??= this.doRefresh(old).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async doRefresh(old: SessionTokens): Promise<SessionTokens> {
    const base = this.requireRelay();
    const reply = await relayFetch(base, 'POST', '/api/v1/auth/refresh', { cookie: old.refreshCookie });
    if (reply.status === 401 || reply.status === 403) {
      const row = this.store.read();
      this.store.write({ relayUrl: row.relayUrl, user: null }, null);
      throw new AppError(409, 'community_signed_out', 'The relay ended this sign-in (expired or revoked): sign in again under Settings → Community.');
    }
    const session = RelaySession.parse(expectOk(base, reply, 'Refreshing the relay sign-in'));
    return this.save(base, session, refreshCookieFrom(reply.setCookies) ?? old.refreshCookie);
  }

  private async startSession(path: string, body: unknown, what: string): Promise<CommunityStatus> {
    const base = this.requireRelay();
    // A wrong address (another server, this host) would otherwise answer with its own errors.
    await relayHealth(base);
    const reply = await relayFetch(base, 'POST', path, { json: body });
    const parsed = RelaySession.safeParse(expectOk(base, reply, what));
    if (!parsed.success) throw new AppError(502, 'relay_bad_response', `${what}: ${base} answered, but not with a relay session; is this an Auteur community relay?`);
    const cookie = refreshCookieFrom(reply.setCookies);
    if (!cookie) throw new AppError(502, 'relay_bad_response', `${what}: the relay sent no refresh cookie, so the sign-in could not be kept.`);
    await this.save(base, parsed.data, cookie);
    return this.status();
  }

  private async save(base: string, session: RelaySession, refreshCookie: string): Promise<SessionTokens> {
    const tokens: SessionTokens = { accessToken: session.accessToken, refreshCookie };
    const cipher = await this.codec.encrypt(JSON.stringify(tokens));
    const { id, username, email, tier } = session.user;
    this.store.write({ relayUrl: base, user: { id, username, email, tier } }, { codec: this.codec.kind, cipher });
    return tokens;
  }

  /** Signing out should not depend on the relay being up: revoke when it answers, forget either way. */
  private async revokeQuietly(row: CommunityRow): Promise<void> {
    if (!row.relayUrl || !row.user) return;
    try {
      const t = await this.tokens();
      await relayFetch(row.relayUrl, 'POST', '/api/v1/auth/logout', { token: t.accessToken, cookie: t.refreshCookie, timeoutMs: 5000 });
    } catch (err) {
      this.ctx.logger.warn(`community: could not revoke the relay sign-in (${(err as Error).message}); forgetting it here anyway`);
    }
  }
}

/** The relay's /health, or why the address is not a reachable Auteur relay. */
async function relayHealth(base: string): Promise<RelayHealth> {
  const reply = await relayFetch(base, 'GET', '/api/v1/health', { timeoutMs: 8000 });
  const health = RelayHealth.safeParse(reply.status === 200 ? reply.body : null);
  if (!health.success) throw new AppError(502, 'relay_bad_response', `${base} answered /api/v1/health with ${reply.status}, not like an Auteur community relay: check the address in Settings → Community.`);
  return health.data;
}

function normalise(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return null;
  }
}
