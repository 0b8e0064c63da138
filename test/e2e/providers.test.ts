import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';

// Settings → Providers in system Chromium against a real `auteur serve`, with Ollama played by
// the protocol fake (so reachable status, model lists and the pull progress are real round trips).

const CAPABILITIES = ['llm', 'vision', 'embeddings', 'image', 'video', 'tts', 'asr', 'encode', 'render'] as const;
const KEY = `sk-ant-api03-E2E-${Date.now()}-must-not-render`;
const tid = (id: string): string => `[data-testid="${id}"]`;

let fake: FakeOllama;
let host: HostProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const responses: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  fake = await startFakeOllama({ models: ['llama3.2:latest', 'llava:7b', 'nomic-embed-text:latest'], version: '0.12.6' });
  fake.chunkDelayMs = 150;
  [host, browser] = await Promise.all([
    startHostProcess(tempHome('auteur-e2e-providers-'), {
      OLLAMA_HOST: fake.url,
      OPENAI_BASE_URL: '',
      OPENAI_API_KEY: '',
      ANTHROPIC_API_KEY: '',
      COMFYUI_URL: '',
      ELEVENLABS_API_KEY: '',
    }),
    launchBrowser(),
  ]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('response', async (res) => {
    if (!res.url().includes('/api/v1/')) return;
    responses.push(await res.text().catch(() => ''));
  });
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await host?.stop();
  await fake?.close();
});

describe('Settings → Providers', () => {
  it('lists every capability with live status, Ollama reachable via OLLAMA_HOST', async () => {
    await page.goto(host.url);
    await page.locator(tid('nav-settings')).click();
    const section = page.locator(tid('providers-section'));
    await section.waitFor({ state: 'visible' });
    for (const cap of CAPABILITIES) await section.locator(tid(`provider-card-${cap}`)).waitFor({ state: 'visible', timeout: 15_000 });

    const llm = section.locator(tid('provider-card-llm'));
    await llm.locator(`${tid('provider-row-ollama')}[data-status="reachable"]`).waitFor();
    expect(await llm.getAttribute('data-in-use')).toBe('ollama');
    expect(await llm.locator(tid('provider-in-use-llm')).innerText()).toMatch(/auto: first with a model for LLM text \/ JSON, model \S+ \(URL set by OLLAMA_HOST\)/);
    expect(await section.locator(`${tid('provider-card-llm')} ${tid('provider-row-procedural')}`).getAttribute('data-status')).toBe('embedded');
    expect(await section.locator(`${tid('provider-card-render')} ${tid('provider-row-chromium')}`).getAttribute('data-status')).toBe('embedded');

    // The env-set URL is read-only and says where it comes from.
    const url = page.locator(tid('setting-ollama.url'));
    expect(await url.getAttribute('readonly')).not.toBeNull();
    expect(await url.inputValue()).toBe(fake.url);
    await page.getByText('set by OLLAMA_HOST (environment overrides Settings)').first().waitFor();
    // The model select offers what the reachable Ollama has.
    const models = await page.locator(`${tid('setting-ollama.models.vision')} option`).allInnerTexts();
    expect(models).toEqual(expect.arrayContaining(['llava:7b', 'llama3.2:latest']));
  });

  it('runs a provider test and shows the result', async () => {
    const row = page.locator(`${tid('provider-card-llm')} ${tid('provider-row-ollama')}`);
    await row.locator(tid('provider-test-ollama')).click();
    const result = row.locator('.provider-test-result[data-ok]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toMatch(/^Test (passed|failed)/);
  });

  it('saves an Anthropic key: the field says "saved" and the key is nowhere in the page', async () => {
    const field = page.locator(tid('secret-anthropic'));
    expect(await field.getAttribute('data-state')).toBe('not-set');
    await page.locator(tid('secret-anthropic-input')).fill(KEY);
    await page.locator(tid('setting-ollama.models.llm')).selectOption('llama3.2:latest');
    await page.locator(tid('provider-settings-save')).click();
    await page.locator(`${tid('secret-anthropic')}[data-state="saved"]`).waitFor({ timeout: 15_000 });
    expect(await page.locator(tid('secret-anthropic-status')).innerText()).toBe('saved');
    expect(await page.locator(tid('secret-anthropic-input')).inputValue()).toBe('');
    await page.locator(tid('provider-settings-saved')).waitFor();

    expect(await page.content()).not.toContain(KEY);
    // Reload: what the page shows now comes only from the host.
    await page.reload();
    await page.locator(`${tid('secret-anthropic')}[data-state="saved"]`).waitFor({ timeout: 15_000 });
    expect(await page.locator(tid('setting-ollama.models.llm')).inputValue()).toBe('llama3.2:latest');
    expect(await page.content()).not.toContain(KEY);
    for (const body of responses) expect(body).not.toContain(KEY);
  });

  it('shows a validation error next to the field', async () => {
    await page.locator(tid('setting-comfyui.url')).fill('localhost 8188');
    await page.locator(tid('provider-settings-save')).click();
    const group = page.locator(tid('provider-group-comfyui'));
    await group.locator('.field-error').waitFor();
    expect(await group.locator('.field-error').innerText()).toMatch(/must be an http:\/\/ or https:\/\/ URL/);
    // Editing the field again hides the stale error.
    await page.locator(tid('setting-comfyui.url')).fill('');
    expect(await group.locator('.field-error').count()).toBe(0);
  });

  it('pulls an Ollama model with a live progress bar to 100 %', async () => {
    await page.locator(tid('ollama-pull-model')).fill('phi3:mini');
    await page.locator(tid('ollama-pull-start')).click();
    const progress = page.locator(tid('ollama-pull-progress'));
    await progress.waitFor();
    const seen = new Set<string>();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const status = await progress.getAttribute('data-status');
      seen.add(`${status}:${await progress.locator('[role="progressbar"]').getAttribute('aria-valuenow')}`);
      if (status === 'succeeded' || status === 'failed') break;
      await page.waitForTimeout(50);
    }
    expect(await progress.getAttribute('data-status')).toBe('succeeded');
    expect(await progress.locator('[role="progressbar"]').getAttribute('aria-valuenow')).toBe('100');
    expect([...seen].some((s) => /^running:([1-9]\d?)$/.test(s)), [...seen].join(' ')).toBe(true);
    // The new model appears in the selects once the table refreshes.
    await page.locator(`${tid('setting-ollama.models.llm')} option[value="phi3:mini"]`).waitFor({ state: 'attached', timeout: 15_000 });

    await page.locator(tid('providers-section')).scrollIntoViewIfNeeded();
    const shot = await screenshot(page, 'settings-providers');
    expect(shot).toMatch(/settings-providers\.png$/);
    expect(await page.content()).not.toContain(KEY);
    expect(pageErrors).toEqual([]);
  });
});
