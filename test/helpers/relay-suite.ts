import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../relay/clock.js';
import { configFromEnv } from '../../relay/config.js';
import { createRelay, type Relay } from '../../relay/create-relay.js';
import { FakeStripe } from '../fixtures/fake-stripe.js';
import { refreshCookie, relayClient, signedWebhook, streamUpload } from './relay-client.js';
import { startPostgres, type Postgres } from './relay-services.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f9d0a30000000049454e44ae426082', 'hex');
const WEBHOOK_SECRET = 'whsec_relay_test_secret';
const EVIL = `<script>alert("x")</script>'); DROP TABLE items;--`;

/**
 * The relay's API end to end on one database backend: accounts, publishing, feed, votes,
 * comments, tiers, Stripe (fake API + SDK-signed webhooks), bounties with a moved clock.
 */
export function defineRelaySuite(backend: 'pglite' | 'postgres'): void {
  describe(`relay on ${backend}`, () => {
    let relay: Relay;
    let pgsql: Postgres | null = null;
    let stripe: FakeStripe;
    let turnstile: Server;
    let dir: string;
    const clock = new ManualClock(Date.UTC(2026, 5, 10, 12));
    let c: ReturnType<typeof relayClient>;
    let n = 0;
    const webhook = async (type: string, object: Record<string, unknown>, opts: { id?: string; created?: number; secret?: string; at?: number } = {}) => {
      const created = opts.created ?? Math.floor(clock.now().getTime() / 1000);
      const ev = { id: opts.id ?? `evt_${backend}_${++n}`, type, created, data: { object } };
      const { payload, header } = signedWebhook(opts.secret ?? WEBHOOK_SECRET, ev, opts.at ?? Math.floor(clock.now().getTime() / 1000));
      return c.call('POST', '/api/v1/payments/webhook', { raw: payload, headers: { 'stripe-signature': header, 'content-type': 'application/json' } });
    };
    const register = async (name: string) => {
      const r = await c.post('/api/v1/auth/register', { username: name, email: `${name}@example.test`, password: 'correct horse battery', turnstileToken: 'pass' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return { token: r.body.accessToken as string, id: r.body.user.id as string, cookie: refreshCookie(r.headers)! };
    };
    const login = async (name: string) => {
      const r = await c.post('/api/v1/auth/login', { email: `${name}@example.test`, password: 'correct horse battery', turnstileToken: 'pass' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.accessToken as string;
    };
    const makePro = async (userId: string, plan = 'pro') => {
      const r = await webhook('customer.subscription.created', { id: `sub_${userId}`, object: 'subscription', status: 'active', customer: null, metadata: { user_id: userId, plan } });
      expect(r.body.outcome).toBe(`tier ${plan}`);
    };
    const publish = (token: string, extra: Record<string, unknown> = {}) =>
      c.post('/api/v1/items', { kind: 'shader', title: 'Neon tunnel', payload: 'void mainImage(out vec4 c, in vec2 p){c=vec4(1);}', ...extra }, token);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `relay-${backend}-`));
      stripe = await new FakeStripe().start();
      const ts = express();
      ts.post('/siteverify', express.urlencoded({ extended: false }), (req, res) => {
        res.json(req.body.secret === 'ts-secret' && req.body.response === 'pass' ? { success: true } : { success: false, 'error-codes': ['invalid-input-response'] });
      });
      turnstile = await new Promise<Server>((r) => {
        const s = ts.listen(0, '127.0.0.1', () => r(s));
      });
      if (backend === 'postgres') pgsql = await startPostgres();
      const config = configFromEnv({
        RELAY_PORT: '0',
        RELAY_DATA_DIR: dir,
        ...(pgsql ? { DATABASE_URL: pgsql.url } : {}),
        RELAY_CORS_ORIGINS: 'https://community.example',
        TURNSTILE_SECRET: 'ts-secret',
        TURNSTILE_VERIFY_URL: `http://127.0.0.1:${(turnstile.address() as { port: number }).port}/siteverify`,
        STRIPE_SECRET_KEY: 'sk_test_relay',
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_BASE: stripe.url,
        RELAY_SETTLE_EVERY_MS: '0',
        RELAY_TRUST_PROXY: '1',
        RELAY_BCRYPT_COST: '4', // the default 12 is checked in relay-redis.test.ts
      });
      relay = await createRelay(config, { clock, log: (l) => void (l.startsWith('error') && process.stderr.write(`relay ${backend}: ${l}\n`)) });
      c = relayClient(relay.url);
    }, 240_000);

    afterAll(async () => {
      await relay?.close();
      await pgsql?.stop();
      await stripe?.stop();
      turnstile?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('reports its configuration on /health', async () => {
      const h = await c.get('/api/v1/health');
      expect(h.body).toMatchObject({ ok: true, database: backend, turnstile: 'on', stripe: 'on', rateLimitStore: 'memory', vectors: 'real-array' });
    });

    it('registers, refuses duplicates and checks Turnstile server-side', async () => {
      expect((await c.post('/api/v1/auth/register', { username: 'nots', email: 'nots@example.test', password: 'correct horse battery' })).body.error.code).toBe('turnstile_required');
      expect((await c.post('/api/v1/auth/register', { username: 'nots', email: 'nots@example.test', password: 'correct horse battery', turnstileToken: 'bot' })).status).toBe(403);
      const r = await c.post('/api/v1/auth/register', { username: 'ada', email: 'ada@example.test', password: 'correct horse battery', turnstileToken: 'pass' });
      expect(r.status).toBe(201);
      const setCookie = r.headers.getSetCookie().join('\n');
      expect(setCookie).toMatch(/relay_refresh=.+HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      expect(r.body.user).toMatchObject({ username: 'ada', tier: 'free' });
      const dupEmail = await c.post('/api/v1/auth/register', { username: 'ada2', email: 'ADA@example.test', password: 'correct horse battery', turnstileToken: 'pass' });
      expect([dupEmail.status, dupEmail.body.error.code]).toEqual([409, 'already_registered']);
      expect((await c.post('/api/v1/auth/register', { username: 'ada', email: 'other@example.test', password: 'correct horse battery', turnstileToken: 'pass' })).status).toBe(409);
      expect((await c.post('/api/v1/auth/register', { username: 'x', email: 'nope', password: 'short' })).body.error.code).toBe('validation_failed');
    });

    it('rotates refresh tokens, detects reuse, and revokes on logout', async () => {
      const u = await register('rota');
      const r1 = await c.call('POST', '/api/v1/auth/refresh', { cookie: u.cookie });
      expect(r1.status).toBe(200);
      const next = refreshCookie(r1.headers)!;
      expect(next).not.toBe(u.cookie);
      const reuse = await c.call('POST', '/api/v1/auth/refresh', { cookie: u.cookie });
      expect(reuse.body.error.code).toBe('refresh_reused');
      // Reuse of a rotated token revoked the whole family, the newest token included.
      expect((await c.call('POST', '/api/v1/auth/refresh', { cookie: next })).status).toBe(401);
      const token = await login('rota');
      expect((await c.get('/api/v1/me', token)).body.username).toBe('rota');
      expect((await c.call('POST', '/api/v1/auth/logout', { token })).status).toBe(200);
      expect((await c.get('/api/v1/me', token)).body.error.code).toBe('token_revoked');
      expect((await c.get('/api/v1/me', 'not.a.jwt')).status).toBe(401);
    });

    it('throttles brute-force logins per account and IP', async () => {
      await register('brute');
      for (let i = 0; i < 5; i++) expect((await c.post('/api/v1/auth/login', { email: 'brute@example.test', password: 'wrong password', turnstileToken: 'pass' })).status).toBe(401);
      const blocked = await c.post('/api/v1/auth/login', { email: 'brute@example.test', password: 'correct horse battery', turnstileToken: 'pass' });
      expect([blocked.status, blocked.body.error.code]).toEqual([429, 'too_many_attempts']);
      expect(await login('ada')).toBeTruthy(); // other accounts are unaffected
    });

    it('publishes with a sniffed thumbnail, refuses non-images and oversized previews', async () => {
      const u = await register('maker');
      const r = await publish(u.token, { title: EVIL, description: EVIL, tags: ['neon'], provenance: { generator: 'ai', provider: 'ollama', model: 'qwen' } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.title).toBe(EVIL);
      expect(r.headers.get('content-type')).toMatch(/application\/json/);
      const id = r.body.id as string;
      expect((await c.call('PUT', `/api/v1/items/${id}/thumbnail`, { token: u.token, raw: '<html>not an image</html>' })).status).toBe(415);
      expect((await c.call('PUT', `/api/v1/items/${id}/thumbnail`, { token: u.token, raw: PNG })).body).toEqual({ ok: true, type: 'image/png' });
      const thumb = await fetch(`${relay.url}/api/v1/items/${id}/thumbnail`);
      expect(thumb.headers.get('content-type')).toBe('image/png');
      expect(thumb.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await thumb.arrayBuffer()).equals(PNG)).toBe(true);
      // 100 MB declared up front, and 100 MB streamed without a length: both refused, nothing kept.
      const declared = await c.call('PUT', `/api/v1/items/${id}/preview`, { token: u.token, raw: PNG, headers: { 'content-length': String(100 * 1024 * 1024) } }).catch(() => null);
      if (declared) expect(declared.status).toBe(413);
      expect(await streamUpload(`${relay.url}/api/v1/items/${id}/preview`, u.token, 100 * 1024 * 1024, PNG)).toBe(413);
      expect(readdirSync(join(dir, 'blobs')).filter((f) => f.startsWith(`${id}-preview`))).toEqual([]);
      const detail = await c.get(`/api/v1/items/${id}`);
      expect(detail.body).toMatchObject({ title: EVIL, previewUrl: null, provenance: { generator: 'ai', provider: 'ollama' } });
      expect(detail.body.thumbnailUrl).toMatch(new RegExp(`/api/v1/items/${id}/thumbnail$`));
      expect((await c.get('/api/v1/items/not-a-uuid')).status).toBe(404);
      expect(existsSync(join(dir, 'blobs', `${id}-thumb`))).toBe(true);
    });

    it('enforces the free tier: 5 publishes a month, no private items', async () => {
      const u = await register('freebie');
      expect((await publish(u.token, { isPublic: false })).body.error.code).toBe('tier_required');
      for (let i = 0; i < 5; i++) expect((await publish(u.token, { title: `n${i}` })).status).toBe(201);
      const sixth = await publish(u.token);
      expect([sixth.status, sixth.body.error.code]).toEqual([403, 'publish_limit']);
    });

    it('ranks by votes and keeps comments as plain text', async () => {
      const a = await register('voter1');
      const b = await register('voter2');
      const hot = (await publish(a.token, { title: 'hot one' })).body.id;
      const cold = (await publish(a.token, { title: 'cold one' })).body.id;
      await c.post(`/api/v1/items/${hot}/vote`, { value: 1 }, a.token);
      const v = await c.post(`/api/v1/items/${hot}/vote`, { value: 1 }, b.token);
      expect(v.body).toMatchObject({ upvotes: 2, downvotes: 0 });
      expect(v.body.score).toBeGreaterThan(0);
      expect((await c.post(`/api/v1/items/${cold}/vote`, { value: -1 }, b.token)).body).toMatchObject({ downvotes: 1, score: 0 });
      expect((await c.post(`/api/v1/items/${hot}/vote`, { value: 2 }, b.token)).status).toBe(400);
      const trending = (await c.get('/api/v1/feed/trending?kind=shader&limit=50')).body.items.map((i: { id: string }) => i.id);
      expect(trending.indexOf(hot)).toBeLessThan(trending.indexOf(cold));
      expect((await c.get('/api/v1/feed/new?limit=1')).body.items[0].id).toBe(cold);
      expect((await c.get('/api/v1/feed/new?q=HOT%20o')).body.items.map((i: { id: string }) => i.id)).toEqual([hot]);
      expect((await c.get('/api/v1/feed/new?q=%25')).body.items).toEqual([]); // LIKE wildcards match literally
      expect((await c.get('/api/v1/feed/trending?tag=neon')).body.items.map((i: { title: string }) => i.title)).toEqual([EVIL]);
      const post = await c.post(`/api/v1/items/${hot}/comments`, { body: EVIL }, b.token);
      expect(post.status).toBe(201);
      const list = await c.get(`/api/v1/items/${hot}/comments`);
      expect(list.body.comments[0]).toMatchObject({ body: EVIL, author: { username: 'voter2' } });
      expect((await c.post(`/api/v1/items/${hot}/comments`, { body: 'hi', parentId: '00000000-0000-4000-8000-000000000000' }, b.token)).status).toBe(400);
      expect((await c.post(`/api/v1/items/${hot}/comments`, { body: 'anon' })).status).toBe(401);
      expect((await c.get(`/api/v1/items/${hot}`)).body.commentCount).toBe(1);
      const profile = await c.get('/api/v1/users/voter1');
      expect(profile.body).toMatchObject({ username: 'voter1', publicItems: 2 });
      expect(profile.body.email).toBeUndefined();
      expect((await c.get('/api/v1/users/nobody_here')).status).toBe(404);
    });

    it('answers 501 for the creator-economy routes and CORS only for configured origins', async () => {
      expect((await c.get('/api/v1/dashboard')).status).toBe(501);
      expect((await c.post('/api/v1/shaders/x/unlock', {})).body.error.code).toBe('not_implemented');
      const ok = await c.call('OPTIONS', '/api/v1/feed/new', { headers: { origin: 'https://community.example', 'access-control-request-method': 'GET' } });
      expect([ok.status, ok.headers.get('access-control-allow-origin')]).toEqual([204, 'https://community.example']);
      const bad = await c.call('GET', '/api/v1/feed/new', { headers: { origin: 'https://evil.example' } });
      expect(bad.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('starts Checkout through Stripe and applies signed webhooks once, in order', async () => {
      const u = await register('payer');
      const co = await c.post('/api/v1/payments/checkout', { plan: 'pro' }, u.token);
      expect(co.body.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
      const call = stripe.callsTo('/v1/checkout/sessions').at(-1)!;
      expect(call.body).toMatchObject({ mode: 'subscription', client_reference_id: u.id, line_items: [{ price_data: { unit_amount: '1200', recurring: { interval: 'month' } } }] });
      const t = Math.floor(clock.now().getTime() / 1000);
      const sub = { id: 'sub_payer', object: 'subscription', status: 'active', customer: null, metadata: { user_id: u.id, plan: 'pro' } };
      const first = await webhook('customer.subscription.created', sub, { id: 'evt_sub_1', created: t });
      expect(first.body.outcome).toBe('tier pro');
      expect((await webhook('customer.subscription.created', sub, { id: 'evt_sub_1', created: t })).body.outcome).toBe('duplicate');
      // Deleted (newer) arrives before updated (older): the older one changes nothing.
      expect((await webhook('customer.subscription.deleted', { ...sub, status: 'canceled' }, { created: t + 20 })).body.outcome).toBe('tier free');
      expect((await webhook('customer.subscription.updated', { ...sub, metadata: { user_id: u.id, plan: 'studio' } }, { created: t + 10 })).body.outcome).toMatch(/^ignored/);
      expect((await c.get('/api/v1/me', u.token)).body.tier).toBe('free');
      // Forged (wrong secret) and replayed (signed 10 minutes ago) deliveries are refused.
      expect((await webhook('customer.subscription.created', sub, { secret: 'whsec_forged' })).status).toBe(400);
      expect((await webhook('customer.subscription.created', sub, { at: t - 600 })).body.error.code).toBe('bad_signature');
      expect((await c.get('/api/v1/me', u.token)).body.tier).toBe('free');
      expect((await c.get('/api/v1/payments/portal', u.token)).body.url).toMatch(/^https:\/\/billing\.stripe\.com\//);
      expect(stripe.callsTo('/v1/billing_portal/sessions').at(-1)!.body.customer).toMatch(/^cus_/);
    });

    it('sells credit packs once per payment and deducts a credit per generation', async () => {
      const u = await register('credits');
      expect((await c.post('/api/v1/generate/charge', { provider: 'anthropic' }, u.token)).status).toBe(402);
      const co = await c.post('/api/v1/payments/credits', { pack: '20' }, u.token);
      expect(co.status).toBe(200);
      expect(stripe.callsTo('/v1/checkout/sessions').at(-1)!.body).toMatchObject({ mode: 'payment', payment_intent_data: { metadata: { purpose: 'credits', pack: '20', user_id: u.id } } });
      const pi = { id: 'pi_credits_1', object: 'payment_intent', amount: 400, metadata: { purpose: 'credits', pack: '20', user_id: u.id } };
      await webhook('payment_intent.succeeded', pi, { id: 'evt_credits_1' });
      await webhook('payment_intent.succeeded', pi, { id: 'evt_credits_1' });
      expect((await c.get('/api/v1/generate/credits', u.token)).body).toMatchObject({ packCredits: 20, available: 20 });
      const charged = await c.post('/api/v1/generate/charge', { provider: 'anthropic', tokensUsed: 900 }, u.token);
      expect(charged.body).toMatchObject({ source: 'pack', credits: { packCredits: 19 } });
      expect((await c.post('/api/v1/generate/charge', { provider: 'openai', byok: true }, u.token)).body.error.code).toBe('tier_required');
      await makePro(u.id);
      expect((await c.post('/api/v1/generate/charge', { provider: 'openai' }, u.token)).body).toMatchObject({ source: 'monthly', credits: { monthlyUsed: 1, monthlyAllowance: 50, packCredits: 19 } });
      expect((await c.post('/api/v1/generate/charge', { provider: 'openai', byok: true }, u.token)).body.source).toBe('byok');
    });

    it('runs the bounty board: held tips, heat, refund within 48 h, release and payout after', async () => {
      const poster = await register('poster');
      const creator = await register('creator');
      expect((await c.post('/api/v1/desires', { promptText: 'a neon tunnel rushing forward' }, poster.token)).body.error.code).toBe('tier_required');
      await makePro(poster.id);
      await makePro(creator.id, 'studio');
      expect((await c.post('/api/v1/desires', { promptText: 'a neon tunnel', tipCents: 50 }, poster.token)).status).toBe(400);
      const d1 = await c.post('/api/v1/desires', { promptText: 'a neon tunnel rushing forward fast', tipCents: 500 }, poster.token);
      expect(d1.status, JSON.stringify(d1.body)).toBe(201);
      expect(d1.body).toMatchObject({ heldTipCents: 0, status: 'open', tips: [{ amountCents: 500, status: 'pending_payment' }] });
      expect(d1.body.tips[0].clientSecret).toMatch(/^pi_.+_secret_/);
      const pi1 = stripe.callsTo('/v1/payment_intents').at(-1)!;
      expect(pi1.body).toMatchObject({ amount: '500', currency: 'usd', metadata: { purpose: 'tip' } });
      const piId = (await relay.ctx.db.query.bountyTips.findFirst())!.stripePaymentIntentId!;
      await webhook('payment_intent.succeeded', { id: piId, object: 'payment_intent', metadata: pi1.body.metadata });
      expect((await c.get(`/api/v1/desires/${d1.body.id}`)).body.heldTipCents).toBe(500);
      // A similar wish heats the first one up.
      const heat0 = (await c.get(`/api/v1/desires/${d1.body.id}`)).body.heatScore;
      await c.post('/api/v1/desires', { promptText: 'neon tunnel rushing forward, fast' }, creator.token);
      expect((await c.get(`/api/v1/desires/${d1.body.id}`)).body.heatScore).toBeGreaterThan(heat0);
      expect((await c.get('/api/v1/desires?hasTip=true')).body.desires.map((d: { id: string }) => d.id)).toEqual([d1.body.id]);

      // Fulfil, then "not what I wanted" within 48 h: refunded through Stripe, re-opened.
      const item = (await publish(creator.token, { title: 'tunnel for you' })).body.id;
      expect((await c.post(`/api/v1/desires/${d1.body.id}/fulfill`, { itemId: item }, poster.token)).body.error.code).toBe('own_desire');
      expect((await c.post(`/api/v1/desires/${d1.body.id}/fulfill`, { itemId: item }, creator.token)).body.status).toBe('fulfilled');
      clock.advance(47 * 3600_000);
      const [posterToken, creatorToken] = [await login('poster'), await login('creator')];
      const rej = await c.post(`/api/v1/desires/${d1.body.id}/reject`, {}, posterToken);
      expect(rej.body).toMatchObject({ status: 'open', refundedCents: 500, heldTipCents: 0 });
      expect(stripe.callsTo('/v1/refunds').at(-1)!.body.payment_intent).toBe(piId);

      // Second round: $12 held, fulfilled, 48 h pass → released 90/10, transferred once onboarded.
      const tip = await c.post(`/api/v1/desires/${d1.body.id}/tip`, { amountCents: 1200 }, posterToken);
      const pi2 = stripe.callsTo('/v1/payment_intents').at(-1)!;
      const tipRow = (await relay.ctx.db.query.bountyTips.findMany()).find((t) => t.id === tip.body.id)!;
      await webhook('payment_intent.succeeded', { id: tipRow.stripePaymentIntentId, object: 'payment_intent', metadata: pi2.body.metadata });
      await c.post(`/api/v1/desires/${d1.body.id}/fulfill`, { itemId: item }, creatorToken);
      expect((await relay.settle()).released).toBe(0); // still inside the dispute window
      clock.advance(48 * 3600_000 + 60_000);
      expect((await c.post(`/api/v1/desires/${d1.body.id}/reject`, {}, await login('poster'))).body.error.code).toBe('window_closed');
      expect(await relay.settle()).toMatchObject({ released: 1, transfers: 0 }); // no Connect account yet
      const creatorToken2 = await login('creator');
      expect((await c.get('/api/v1/me/payouts', creatorToken2)).body.payouts).toMatchObject([{ grossCents: 1200, feeCents: 120, netCents: 1080, status: 'pending' }]);
      const onboard = await c.post('/api/v1/payments/connect/onboard', {}, creatorToken2);
      expect(onboard.body.url).toMatch(/^https:\/\/connect\.stripe\.com\//);
      expect(stripe.callsTo('/v1/accounts').at(-1)!.body).toMatchObject({ type: 'express', capabilities: { transfers: { requested: 'true' } } });
      await webhook('account.updated', { id: onboard.body.accountId, object: 'account', payouts_enabled: true });
      const transfer = stripe.callsTo('/v1/transfers').at(-1)!;
      expect(transfer.body).toMatchObject({ amount: '1080', currency: 'usd', destination: onboard.body.accountId });
      await webhook('transfer.created', { id: 'tr_paid_1', object: 'transfer', amount: 1080, metadata: transfer.body.metadata });
      expect((await c.get('/api/v1/me/payouts', creatorToken2)).body.payouts).toMatchObject([{ status: 'paid', transferId: 'tr_paid_1' }]);
      expect(stripe.callsTo('/v1/transfers')).toHaveLength(1);
    });

    it('stops counting a tip whose payment fails after it showed as held', async () => {
      const token = await login('poster');
      const d = await c.post('/api/v1/desires', { promptText: 'a slow ocean of glass', tipCents: 300 }, token);
      const pi = stripe.callsTo('/v1/payment_intents').at(-1)!;
      const row = (await relay.ctx.db.query.bountyTips.findMany()).find((t) => t.desireId === d.body.id)!;
      await webhook('payment_intent.succeeded', { id: row.stripePaymentIntentId, object: 'payment_intent', metadata: pi.body.metadata });
      expect((await c.get(`/api/v1/desires/${d.body.id}`)).body.heldTipCents).toBe(300);
      await webhook('payment_intent.payment_failed', { id: row.stripePaymentIntentId, object: 'payment_intent', metadata: pi.body.metadata });
      expect((await c.get(`/api/v1/desires/${d.body.id}`)).body.heldTipCents).toBe(0);
    });

    it('expires unfulfilled desires: held tips refunded, unpaid ones cancelled', async () => {
      const token = await login('poster');
      const held = await c.post('/api/v1/desires', { promptText: 'a lighthouse made of bees', tipCents: 200, ttlDays: 1 }, token);
      const heldPi = stripe.callsTo('/v1/payment_intents').at(-1)!;
      const heldRow = (await relay.ctx.db.query.bountyTips.findMany()).find((t) => t.desireId === held.body.id)!;
      await webhook('payment_intent.succeeded', { id: heldRow.stripePaymentIntentId, object: 'payment_intent', metadata: heldPi.body.metadata });
      const unpaid = await c.post('/api/v1/desires', { promptText: 'snow falling upwards in a city', tipCents: 150, ttlDays: 1 }, token);
      const unpaidRow = (await relay.ctx.db.query.bountyTips.findMany()).find((t) => t.desireId === unpaid.body.id)!;
      clock.advance(25 * 3600_000);
      expect((await relay.settle()).expired).toBeGreaterThanOrEqual(2);
      expect((await c.get(`/api/v1/desires/${held.body.id}`)).body).toMatchObject({ status: 'expired', heldTipCents: 0 });
      expect(stripe.callsTo('/v1/refunds').map((r) => r.body.payment_intent)).toContain(heldRow.stripePaymentIntentId);
      expect(stripe.callsTo(`/v1/payment_intents/${unpaidRow.stripePaymentIntentId}/cancel`)).toHaveLength(1);
      const open = (await c.get('/api/v1/desires?limit=50')).body.desires.map((d: { id: string }) => d.id);
      expect(open).not.toContain(held.body.id);
      expect(open).not.toContain(unpaid.body.id);
    });

    it('rate-limits anonymous callers at 100 requests a minute', async () => {
      // A fresh client address (trusted proxy header) so earlier anonymous calls do not count.
      const xff = { 'x-forwarded-for': '198.51.100.9' };
      const replies = await Promise.all(Array.from({ length: 110 }, () => c.call('GET', '/api/v1/feed/new?limit=1', { headers: xff })));
      expect(replies.filter((r) => r.status === 200)).toHaveLength(100);
      const limited = replies.filter((r) => r.status === 429);
      expect(limited).toHaveLength(10);
      expect(limited[0]!.headers.get('retry-after')).toBeTruthy();
      expect(limited[0]!.body.error.code).toBe('rate_limited');
    });
  });
}
