import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../relay/config.js';
import { createRelay, type Relay } from '../../relay/create-relay.js';
import { collectPageErrors, launchBrowser, screenshot } from '../helpers/browser.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';

// Settings → Community in system Chromium against a real `auteur serve` and a PGlite relay
// started here: a wrong address is explained, then register, sign out, sign in.

const tid = (id: string): string => `[data-testid="${id}"]`;
let relay: Relay;
let host: HostProcess;
let browser: Browser;
let page: Page;
let dir: string;
const errors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'community-e2e-relay-'));
  // One after the other: PGlite's first start and the host's boot starve each other on a loaded machine.
  relay = await createRelay(configFromEnv({ RELAY_PORT: '0', RELAY_DATA_DIR: dir, RELAY_BCRYPT_COST: '4' }), { log: () => {} });
  [host, browser] = await Promise.all([startHostProcess(tempHome('auteur-e2e-community-')), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  collectPageErrors(page, errors, /favicon|502|Failed to load resource/i);
}, 240_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
  await relay?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Settings → Community', () => {
  it('explains a relay that is down, then registers, signs out and signs in', async () => {
    await page.goto(host.url);
    await page.locator(tid('nav-settings')).click();
    const section = page.locator(tid('community-section'));
    await section.waitFor({ state: 'visible' });

    await section.locator(tid('community-relay-url')).fill('http://127.0.0.1:9');
    await section.locator(tid('community-relay-save')).click();
    await expect.poll(() => section.locator(tid('community-relay-check')).getAttribute('data-reachable'), { timeout: 20_000 }).toBe('false');
    expect(await section.locator(tid('community-relay-check')).textContent()).toMatch(/could not be reached/);

    await section.locator(tid('community-relay-url')).fill(relay.url);
    await section.locator(tid('community-relay-save')).click();
    await expect.poll(() => section.locator(tid('community-relay-check')).getAttribute('data-reachable'), { timeout: 20_000 }).toBe('true');

    await section.locator(tid('community-mode')).click();
    await section.locator(tid('community-username')).fill('ada_e2e');
    await section.locator(tid('community-email')).fill('ada@example.test');
    await section.locator(tid('community-password')).fill('correct horse battery');
    await section.locator(tid('community-submit')).click();
    await section.locator(tid('community-signed-in')).waitFor({ state: 'visible', timeout: 20_000 });
    expect(await section.locator(tid('community-signed-in')).textContent()).toContain('ada_e2e');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'community-settings-signed-in');

    await section.locator(tid('community-sign-out')).click();
    await section.locator(tid('community-account-form')).waitFor({ state: 'visible' });
    await section.locator(tid('community-email')).fill('ada@example.test');
    await section.locator(tid('community-password')).fill('wrong password');
    await section.locator(tid('community-submit')).click();
    await expect.poll(() => section.textContent(), { timeout: 20_000 }).toMatch(/Wrong email or password/);
    await section.locator(tid('community-password')).fill('correct horse battery');
    await section.locator(tid('community-submit')).click();
    await section.locator(tid('community-signed-in')).waitFor({ state: 'visible', timeout: 20_000 });
    expect(errors).toEqual([]);
  });
});
