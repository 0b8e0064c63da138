import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Relay } from '../../relay/create-relay.js';
import { screenshot } from '../helpers/browser.js';
import { startCommunityE2E, type CommunityE2E } from '../helpers/community-e2e.js';
import type { HostProcess } from '../helpers/host-process.js';
import { waitForJob } from '../helpers/jobs.js';
import { TERMINAL_STATUSES } from '../../shared/schemas/jobs.js';

// The proof in system Chromium: the desktop app publishes a shipped shader to a relay
// started here (PGlite), the Community tab lists it with its thumbnail, a vote and a comment
// work from the item view, "Open in editor" makes a local draft, and an item whose title is
// HTML shows it as text. Signed out, voting is off with a hint; relay down, the tab says so.

const tid = (id: string): string => `[data-testid="${id}"]`;
let relay: Relay;
let host: HostProcess;
let page: Page;
let errors: string[] = [];
let env: CommunityE2E;
const EVIL = '<b>bold</b><img src=x onerror="window.__pwned=1">';

beforeAll(async () => {
  env = await startCommunityE2E('community-feed');
  ({ relay, host, page, errors } = env);
  // Another member published an item whose title is HTML.
  const reg = await fetch(`${relay.url}/api/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'mallory', email: 'mallory@example.test', password: 'correct horse battery' }) });
  const { accessToken } = (await reg.json()) as { accessToken: string };
  const pub = await fetch(`${relay.url}/api/v1/items`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'shader', title: EVIL, payload: 'void mainImage(out vec4 c, in vec2 f) { c = vec4(1.0, 0.0, 0.5, 1.0); }' }),
  });
  expect(pub.status).toBe(201);
}, 240_000);

afterAll(async () => {
  await env?.close();
});

describe('Community tab', () => {
  let title = '';

  it('shows what the app published, and a vote and a comment work from the item view', async () => {
    await host.api('/community/settings', { method: 'PUT', json: { relayUrl: relay.url } });
    const reg = await host.api('/community/register', { method: 'POST', json: { username: 'lin', email: 'lin@example.test', password: 'correct horse battery' } });
    expect(reg.status).toBe(201);
    const feed = (await (await host.api('/feed?limit=5')).json()) as { items: { id: string; title: string }[] };
    const shader = feed.items[0]!;
    title = shader.title;

    // The app publishes it (the community.publish job; its button has its own e2e).
    const queued = await host.api('/community/publish', { method: 'POST', json: { kind: 'shader', id: shader.id } });
    expect(queued.status, await queued.clone().text()).toBe(202);
    const job = await waitForJob(host, ((await queued.json()) as { id: string }).id, (j) => TERMINAL_STATUSES.includes(j.status), 'community.publish to end', 120_000);
    expect(job.status, job.error ?? '').toBe('succeeded');

    await page.goto(host.url); // signs the page in with the host token
    const tab = page.locator(tid('shaders-tab-community'));
    await tab.waitFor({ state: 'visible', timeout: 60_000 });
    await tab.click();
    await page.locator(tid('community-sort-new')).click();
    await expect.poll(() => { const u = new URL(page.url()); return u.pathname + u.search; }).toBe('/shaders/community?sort=new');
    const card = page.locator(tid('community-card'), { hasText: title });
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await card.locator(tid('community-card-author')).textContent()).toBe('lin');
    // The thumbnail came through the host and decoded.
    await expect.poll(() => card.locator('img').evaluate((img: { naturalWidth: number }) => img.naturalWidth), { timeout: 20_000 }).toBeGreaterThan(0);
    // HTML in a title is text: no element was made from it and nothing ran.
    const evil = page.locator(tid('community-card-title'), { hasText: '<b>bold</b>' });
    expect(await evil.textContent()).toBe(EVIL);
    expect(await evil.locator('b, img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await screenshot(page, 'community-feed');

    await card.locator(tid('community-card-title')).click();
    const item = page.locator(tid('community-item'));
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await item.locator(tid('community-item-title')).textContent()).toBe(title);
    await item.locator(tid('community-upvote')).click();
    await expect.poll(() => item.locator(tid('community-votes')).getAttribute('data-my-vote')).toBe('1');
    expect(await item.locator(tid('community-upvotes')).textContent()).toBe('1');
    const comment = 'Lovely colours <i>really</i>';
    await item.locator(tid('community-comment-input')).fill(comment);
    await item.locator(tid('community-comment-submit')).click();
    await expect.poll(() => item.locator(tid('community-comment-body')).allTextContents()).toEqual([comment]);
    await screenshot(page, 'community-item');

    // The relay has both, for everyone.
    const id = await item.getAttribute('data-item-id');
    const comments = (await (await fetch(`${relay.url}/api/v1/items/${id}/comments`)).json()) as { comments: { body: string }[] };
    expect(comments.comments.map((c) => c.body)).toEqual([comment]);
    const relayItem = (await (await fetch(`${relay.url}/api/v1/items/${id}`)).json()) as { upvotes: number };
    expect(relayItem.upvotes).toBe(1);
  });

  it('Open in editor makes a local draft that says where it came from', async () => {
    await page.locator(tid('community-open-editor')).click();
    await page.waitForURL(/\/shaders\/edit\//, { timeout: 30_000 });
    const draftId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.locator(tid('editor-title')).waitFor({ state: 'visible', timeout: 30_000 });
    const draft = (await (await host.api(`/shaders/${draftId}`)).json()) as { title: string; status: string; provenance: { importedFrom: { community?: { relayUrl: string; author: string } } } };
    expect(draft).toMatchObject({ title, status: 'draft', provenance: { importedFrom: { community: { relayUrl: relay.url, author: 'lin' } } } });
    await page.goto(`${host.base}/shaders/s/${draftId}`);
    const facts = page.locator(tid('shader-facts'));
    await facts.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await facts.textContent()).toContain(`community item by lin on ${relay.url}`);
  });

  it('signed out the item view reads but offers no vote; with the relay down the tab says so', async () => {
    await host.api('/community/sign-out', { method: 'POST' });
    await page.goto(`${host.base}/shaders/community?sort=new`);
    await page.locator(tid('community-card'), { hasText: title }).locator(tid('community-card-title')).click();
    const item = page.locator(tid('community-item'));
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await item.locator(tid('community-upvote')).isDisabled()).toBe(true);
    expect(await item.locator(tid('community-sign-in-hint')).textContent()).toMatch(/Settings → Community/);
    await item.locator(tid('community-comment-signed-out')).waitFor({ state: 'visible' });

    await relay.close();
    await page.goto(`${host.base}/shaders/community`);
    const problem = page.locator(tid('community-relay-error'));
    await problem.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await problem.getAttribute('data-code')).toBe('relay_unreachable');
    expect(await problem.textContent()).toMatch(/could not be reached/);
    await screenshot(page, 'community-relay-down');
    expect(errors).toEqual([]);
  });
});
