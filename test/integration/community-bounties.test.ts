import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../relay/clock.js';
import { configFromEnv } from '../../relay/config.js';
import { createRelay, type Relay } from '../../relay/create-relay.js';
import { settleDue } from '../../relay/bounties/fulfil.js';
import { creatorPayouts } from '../../relay/db/schema.js';
import { FakeStripe } from '../fixtures/fake-stripe.js';
import { startHostProcess, type HostProcess } from '../helpers/host-process.js';
import { connectStdio } from '../helpers/mcp-clients.js';
import { signedWebhook } from '../helpers/relay-client.js';

const WEBHOOK_SECRET = 'whsec_bounties_test';
const PASSWORD = 'correct horse battery';

/**
 * The relay bounty board through a real host against a relay on PGlite with the Stripe fake:
 * Free refused, a Pro poster's tip stays pending_payment until the signed webhook holds it,
 * fulfilment (not published → refused naming the step; the MCP tool publishes first), the
 * poster's "not what I wanted" (refund, re-open) and accept (released to the creator), relay down.
 */
describe('community bounties (host ↔ relay board)', () => {
  let relay: Relay;
  let relayOpen = false;
  let stripe: FakeStripe;
  let host: HostProcess;
  let dir: string;
  const clock = new ManualClock(Date.now());
  let n = 0;
  const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as any });
  const get = (path: string) => host.api(path).then(json);
  const post = (path: string, body?: unknown) => host.api(path, { method: 'POST', ...(body === undefined ? {} : { json: body }) }).then(json);
  const webhook = async (type: string, object: Record<string, unknown>) => {
    const ev = { id: `evt_bounty_${++n}`, type, created: Math.floor(clock.now().getTime() / 1000), data: { object } };
    const { payload, header } = signedWebhook(WEBHOOK_SECRET, ev, Math.floor(clock.now().getTime() / 1000));
    const r = await fetch(`${relay.url}/api/v1/payments/webhook`, { method: 'POST', body: payload, headers: { 'stripe-signature': header, 'content-type': 'application/json' } });
    return (await r.json()) as { outcome?: string };
  };
  const signInAs = async (name: string, create: boolean) => {
    await post('/community/sign-out');
    const r = create ? await post('/community/register', { username: name, email: `${name}@example.test`, password: PASSWORD }) : await post('/community/sign-in', { email: `${name}@example.test`, password: PASSWORD });
    expect(r.status, JSON.stringify(r.body)).toBe(create ? 201 : 200);
    return r.body.user.id as string;
  };
  const makePro = async (userId: string) => {
    expect((await webhook('customer.subscription.created', { id: `sub_${userId}`, object: 'subscription', status: 'active', customer: null, metadata: { user_id: userId, plan: 'pro' } })).outcome).toBe('tier pro');
    expect((await post('/community/account')).body.user.tier).toBe('pro');
  };
  const localDesire = async (promptText: string) => {
    const r = await post('/desires', { promptText, autoFulfil: false });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return (r.body.desire?.id ?? r.body.id) as string;
  };
  let shaders: { id: string }[] = [];
  const ids: { ada?: string; bob?: string; d1?: string; d2?: string; r1?: string; r2?: string; tip1?: string; tip2?: string } = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'community-bounties-'));
    stripe = await new FakeStripe().start();
    relay = await createRelay(
      configFromEnv({ RELAY_PORT: '0', RELAY_DATA_DIR: dir, RELAY_BCRYPT_COST: '4', STRIPE_SECRET_KEY: 'sk_test_bounties', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.url }),
      { clock, log: () => {} },
    );
    relayOpen = true;
    host = await startHostProcess(undefined, { AUTEUR_SEED_LIBRARY: '1', CHROME_PATH: '/nonexistent/chromium' });
    shaders = ((await (await host.api('/feed?limit=5')).json()) as { items: { id: string; thumbnailUrl: string | null }[] }).items.filter((s) => s.thumbnailUrl);
  }, 240_000);

  afterAll(async () => {
    await host?.stop();
    if (relayOpen) await relay.close();
    await stripe?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('no relay → 409; signed out the board still reads; Free cannot post a bounty and nothing is recorded', async () => {
    expect((await get('/community/bounties')).body.error.code).toBe('community_not_configured');
    // The desire queue reads its posts on every visit: with no relay that is an empty list, not an error.
    const none = await get('/community/bounties/posts');
    expect([none.status, none.body.posts]).toEqual([200, []]);
    await host.api('/community/settings', { method: 'PUT', json: { relayUrl: relay.url } });
    const empty = await get('/community/bounties');
    expect([empty.status, empty.body.signedIn, empty.body.desires]).toEqual([200, false, []]);
    ids.d1 = await localDesire('a neon tunnel rushing forward through rain');
    ids.d2 = await localDesire('slow ink clouds blooming in warm water');
    expect((await post('/community/bounties', { desireId: ids.d1 })).body.error.code).toBe('community_signed_out');
    ids.ada = await signInAs('ada', true);
    const free = await post('/community/bounties', { desireId: ids.d1, tipCents: 500 });
    expect([free.status, free.body.error.code]).toEqual([403, 'relay_tier_required']);
    expect(free.body.error.message).toMatch(/needs a Pro or Studio subscription \(yours: free\).*Refresh account/);
    expect((await get('/community/bounties/posts')).body.posts).toEqual([]);
    expect((await post('/community/bounties', { desireId: 'no-such-desire' })).status).toBe(404);
    expect((await post('/community/bounties', { desireId: ids.d1, tipCents: 50 })).status).toBe(400);
  });

  it('a Pro poster posts with a tip: Checkout page, pending_payment until the signed webhook holds it', async () => {
    await makePro(ids.ada!);
    const p1 = await post('/community/bounties', { desireId: ids.d1, tipCents: 500 });
    expect(p1.status, JSON.stringify(p1.body)).toBe(201);
    expect(p1.body.desire).toMatchObject({ status: 'open', heldTipCents: 0, mine: true, post: { desireId: ids.d1, tipCents: 500, tipStatus: 'pending_payment' } });
    expect(p1.body.desire.post.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    const session = stripe.callsTo('/v1/checkout/sessions').at(-1)!;
    expect(session.body).toMatchObject({ mode: 'payment', line_items: [{ price_data: { unit_amount: '500' } }], payment_intent_data: { metadata: { purpose: 'tip', tip_id: p1.body.desire.post.tipId } } });
    ids.r1 = p1.body.desire.id;
    ids.tip1 = p1.body.desire.post.tipId;
    const again = await post('/community/bounties', { desireId: ids.d1 });
    expect([again.status, again.body.error.code]).toEqual([409, 'already_posted']);

    // Not paid yet: the board shows the tip pending and counts nothing.
    const before = await get('/community/bounties');
    expect(before.body.desires.find((d: any) => d.id === ids.r1)).toMatchObject({ heldTipCents: 0, mine: true, post: { tipStatus: 'pending_payment' } });
    expect((await webhook('payment_intent.succeeded', { id: 'pi_bounty_1', object: 'payment_intent', metadata: session.body.payment_intent_data.metadata })).outcome).toBe('tip held');
    const after = await get('/community/bounties');
    expect(after.body.desires.find((d: any) => d.id === ids.r1)).toMatchObject({ heldTipCents: 500, post: { tipStatus: 'held', checkoutUrl: null } });

    const p2 = await post('/community/bounties', { desireId: ids.d2, tipCents: 300 });
    expect(p2.status, JSON.stringify(p2.body)).toBe(201);
    ids.r2 = p2.body.desire.id;
    const s2 = stripe.callsTo('/v1/checkout/sessions').at(-1)!;
    expect((await webhook('payment_intent.succeeded', { id: 'pi_bounty_2', object: 'payment_intent', metadata: s2.body.payment_intent_data.metadata })).outcome).toBe('tip held');
    const posts = (await get('/community/bounties/posts')).body.posts;
    expect(posts.map((p: any) => [p.desireId, p.tipStatus])).toEqual(expect.arrayContaining([[ids.d1, 'held'], [ids.d2, 'held']]));
  });

  it('fulfil: an unpublished shader is refused naming the step; the MCP tool publishes first, then fulfils', async () => {
    expect(shaders.length).toBeGreaterThan(0);
    ids.bob = await signInAs('bob', true);
    const unpublished = await post(`/community/bounties/${ids.r1}/fulfil`, { shaderId: shaders[0]!.id });
    expect([unpublished.status, unpublished.body.error.code]).toEqual([409, 'not_published']);
    expect(unpublished.body.error.message).toMatch(/publish it first/);
    await makePro(ids.bob!);

    const mcp = await connectStdio(host.home);
    try {
      const list = await mcp.client.callTool({ name: 'community_bounties', arguments: { has_tip: true } });
      expect(list.isError, JSON.stringify(list.content)).toBeFalsy();
      const board = list.structuredContent as { desires: Array<Record<string, unknown>> };
      expect(board.desires).toEqual(expect.arrayContaining([expect.objectContaining({ id: ids.r1, held_tip_cents: 500, mine: false })]));
      const res = await mcp.client.callTool({ name: 'community_bounty_fulfil', arguments: { desire_id: ids.r1, shader_id: shaders[0]!.id } });
      expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
      const done = (res.structuredContent as { desire: Record<string, unknown> }).desire;
      expect(done).toMatchObject({ id: ids.r1, status: 'fulfilled' });
      const pubs = (await get(`/community/publications?kind=shader&id=${shaders[0]!.id}`)).body.publications;
      expect(done.fulfilled_by_item_id).toBe(pubs[0].relayItemId);
    } finally {
      await mcp.close();
    }
    // Published now: the HTTP route fulfils the second one directly.
    const second = await post(`/community/bounties/${ids.r2}/fulfil`, { shaderId: shaders[0]!.id });
    expect([second.status, second.body.desire?.status], JSON.stringify(second.body)).toEqual([200, 'fulfilled']);
    const own = await post(`/community/bounties/${ids.r1}/reject`);
    expect([own.status, own.body.error.code]).toEqual([403, 'relay_forbidden']);
  }, 180_000);

  it('the poster rejects one (refund, re-opened) and accepts the other (released to the creator, no reject after)', async () => {
    await signInAs('ada', false);
    const fulfilled = await get('/community/bounties?status=fulfilled');
    expect(fulfilled.body.desires.map((d: any) => [d.id, d.mine])).toEqual(expect.arrayContaining([[ids.r1, true], [ids.r2, true]]));

    const rejected = await post(`/community/bounties/${ids.r1}/reject`);
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect([rejected.body.movedCents, rejected.body.desire.status, rejected.body.desire.heldTipCents]).toEqual([500, 'open', 0]);
    expect(stripe.callsTo('/v1/refunds').map((c) => c.body.payment_intent)).toContain('pi_bounty_1');
    const open = await get('/community/bounties');
    expect(open.body.desires.find((d: any) => d.id === ids.r1)).toMatchObject({ status: 'open', post: { tipStatus: 'refunded' } });

    const accepted = await post(`/community/bounties/${ids.r2}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect([accepted.body.movedCents, accepted.body.desire.status]).toEqual([300, 'fulfilled']);
    expect(accepted.body.desire.post.acceptedAt).toBeTruthy();
    const payouts = await relay.ctx.db.select().from(creatorPayouts);
    expect(payouts.map((p) => [p.creatorId, p.grossAmountCents, p.netAmountCents])).toEqual([[ids.bob, 300, 270]]);
    const late = await post(`/community/bounties/${ids.r2}/reject`);
    expect([late.status, late.body.error.code]).toEqual([409, 'accepted']);
  });

  it('the MCP tool posts a desire; a tip paid after its desire expired is refunded; relay down → a 502 that names the relay', async () => {
    const d3 = await localDesire('fractal ferns unrolling at dawn');
    const mcp = await connectStdio(host.home);
    try {
      const res = await mcp.client.callTool({ name: 'community_bounty_post', arguments: { desire_id: d3, tip_cents: 200 } });
      expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
      const s = res.structuredContent as { desire: { posted_from_here: { tip_status: string } }; pay_tip_at: string };
      expect(s.desire.posted_from_here.tip_status).toBe('pending_payment');
      expect(s.pay_tip_at).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    } finally {
      await mcp.close();
    }
    // A tip's Checkout page paid only after its desire expired unpaid is refunded, not kept.
    const d4 = await localDesire('paper boats drifting up a waterfall');
    // Stripe refusing the tip's Checkout leaves no half-posted bounty behind: posting again makes one.
    stripe.failNext('/v1/checkout/sessions', 400, 'Checkout is not enabled for this account');
    const refused = await post('/community/bounties', { desireId: d4, tipCents: 150, ttlDays: 1 });
    expect([refused.status, refused.body.error.code]).toEqual([502, 'relay_stripe_error']);
    expect(refused.body.error.message).toMatch(/Checkout is not enabled/);
    const p4 = await post('/community/bounties', { desireId: d4, tipCents: 150, ttlDays: 1 });
    expect(p4.status, JSON.stringify(p4.body)).toBe(201);
    expect((await get('/community/bounties')).body.desires.filter((d: any) => d.promptText === 'paper boats drifting up a waterfall')).toHaveLength(1);
    const s4 = stripe.callsTo('/v1/checkout/sessions').at(-1)!;
    clock.advance(25 * 3600_000);
    expect((await settleDue(relay.ctx)).expired).toBe(1);
    expect((await webhook('payment_intent.succeeded', { id: 'pi_bounty_late', object: 'payment_intent', metadata: s4.body.payment_intent_data.metadata })).outcome).toBe('tip refunded: its desire had closed');
    expect(stripe.callsTo('/v1/refunds').map((c) => c.body.payment_intent)).toContain('pi_bounty_late');

    await relay.close();
    relayOpen = false;
    const down = await get('/community/bounties');
    expect([down.status, down.body.error.code]).toEqual([502, 'relay_unreachable']);
    expect(down.body.error.message).toContain(relay.url);
  });
});
