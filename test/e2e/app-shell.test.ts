import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { launchBrowser, screenshot, type PageEl } from '../helpers/browser.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';

// The renderer, served by a real `auteur serve`, driven by playwright-core on system Chromium.

const SECTIONS = [
  { id: 'shaders', title: 'Shaders' },
  { id: 'video', title: 'Video' },
  { id: 'world', title: 'World' },
  { id: 'shots', title: 'Shots' },
  { id: 'library', title: 'Library' },
  { id: 'jobs', title: 'Jobs' },
  { id: 'settings', title: 'Settings' },
] as const;

const VIEWPORT = { width: 1280, height: 800 };

let host: HostProcess;
let browser: Browser;

/** Page errors and console errors, minus a favicon 404 should the browser ask for one. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack ?? err.message}`));
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() !== 'error') return;
    const where = msg.location().url ?? '';
    if (/favicon/i.test(where) || /favicon/i.test(msg.text())) return;
    errors.push(`console.error: ${msg.text()}${where ? ` (${where})` : ''}`);
  });
  return errors;
}

const tid = (id: string): string => `[data-testid="${id}"]`;

/** Counts the page's in-flight HTTP requests (WebSockets are not requests here). */
function trackRequests(page: Page): () => number {
  let n = 0;
  page.on('request', () => n++);
  page.on('requestfinished', () => n--);
  page.on('requestfailed', () => n--);
  return () => n;
}
const inFlight = new WeakMap<Page, () => number>();

/**
 * Lets pending fetches finish so screenshots show data rather than spinners: waits until no
 * request has been in flight for 300 ms (at most 10 s); never fails. waitForLoadState('networkidle')
 * would not do: it resolves at once after the document's first idle.
 */
async function settle(page: Page): Promise<void> {
  const count = inFlight.get(page);
  if (!count) return;
  const deadline = Date.now() + 10_000;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if (count() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 300) return;
    await page.waitForTimeout(50);
  }
}

beforeAll(async () => {
  [host, browser] = await Promise.all([startHostProcess(tempHome('auteur-e2e-')), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
});

describe('app shell (signed in from the printed URL)', () => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    context = await browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
    errors = collectErrors(page);
    inFlight.set(page, trackRequests(page));
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
  });

  it('logs in from ?token= and strips the token from the address bar', async () => {
    const res = await page.goto(host.url);
    expect(res?.status()).toBe(200);
    await page.locator(tid('page-shaders')).waitFor({ state: 'visible' });
    const url = new URL(page.url());
    expect(url.searchParams.has('token')).toBe(false);
    expect(page.url()).not.toContain(host.token);
    expect(url.origin).toBe(host.base);
    // `/` normalises to the first section.
    expect(url.pathname).toBe('/shaders');
    expect(await page.locator(tid('auth-required')).count()).toBe(0);
  });

  it('reaches every rail section, with its page root, h1 and aria-current', async () => {
    for (const { id, title } of SECTIONS) {
      await page.locator(tid(`nav-${id}`)).click();
      const root = page.locator(tid(`page-${id}`));
      await root.waitFor({ state: 'visible' });
      await page.locator(`${tid(`nav-${id}`)}[aria-current="page"]`).waitFor();

      const h1 = root.locator('h1');
      expect(await h1.count()).toBe(1);
      expect(await h1.isVisible()).toBe(true);
      expect((await h1.innerText()).trim()).toBe(title);

      // Exactly one rail link is current: this one.
      const current = page.locator('[data-testid^="nav-"][aria-current="page"]');
      expect(await current.count()).toBe(1);
      expect(await current.getAttribute('data-testid')).toBe(`nav-${id}`);
      // Only this page is mounted.
      expect(await page.locator('[data-testid^="page-"]').count()).toBe(1);
      expect(new URL(page.url()).pathname).toBe(`/${id}`);

      await settle(page);
      await screenshot(page, `section-${id}`);
    }
  });

  it('deep-links /jobs on a fresh load (SPA fallback), still signed in', async () => {
    const res = await page.goto(`${host.base}/jobs`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-type']).toMatch(/text\/html/);
    await page.locator(tid('page-jobs')).waitFor({ state: 'visible' });
    await page.locator(`${tid('nav-jobs')}[aria-current="page"]`).waitFor();
    expect(await page.locator(tid('auth-required')).count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/jobs');

    await page.reload();
    await page.locator(tid('page-jobs')).waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe('/jobs');
  });

  it('event stream connects', async () => {
    await page.locator(`${tid('events-status')}[data-state="open"]`).waitFor({ timeout: 15_000 });
  });

  it('runs diagnostics from Jobs and shows progress live until 100 %', async () => {
    await page.locator(tid('page-jobs')).waitFor({ state: 'visible' });
    await settle(page);
    const before = new Set(
      await page.locator(tid('job-row')).evaluateAll((rows) => (rows as unknown as PageEl[]).map((r) => r.getAttribute('data-job-id') ?? '')),
    );

    await page.locator(tid('run-diagnose')).click();

    // The new row: a system.diagnose job this test did not see before.
    const rows = page.locator(`${tid('job-row')}[data-kind="system.diagnose"]`);
    let jobId: string | null = null;
    const deadline = Date.now() + 15_000;
    while (!jobId && Date.now() < deadline) {
      const ids = await rows.evaluateAll((els) => (els as unknown as PageEl[]).map((r) => r.getAttribute('data-job-id') ?? ''));
      jobId = ids.find((id) => id && !before.has(id)) ?? null;
      if (!jobId) await page.waitForTimeout(25);
    }
    expect(jobId, 'a new system.diagnose row appears').toBeTruthy();
    const row = page.locator(`${tid('job-row')}[data-job-id="${jobId}"]`);
    const bar = row.locator('[role="progressbar"]');

    // Poll the row the way a person watches it: record every distinct value/status seen.
    const seen: number[] = [];
    const statuses: string[] = [];
    const finished = Date.now() + 90_000;
    let status = '';
    while (Date.now() < finished) {
      const snap = await row.evaluate((node) => {
        const el = node as unknown as PageEl;
        return { status: el.getAttribute('data-status') ?? '', now: el.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? null };
      });
      status = snap.status;
      if (statuses.at(-1) !== status) statuses.push(status);
      if (snap.now !== null) {
        const v = Number(snap.now);
        if (seen.at(-1) !== v) seen.push(v);
      }
      if (status === 'succeeded' || status === 'failed' || status === 'cancelled') break;
      await page.waitForTimeout(40);
    }
    console.info(`diagnose ${jobId}: progress seen ${JSON.stringify(seen)}, statuses ${JSON.stringify(statuses)}`);

    if (status !== 'succeeded') {
      const job = (await (await host.api(`/jobs/${jobId}`)).json()) as unknown;
      throw new Error(`diagnose ended ${status || '(no status)'}: ${JSON.stringify(job, null, 2)}`);
    }
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(100);
    expect(seen.at(-1)).toBe(100);
    expect(seen.every((v) => Number.isInteger(v) && v >= 0 && v <= 100)).toBe(true);
    // Progress never goes backwards within one successful attempt.
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    // ~3 s over seven probe steps: a live UI shows at least one step between 0 and 100.
    expect(seen.some((v) => v > 0 && v < 100), `intermediate progress in ${JSON.stringify(seen)}`).toBe(true);
    expect(statuses).toContain('succeeded');

    // The API agrees with the row.
    const api = (await (await host.api(`/jobs/${jobId}`)).json()) as { status: string; progress: number };
    expect(api.status).toBe('succeeded');
    expect(api.progress).toBe(1);

    // The result's probe table.
    await row.locator(tid('job-toggle')).click();
    const table = row.locator(tid('probe-table'));
    await table.waitFor({ state: 'visible' });
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    // Full-page capture from the top: the sticky rail stays where it belongs in the PNG.
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'jobs-diagnose-succeeded');
  });

  it('Settings shows the SQLite and sqlite-vec versions the host reports', async () => {
    const res = await fetch(`${host.base}/api/v1/health`);
    expect(res.status).toBe(200);
    const health = (await res.json()) as { ok: boolean; sqlite: { version: string; vec: string | null } };
    expect(health.ok).toBe(true);

    await page.locator(tid('nav-settings')).click();
    await page.locator(tid('page-settings')).waitFor({ state: 'visible' });
    await page.locator(tid('system-info')).waitFor({ state: 'visible', timeout: 15_000 });

    expect((await page.locator(tid('sqlite-version')).innerText()).trim()).toBe(health.sqlite.version);
    const vec = (await page.locator(tid('vec-version')).innerText()).trim();
    expect(vec).toBe(health.sqlite.vec ?? 'not loaded');
    expect(health.sqlite.vec, 'sqlite-vec is loaded').toBeTruthy();
    expect((await page.locator(tid('data-dir')).innerText()).trim()).toContain(host.home);
    await page.locator(tid('worker-pool')).waitFor({ state: 'visible' });
    await page.locator(`${tid('events-status')}[data-state="open"]`).waitFor({ timeout: 15_000 });

    await settle(page);
    await screenshot(page, 'settings-loaded');
  });

  it('raised no page errors and no console errors', () => {
    expect(errors).toEqual([]);
  });
});

describe('without a token', () => {
  it('opening the base URL in a fresh context shows the auth-required page', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    try {
      const page = await context.newPage();
      const errors = collectErrors(page);
      const res = await page.goto(`${host.base}/`);
      expect(res?.status()).toBe(200);
      const gate = page.locator(tid('auth-required'));
      await gate.waitFor({ state: 'visible' });
      expect(await gate.locator('h1').isVisible()).toBe(true);
      expect(await page.locator('[data-testid^="nav-"]').count()).toBe(0);
      expect(await page.locator('[data-testid^="page-"]').count()).toBe(0);
      await screenshot(page, 'auth-required');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
