import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { locateChromium, OFFLINE_CHROMIUM_FLAGS, sandboxFlags } from '../../worker/tools/binaries.js';
import { ROOT } from './host-process.js';

export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

/** System Chromium as the studio finds it (CHROME_PATH, then well-known paths). Playwright never downloads a browser here. */
export function chromiumPath(): string {
  return locateChromium().path ?? '/usr/bin/chromium';
}

/** The studio's own offline flags, so tests drive Chromium the way the renderer does. */
export function chromiumArgs(): string[] {
  return [...sandboxFlags(), ...OFFLINE_CHROMIUM_FLAGS];
}

/** Headless system Chromium driven by playwright-core. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs() });
}

/** Full-page PNG at test-results/screenshots/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * What page-side callbacks (`evaluate`, `evaluateAll`) read of an element. The Node type-check
 * has no DOM lib on purpose (the host must not use the DOM), and React's types, pulled in by
 * renderer modules that unit tests import, declare the DOM interfaces empty.
 */
export interface PageEl {
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageEl | null;
}

/**
 * Pushes the page's uncaught errors and console errors onto `errors` (the tests assert it stays
 * empty); console errors matching `ignore` (failed fetches a test provokes on purpose) are left out.
 */
export function collectPageErrors(page: Page, errors: string[], ignore = /favicon/i): void {
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack ?? err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !ignore.test(msg.text())) errors.push(`console.error: ${msg.text()}`);
  });
}
