import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';

// The brand, app-wide: design tokens (dark teal default, cream light theme chosen in Settings and
// remembered in this browser), serif headings over sans UI text, gold only on calls to action, and
// the lighthouse/compass mark. Screenshots of every section in both themes.

const VIEWPORT = { width: 1280, height: 800 };
const SECTIONS = ['shaders', 'video', 'world', 'shots', 'library', 'jobs', 'settings'] as const;
const tid = (id: string): string => `[data-testid="${id}"]`;

let host: HostProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

/** Computed style of the first match, read in the page. */
function style(selector: string, prop: string): Promise<string> {
  return page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).getPropertyValue(${JSON.stringify(prop)})`) as Promise<string>;
}
/** data-theme on <html>, 'dark' when absent. */
const theme = (): Promise<string> => page.evaluate(`document.documentElement.dataset.theme ?? 'dark'`) as Promise<string>;
const bodyBg = () => style('body', 'background-color');

beforeAll(async () => {
  [host, browser] = await Promise.all([startHostProcess(tempHome('auteur-e2e-brand-')), launchBrowser()]);
  context = await browser.newContext({ viewport: VIEWPORT });
  page = await context.newPage();
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await host?.stop();
});

describe('brand and themes', () => {
  it('starts dark teal with serif headings, sans UI text and the brand mark', async () => {
    await page.goto(host.url);
    await page.locator(tid('page-shaders')).waitFor();
    expect(await theme()).toBe('dark');
    expect(await bodyBg()).toBe('rgb(10, 22, 24)');
    expect(await style('h1', 'font-family')).toMatch(/serif/);
    expect(await style('h1', 'font-family')).not.toMatch(/system-ui/);
    expect(await style('body', 'font-family')).toMatch(/system-ui/);
    // The rail mark is the SVG master, loaded (a broken image has naturalWidth 0).
    const mark = page.locator('.rail-brand img.brand-mark');
    await expect.poll(() => mark.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/\.svg$/);
  });

  it('gold is for calls to action only', async () => {
    await page.locator(tid('nav-settings')).click();
    await page.locator(tid('page-settings')).waitFor();
    // Every element painted gold (background or text) is a CTA button.
    const gold = (await page.evaluate(`(() => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--gold)';
      document.body.append(probe);
      const goldRgb = getComputedStyle(probe).color;
      probe.remove();
      return [...document.querySelectorAll('body *')]
        .filter((el) => {
          const cs = getComputedStyle(el);
          return cs.backgroundColor === goldRgb || cs.color === goldRgb;
        })
        .map((el) => el.tagName + '.' + el.className);
    })()`)) as string[];
    expect(gold.length).toBeGreaterThan(0); // the API keys card's CTA at least
    for (const el of gold) expect(el).toMatch(/btn-cta|badge-on-air/);
  });

  it('switches to the cream theme in Settings, and remembers it after a reload', async () => {
    for (const id of SECTIONS) {
      await page.locator(tid(`nav-${id}`)).click();
      await page.locator(tid(`page-${id}`)).waitFor();
      await page.waitForTimeout(400);
      await screenshot(page, `brand-dark-${id}`);
    }
    await page.locator(tid('settings-appearance')).getByLabel(/Cream/).check();
    await expect.poll(theme).toBe('light');
    expect(await bodyBg()).toBe('rgb(245, 239, 224)');
    expect(await page.evaluate(`localStorage.getItem('auteur.theme')`)).toBe('light');

    await page.reload();
    await page.locator(tid('page-settings')).waitFor();
    expect(await theme()).toBe('light');
    expect(await page.locator(tid('settings-appearance')).getByLabel(/Cream/).isChecked()).toBe(true);
    for (const id of SECTIONS) {
      await page.locator(tid(`nav-${id}`)).click();
      await page.locator(tid(`page-${id}`)).waitFor();
      await page.waitForTimeout(400);
      await screenshot(page, `brand-light-${id}`);
    }

    await page.locator(tid('nav-settings')).click();
    await page.locator(tid('settings-appearance')).getByLabel(/Dark teal/).check();
    await expect.poll(theme).toBe('dark');
    expect(await bodyBg()).toBe('rgb(10, 22, 24)');
    expect(errors).toEqual([]);
  });
});
