import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { configFromEnv } from '../../relay/config.js';
import { createRelay, type Relay } from '../../relay/create-relay.js';
import { collectPageErrors, launchBrowser } from './browser.js';
import { startHostProcess, tempHome, type HostProcess } from './host-process.js';

export interface CommunityE2E {
  relay: Relay;
  host: HostProcess;
  browser: Browser;
  page: Page;
  /** Console errors of the page (WebGL/GPU noise and failed loads left out). */
  errors: string[];
  close(): Promise<void>;
}

/**
 * The community end-to-end set-up: a PGlite relay in this process, a real `auteur serve` with the
 * shipped library (no Chromium for renders), and a Chromium page.
 */
export async function startCommunityE2E(name: string): Promise<CommunityE2E> {
  const dir = mkdtempSync(join(tmpdir(), `${name}-e2e-`));
  const relay = await createRelay(configFromEnv({ RELAY_PORT: '0', RELAY_DATA_DIR: dir, RELAY_BCRYPT_COST: '4' }), { log: () => {} });
  const [host, browser] = await Promise.all([startHostProcess(tempHome(`auteur-e2e-${name}-`), { AUTEUR_SEED_LIBRARY: '1', CHROME_PATH: '/nonexistent/chromium' }), launchBrowser()]);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const errors: string[] = [];
  collectPageErrors(page, errors, /favicon|Failed to load resource|WebGL|GPU/i);
  return {
    relay,
    host,
    browser,
    page,
    errors,
    close: async () => {
      await browser.close().catch(() => undefined);
      await host.stop();
      await relay.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
