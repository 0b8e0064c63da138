import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../relay/config.js';
import { createRelay, type Relay } from '../../relay/create-relay.js';
import { FakeStripe } from '../fixtures/fake-stripe.js';
import { collectPageErrors, launchBrowser, screenshot } from '../helpers/browser.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';
import { signedWebhook } from '../helpers/relay-client.js';

// The community bounty board in system Chromium against a real `auteur serve` signed in to a
// PGlite relay with the Stripe fake: post a local desire with a tip (pending payment until the
// signed webhook holds it), then, once another user fulfilled it, "Not what I wanted".

const tid = (id: string): string => `[data-testid="${id}"]`;
const SECRET = 'whsec_bounties_e2e';
let relay: Relay;
let stripe: FakeStripe;
let host: HostProcess;
let browser: Browser;
let page: Page;
let dir: string;
const errors: string[] = [];
let n = 0;

const api = async (path: string, method = 'GET', json?: unknown) => {
  const r = await host.api(path, { method, ...(json === undefined ? {} : { json }) });
  return { status: r.status, body: (await r.json()) as any };
};
const webhook = async (type: string, object: Record<string, unknown>) => {
  const t = Math.floor(Date.now() / 1000);
  const { payload, header } = signedWebhook(SECRET, { id: `evt_e2e_${++n}`, type, created: t, data: { object } }, t);
  return ((await (await fetch(`${relay.url}/api/v1/payments/webhook`, { method: 'POST', body: payload, headers: { 'stripe-signature': header, 'content-type': 'application/json' } })).json()) as { outcome: string }).outcome;
};
const account = async (name: string, create: boolean) => {
  await api('/community/sign-out', 'POST');
  const body = create ? { username: name, email: `${name}@example.test`, password: 'correct horse battery' } : { email: `${name}@example.test`, password: 'correct horse battery' };
  const r = await api(create ? '/community/register' : '/community/sign-in', 'POST', body);
  expect(r.status, JSON.stringify(r.body)).toBe(create ? 201 : 200);
  const id = r.body.user.id as string;
  if (create) expect(await webhook('customer.subscription.created', { id: `sub_${id}`, object: 'subscription', status: 'active', customer: null, metadata: { user_id: id, plan: 'pro' } })).toBe('tier pro');
  return id;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'community-bounties-e2e-'));
  stripe = await new FakeStripe().start();
  relay = await createRelay(configFromEnv({ RELAY_PORT: '0', RELAY_DATA_DIR: dir, RELAY_BCRYPT_COST: '4', STRIPE_SECRET_KEY: 'sk_test_e2e', STRIPE_WEBHOOK_SECRET: SECRET, STRIPE_API_BASE: stripe.url }), { log: () => {} });
  [host, browser] = await Promise.all([startHostProcess(tempHome('auteur-e2e-bounties-'), { AUTEUR_SEED_LIBRARY: '1', CHROME_PATH: '/nonexistent/chromium' }), launchBrowser()]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  // The tip's Checkout page would open in the user's browser; here it only must be asked for.
  context.on('page', (p) => void (p !== page && p.close().catch(() => undefined)));
  collectPageErrors(page, errors, /favicon|Failed to load resource|WebGL|GPU/i);
}, 240_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
  await relay?.close();
  await stripe?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Community bounty board', () => {
  it('posts a desire with a tip (pending until Stripe confirms), then the poster rejects a fulfilment', async () => {
    await api('/community/settings', 'PUT', { relayUrl: relay.url });
    await account('ada', true);
    const desire = await api('/desires', 'POST', { promptText: 'aurora ribbons over a frozen lake', autoFulfil: false });
    expect(desire.status).toBe(201);

    await page.goto(host.url);
    await page.locator(tid('shaders-feed')).waitFor({ state: 'visible', timeout: 30_000 });
    await page.goto(`${host.base}/shaders/desires`);
    const row = page.locator(`${tid('desire-row')}[data-desire-id="${desire.body.id}"]`);
    await row.locator(tid('bounty-post-open')).click();
    await row.locator(tid('bounty-post-tip')).fill('5');
    await row.locator(tid('bounty-post-submit')).click();
    const tip = row.locator(tid('bounty-tip-status'));
    await expect.poll(() => tip.getAttribute('data-tip-status'), { timeout: 30_000 }).toBe('pending_payment');
    expect(await row.locator(tid('bounty-pay-tip')).getAttribute('href')).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    await screenshot(page, 'community-bounty-posted');

    const session = stripe.callsTo('/v1/checkout/sessions').at(-1)!;
    expect(await webhook('payment_intent.succeeded', { id: 'pi_e2e_1', object: 'payment_intent', metadata: session.body.payment_intent_data.metadata })).toBe('tip held');
    await page.locator(tid('desires-where-community')).click();
    const card = page.locator(tid('bounty-card')).first();
    await expect.poll(() => card.locator(tid('bounty-held-tip')).textContent().catch(() => null), { timeout: 40_000 }).toBe('tip $5.00 held');
    expect(await card.getAttribute('data-mine')).toBe('true');
    await screenshot(page, 'community-bounty-board');

    // Another user fulfils it with a shipped shader (publishing it first), then ada comes back.
    const relayDesireId = await card.getAttribute('data-bounty-id');
    await account('bob', true);
    const shader = ((await api('/feed?limit=3')).body.items as { id: string }[])[0]!;
    const fulfilled = await api(`/community/bounties/${relayDesireId}/fulfil`, 'POST', { shaderId: shader.id, publishFirst: true });
    expect(fulfilled.status, JSON.stringify(fulfilled.body)).toBe(200);
    await account('ada', false);

    await page.reload();
    await page.locator(tid('desires-where-community')).click();
    await page.locator(tid('bounty-filter-fulfilled')).click();
    const done = page.locator(`${tid('bounty-card')}[data-bounty-id="${relayDesireId}"]`);
    await done.locator(tid('bounty-reject')).waitFor({ state: 'visible', timeout: 30_000 });
    expect(await done.locator(tid('bounty-fulfilled-by')).getAttribute('href')).toBe(`/shaders/community/${fulfilled.body.desire.fulfilledByItemId}`);
    await screenshot(page, 'community-bounty-fulfilled');
    await done.locator(tid('bounty-reject')).click();
    await page.locator(tid('bounty-filter-open')).click();
    const reopened = page.locator(`${tid('bounty-card')}[data-bounty-id="${relayDesireId}"]`);
    await expect.poll(() => reopened.locator(tid('bounty-tip-status')).getAttribute('data-tip-status').catch(() => null), { timeout: 30_000 }).toBe('refunded');
    expect(await reopened.getAttribute('data-status')).toBe('open');
    expect(errors).toEqual([]);
  }, 120_000);
});
