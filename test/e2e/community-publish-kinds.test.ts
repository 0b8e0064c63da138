import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../relay/config.js';
import { createRelay, type Relay } from '../../relay/create-relay.js';
import { collectPageErrors, launchBrowser, screenshot } from '../helpers/browser.js';
import { seedPublishables } from '../helpers/community-publish-seed.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';

// "Publish to community" on a library video's page and on a prefab in the World library, in
// system Chromium against a real `auteur serve` signed in to a PGlite relay started here. The
// video is published while the relay is down: the button says the job waits for it and retries,
// and ends in "Published" once the relay is back.

const tid = (id: string): string => `[data-testid="${id}"]`;
let relay: Relay;
let host: HostProcess;
let browser: Browser;
let page: Page;
let dir: string;
let port = '0';
let ids: { videoId: string; prefabId: string };
const errors: string[] = [];
const startRelay = () => createRelay(configFromEnv({ RELAY_PORT: port, RELAY_DATA_DIR: dir, RELAY_BCRYPT_COST: '4' }), { log: () => {} });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'community-publish-kinds-e2e-'));
  relay = await startRelay();
  port = new URL(relay.url).port;
  const home = tempHome('auteur-e2e-community-publish-kinds-');
  ids = await seedPublishables(home);
  [host, browser] = await Promise.all([startHostProcess(home), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  // A relay that is down makes the page's job polls fine but the host's log noisy, not the page's.
  collectPageErrors(page, errors, /favicon|Failed to load resource|WebGL|GPU/i);
  await host.api('/community/settings', { method: 'PUT', json: { relayUrl: relay.url } });
  const reg = await host.api('/community/register', { method: 'POST', json: { username: 'mae', email: 'mae@example.test', password: 'correct horse battery' } });
  expect(reg.status).toBe(201);
}, 240_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
  await relay?.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('Publish to community: a video and a prefab', () => {
  it("publishes a library video while the relay is down: 'relay unreachable, will retry', then Published once it is back", async () => {
    await relay.close();
    await page.goto(host.url); // signs the page in with the host token
    await page.goto(`${host.base}/video?v=${ids.videoId}`);
    const box = page.locator(tid('community-publish'));
    await box.waitFor({ state: 'visible', timeout: 60_000 });
    await box.locator(tid('community-publish-button')).click();
    // Attempts back off (1 s, 2 s, 4 s …): wait for a long enough pause to read and photograph it.
    await expect.poll(async () => (await box.getAttribute('data-status')) === 'retrying' && /attempt [4-9] of 12/.test((await box.textContent()) ?? ''), { timeout: 90_000 }).toBe(true);
    await screenshot(page, 'community-publish-video-retrying');
    expect(await box.textContent()).toMatch(/Queued: relay unreachable, will retry \(attempt \d+ of 12\)/);
    expect(await box.locator(tid('community-publish-button')).isDisabled()).toBe(true);

    relay = await startRelay();
    await expect.poll(() => box.getAttribute('data-status'), { timeout: 90_000 }).toBe('published');
    expect(await box.textContent()).toMatch(/Published to community \(item [0-9a-f]{8}\)/);
    await screenshot(page, 'community-publish-video-published');
    const items = ((await (await fetch(`${relay.url}/api/v1/feed/new?kind=video`)).json()) as { items: { title: string; previewUrl: string | null }[] }).items;
    expect(items).toMatchObject([{ title: 'The Lamp Keeper' }]);
    expect(items[0]!.previewUrl).toBeTruthy();

    // The library card says so too.
    await page.goto(`${host.base}/video?tab=library`);
    const card = page.locator(`${tid('video-card')}[data-video-id="${ids.videoId}"]`);
    await expect.poll(async () => (await card.textContent({ timeout: 30_000 })) ?? '', { timeout: 30_000 }).toMatch(/on community/);
    await page.goto(`${host.base}/video?v=${ids.videoId}`);
    await box.waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => box.getAttribute('data-status'), { timeout: 30_000 }).toBe('published');

    // Remove from community (two steps): the relay no longer lists it and the button offers to publish again.
    await box.locator(tid('community-unpublish')).click();
    await box.locator(tid('community-unpublish-confirm')).click();
    await expect.poll(() => box.getAttribute('data-status'), { timeout: 30_000 }).toBe('idle');
    expect(await box.locator(tid('community-publish-button')).isEnabled()).toBe(true);
    const after = ((await (await fetch(`${relay.url}/api/v1/feed/new?kind=video`)).json()) as { items: unknown[] }).items;
    expect(after).toEqual([]);
  }, 200_000);

  it('publishes a prefab from the World library', async () => {
    const world = (await (await host.api('/world/worlds', { method: 'POST', json: { name: 'Publishing yard' } })).json()) as { id: string };
    await page.goto(`${host.base}/world?world=${world.id}`);
    await page.locator(tid('world-editor')).waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Prefabs' }).click();
    const row = page.locator(`${tid('world-prefab')}[data-prefab-id="${ids.prefabId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.locator(tid('community-publish-button')).click();
    const box = row.locator(tid('community-publish'));
    await expect.poll(() => box.getAttribute('data-status'), { timeout: 120_000 }).toBe('published');
    await screenshot(page, 'community-publish-prefab');
    const items = ((await (await fetch(`${relay.url}/api/v1/feed/new?kind=prefab`)).json()) as { items: { id: string; title: string; thumbnailUrl: string | null }[] }).items;
    expect(items).toMatchObject([{ title: 'Table set' }]);
    expect(items[0]!.thumbnailUrl).toBeTruthy();
    // The item link opens it in the Shaders studio's Community tab.
    const link = box.locator(tid('community-published-link'));
    expect(await link.getAttribute('href')).toBe(`/shaders/community/${items[0]!.id}`);
    await link.click();
    await page.locator(`${tid('community-item')}[data-item-id="${items[0]!.id}"]`).waitFor({ timeout: 30_000 });
    expect(await page.locator(tid('community-item-title')).textContent()).toContain('Table set');
    await screenshot(page, 'community-publish-prefab-item');
    expect(errors).toEqual([]);
  }, 200_000);
});
