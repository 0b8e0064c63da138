/**
 * Settings → Doctor in the browser: the probe table with the render check (a real frame against
 * the budget) and the sandbox row, and per capability the provider in use with its model.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, SCREENSHOT_DIR } from '../helpers/browser.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.js';

const tid = (id: string): string => `[data-testid="${id}"]`;
let host: HostProcess;
let browser: Browser;
let ollama: FakeOllama;

beforeAll(async () => {
  ollama = await startFakeOllama({ models: ['qwen2.5-coder:7b'] });
  [host, browser] = await Promise.all([
    startHostProcess(tempHome('auteur-e2e-doctor-'), { OLLAMA_HOST: ollama.url, OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', COMFYUI_URL: 'http://127.0.0.1:9' }),
    launchBrowser(),
  ]);
}, 60_000);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
  await ollama?.close();
});

it('shows the render check, the sandbox state and the model each capability uses', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 1400 } })).newPage();
  await page.goto(`${host.base}/settings?token=${host.token}`);
  const doctor = page.locator(tid('doctor'));
  await doctor.locator(tid('probe-table')).waitFor({ state: 'visible', timeout: 120_000 });
  const render = doctor.locator('tr[data-probe-id="render-budget"]');
  expect(await render.innerText()).toMatch(/a frame of a typical shader takes \d+ ms at 640×360/);
  expect(await doctor.locator('tr[data-probe-id="chromium-sandbox"]').count()).toBe(1);
  const providers = doctor.locator(tid('doctor-providers'));
  expect(await providers.locator('tr[data-capability="llm"]').getAttribute('data-in-use')).toBe('ollama');
  expect(await providers.locator(tid('doctor-model-llm')).innerText()).toBe('qwen2.5-coder:7b');
  // A coder model is no vision or embeddings model: Ollama is not in use there.
  expect(await providers.locator('tr[data-capability="vision"]').getAttribute('data-in-use')).not.toBe('ollama');
  expect(await providers.locator('tr[data-capability="embeddings"]').getAttribute('data-in-use')).toBe('hashed-features');
  await screenshot(page, 'settings-doctor');
  await doctor.screenshot({ path: `${SCREENSHOT_DIR}/settings-doctor-section.png` });
}, 180_000);
