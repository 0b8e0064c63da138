import { eq } from 'drizzle-orm';
import { RelayDesire } from '../../../shared/schemas/relay-bounties.js';
import type { BountyActionResult, BountyBoard, BountyBoardQuery, BountyDesire, BountyFulfilBody, BountyPost, BountyPostBody } from '../../../shared/schemas/community-bounties.js';
import { desires as localDesires } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { ensurePublished } from './bounties-publish.js';
import { BountyPostStore, type BountyPostRow } from './bounties-store.js';
import { communityFor } from './community-service.js';
import { expectOk, relayFetch, type RelayReply } from './relay-http.js';

const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

/**
 * The relay's bounty board from the studio (issue 14). Every state shown comes from the relay
 * on each call: a tip is "pending payment" until Stripe's webhook has reached the relay and it
 * reports the tip held; nothing here marks money as held or paid on its own.
 */
export class BountyService {
  private readonly store: BountyPostStore;

  constructor(private readonly core: CoreContext) {
    this.store = new BountyPostStore(core.database.db);
  }

  private get community() {
    return communityFor(this.core);
  }

  async board(q: BountyBoardQuery): Promise<BountyBoard> {
    const base = this.community.requireRelay();
    const status = await this.community.status();
    const qs = new URLSearchParams({ status: q.status, limit: String(q.limit), ...(q.hasTip ? { hasTip: q.hasTip } : {}) });
    const path = `/api/v1/desires?${qs}`;
    // The board is public; signed in, the call carries the session (and refreshes it) all the same.
    const reply = status.signedIn ? await this.community.authed('GET', path) : await relayFetch(base, 'GET', path);
    const list = RelayDesire.array().safeParse((expectOk(base, reply, 'Reading the bounty board') as { desires?: unknown })?.desires);
    if (!list.success) throw new AppError(502, 'relay_bad_response', `${base} answered the bounty board without a list of desires.`);
    const me = status.signedIn ? status.user?.id ?? null : null;
    const out: BountyDesire[] = [];
    for (const d of list.data) {
      const row = this.store.byRelayDesire(base, d.id);
      // Tip states are only shown to the tipper: re-read our own posted desire with the session.
      const full = row?.tipId && me === d.author.id ? await this.readDesire(base, d.id).catch(() => d) : d;
      out.push(this.view(full, me, row));
    }
    return { relayUrl: base, signedIn: status.signedIn, desires: out };
  }

  /** The local desires posted to the current relay, each with the tip status the relay reports now. */
  async posts(): Promise<{ posts: BountyPost[] }> {
    // The desire queue asks this on every visit: with no relay set nothing was posted (not an error).
    const base = this.community.configuredRelay();
    if (!base) return { posts: [] };
    const rows = this.store.forRelay(base);
    const posts: BountyPost[] = [];
    for (const row of rows) {
      // Signed out or relay gone: the tip's status is unknown (null), never guessed.
      const d = row.tipId ? await this.readDesire(base, row.relayDesireId).catch(() => null) : null;
      posts.push(this.postView(row, d));
    }
    return { posts };
  }

  async post(body: BountyPostBody): Promise<BountyActionResult> {
    const base = this.community.requireRelay();
    const local = this.core.database.db.select().from(localDesires).where(eq(localDesires.id, body.desireId)).get();
    if (!local) throw new AppError(404, 'not_found', `No desire ${body.desireId}`);
    if (local.status === 'fulfilled' || local.status === 'expired') throw new AppError(409, 'desire_closed', `This desire is ${local.status} here already; only an open desire can be posted to the bounty board.`);
    const already = this.store.byDesire(base, body.desireId);
    if (already) throw new AppError(409, 'already_posted', `This desire is on the ${base} bounty board already.`, { relayDesireId: already.relayDesireId });
    const json = { promptText: local.promptText.slice(0, 500), ...(body.tipCents ? { tipCents: body.tipCents, checkout: true } : {}), ...(body.ttlDays ? { ttlDays: body.ttlDays } : {}) };
    const reply = await this.community.authed('POST', '/api/v1/desires', { json });
    const created = RelayDesire.safeParse(expectOk(base, withTierHint(reply), 'Posting to the bounty board'));
    if (!created.success) throw new AppError(502, 'relay_bad_response', `${base} accepted the bounty but did not answer with the desire.`);
    const tip = created.data.tips?.[0] ?? null;
    const row = this.store.insert({ desireId: local.id, relayUrl: base, relayDesireId: created.data.id, tipId: tip?.id ?? null, tipCents: tip?.amountCents ?? null, checkoutUrl: tip?.checkoutUrl ?? null });
    return { desire: this.view(created.data, created.data.author.id, row) };
  }

  async fulfil(relayDesireId: string, body: BountyFulfilBody, signal?: AbortSignal): Promise<BountyActionResult> {
    const base = this.community.requireRelay();
    const status = await this.community.status();
    if (!status.signedIn) throw new AppError(409, 'community_signed_out', status.problem ?? 'Not signed in to the community relay: sign in under Settings → Community.');
    const itemId = await ensurePublished(this.core, body.shaderId, base, body.publishFirst, signal);
    const reply = await this.community.authed('POST', `/api/v1/desires/${encodeURIComponent(relayDesireId)}/fulfill`, { json: { itemId } });
    const d = parseDesire(base, withTierHint(reply), 'Fulfilling the bounty');
    return { desire: this.view(d, status.user?.id ?? null, this.store.byRelayDesire(base, d.id)) };
  }

  async accept(relayDesireId: string): Promise<BountyActionResult> {
    const base = this.community.requireRelay();
    const reply = await this.community.authed('POST', `/api/v1/desires/${encodeURIComponent(relayDesireId)}/accept`);
    const body = expectOk(base, reply, 'Accepting the fulfilment') as { releasedCents?: unknown };
    const d = parseDesire(base, reply, 'Accepting the fulfilment');
    const row = this.store.byRelayDesire(base, d.id);
    if (row) this.store.markAccepted(row.id);
    return { desire: this.view(d, d.author.id, this.store.byRelayDesire(base, d.id)), movedCents: Number(body.releasedCents ?? 0) };
  }

  async reject(relayDesireId: string): Promise<BountyActionResult> {
    const base = this.community.requireRelay();
    const row = this.store.byRelayDesire(base, relayDesireId);
    if (row?.acceptedAt) throw new AppError(409, 'accepted', 'You accepted this fulfilment already, so it can no longer be rejected.');
    const reply = await this.community.authed('POST', `/api/v1/desires/${encodeURIComponent(relayDesireId)}/reject`);
    const body = expectOk(base, reply, 'Rejecting the fulfilment') as { refundedCents?: unknown };
    const d = parseDesire(base, reply, 'Rejecting the fulfilment');
    return { desire: this.view(d, d.author.id, row), movedCents: Number(body.refundedCents ?? 0) };
  }

  private async readDesire(base: string, id: string): Promise<RelayDesire> {
    return parseDesire(base, await this.community.authed('GET', `/api/v1/desires/${encodeURIComponent(id)}`), 'Reading the bounty');
  }

  private view(d: RelayDesire, me: string | null, row: BountyPostRow | undefined): BountyDesire {
    return { ...d, mine: me !== null && d.author.id === me, post: row ? this.postView(row, d) : null };
  }

  private postView(row: BountyPostRow, d: RelayDesire | null): BountyPost {
    const tipStatus = row.tipId ? (d?.tips?.find((t) => t.id === row.tipId)?.status ?? null) : null;
    return {
      id: row.id,
      desireId: row.desireId,
      relayUrl: row.relayUrl,
      relayDesireId: row.relayDesireId,
      tipId: row.tipId,
      tipCents: row.tipCents,
      tipStatus,
      // Only worth reopening while the relay still waits for the payment.
      checkoutUrl: tipStatus === 'pending_payment' ? row.checkoutUrl : null,
      acceptedAt: iso(row.acceptedAt),
      postedAt: iso(row.createdAt)!,
    };
  }
}

function parseDesire(base: string, reply: RelayReply, what: string): RelayDesire {
  const d = RelayDesire.safeParse(expectOk(base, reply, what));
  if (!d.success) throw new AppError(502, 'relay_bad_response', `${what}: ${base} did not answer with the desire.`);
  return d.data;
}

/** The relay's tier refusal, with where to upgrade and how the studio learns of it. */
function withTierHint(reply: RelayReply): RelayReply {
  const err = (reply.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  if (reply.status !== 403 || err?.code !== 'tier_required' || !err.message) return reply;
  return { ...reply, body: { error: { ...err, message: `${err.message}. Upgrade your plan on the relay, then use Refresh account in Settings → Community` } } };
}

const services = new WeakMap<CoreContext, BountyService>();
export function bountiesFor(core: CoreContext): BountyService {
  let s = services.get(core);
  if (!s) services.set(core, (s = new BountyService(core)));
  return s;
}
