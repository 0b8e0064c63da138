import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../relay/config.js';
import { createRelay, type Relay } from '../../relay/create-relay.js';
import { collectPageErrors, launchBrowser, screenshot } from '../helpers/browser.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';

// "Publish to community" on a shipped shader's detail page in system Chromium, against a real
// `auteur serve` signed in to a PGlite relay started here: the button follows the job to
// "Published", and the relay's new feed has the shader.

const tid = (id: string): string => `[data-testid="${id}"]`;
let relay: Relay;
let host: HostProcess;
let browser: Browser;
let page: Page;
let dir: string;
const errors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'community-publish-e2e-'));
  relay = await createRelay(configFromEnv({ RELAY_PORT: '0', RELAY_DATA_DIR: dir, RELAY_BCRYPT_COST: '4' }), { log: () => {} });
  [host, browser] = await Promise.all([
    startHostProcess(tempHome('auteur-e2e-community-publish-'), { AUTEUR_SEED_LIBRARY: '1', CHROME_PATH: '/nonexistent/chromium' }),
    launchBrowser(),
  ]);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  collectPageErrors(page, errors, /favicon|Failed to load resource|WebGL|GPU/i);
}, 240_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
  await relay?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Publish to community', () => {
  it('publishes a shipped shader from its detail page and the relay lists it', async () => {
    await host.api('/community/settings', { method: 'PUT', json: { relayUrl: relay.url } });
    const reg = await host.api('/community/register', { method: 'POST', json: { username: 'lin', email: 'lin@example.test', password: 'correct horse battery' } });
    expect(reg.status).toBe(201);
    const feed = (await (await host.api('/feed?limit=5')).json()) as { items: { id: string; title: string }[] };
    const shader = feed.items[0]!;

    await page.goto(host.url); // signs the page in with the host token
    await page.locator(tid('shaders-feed')).waitFor({ state: 'visible', timeout: 30_000 });
    await page.goto(`${host.base}/shaders/s/${shader.id}`);
    const box = page.locator(tid('community-publish'));
    await box.waitFor({ state: 'visible', timeout: 30_000 });
    await box.locator(tid('community-publish-button')).click();
    await expect.poll(() => box.getAttribute('data-status'), { timeout: 30_000 }).toBe('published');
    expect(await box.textContent()).toMatch(/Published to community \(item [0-9a-f]{8}\)/);
    expect(await box.locator(tid('community-publish-button')).isDisabled()).toBe(true);
    await screenshot(page, 'community-publish');

    const items = ((await (await fetch(`${relay.url}/api/v1/feed/new`)).json()) as { items: { title: string; thumbnailUrl: string | null }[] }).items;
    expect(items.find((i) => i.title === shader.title)?.thumbnailUrl).toBeTruthy();
    expect(errors).toEqual([]);
  });
});
