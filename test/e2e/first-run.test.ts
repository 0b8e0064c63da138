import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';
import { loadSeedLibrary } from '../../worker/generate/seed-library.js';

// First run as a new user on a machine that cannot render at all (CHROME_PATH points nowhere):
// the shipped shaders come with precomputed renders, so the feed is full and plays live at once;
// and an empty feed says why it is empty.

const tid = (id: string): string => `[data-testid="${id}"]`;
const NO_RENDERER = { CHROME_PATH: '/nonexistent/chromium' };
const hosts: HostProcess[] = [];
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
});
afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  for (const h of hosts) await h.stop();
});

describe('first run', () => {
  it('shows the shipped shaders in the feed, live, with rendering impossible on this machine', async () => {
    const host = await startHostProcess(tempHome('auteur-e2e-first-'), { ...NO_RENDERER, AUTEUR_SEED_LIBRARY: '1' });
    hosts.push(host);
    const all = (await (await host.api('/feed/new?limit=50')).json()) as { items: unknown[] };
    expect(all.items).toHaveLength(loadSeedLibrary().length);

    const page = await context.newPage();
    await page.goto(host.url);
    const first = page.locator(`${tid('feed-card')}[data-index="0"]`);
    await first.waitFor({ state: 'visible', timeout: 30_000 });
    expect(Number(await page.locator(tid('shaders-feed')).getAttribute('data-count'))).toBeGreaterThanOrEqual(5);
    // A living card: the page's own WebGL drew a frame of it.
    await first.locator('canvas[data-drawn="true"]').waitFor({ timeout: 60_000 });
    await screenshot(page, 'first-run-feed');
    await page.close();
  });

  it('an empty feed says why: nothing published, then renders pending or failed and how many', async () => {
    const host = await startHostProcess(tempHome('auteur-e2e-empty-'), NO_RENDERER);
    hosts.push(host);
    const page = await context.newPage();
    await page.goto(host.url);
    const end = page.locator(tid('feed-end'));
    await end.waitFor({ state: 'visible', timeout: 30_000 });
    await waitFor(async () => (await end.getAttribute('data-reason')) === 'nothing', 'the "nothing" reason', 15_000);
    await expect(end.locator('h2').textContent()).resolves.toBe('Nothing in the feed yet');

    // A shader that cannot render on this machine: the message turns to its render, with counts.
    const res = await host.api('/shaders', { method: 'POST', json: { title: 'Cannot render here', tags: ['test'], glslCode: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0); }' } });
    expect(res.status).toBe(201);
    await waitFor(async () => ['rendering', 'failed'].includes((await end.getAttribute('data-reason')) ?? ''), 'a render reason', 30_000, 500);
    const title = (await end.locator('h2').textContent()) ?? '';
    expect(title).toMatch(/^1 shader is rendering$|^1 render failed, so nothing is in the feed$/);
    await screenshot(page, 'first-run-empty-feed-reason');
    await page.close();
  });
});
