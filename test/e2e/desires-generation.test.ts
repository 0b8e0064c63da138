import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DesireDetail } from '../../shared/schemas/desires.js';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.js';
import { launchBrowser, screenshot, collectPageErrors } from '../helpers/browser.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';
import { assertRuntimeBuilt } from '../helpers/shader-runtime.js';

// Desires that fulfil themselves, through the UI: a real `auteur serve` whose LLM is the Ollama
// protocol fake (streaming NDJSON slowly enough to watch), driven in system Chromium.

const VIEWPORT = { width: 1280, height: 860 };
const GEN_TIMEOUT = 240_000;
const tid = (id: string): string => `[data-testid="${id}"]`;

const GOOD = `// Teal plasma that breathes slowly.
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.xy;
    float t = iTime * 0.4;
    float v = sin(uv.x * 6.0 + t) + sin(uv.y * 5.0 - t) + sin((uv.x + uv.y) * 4.0 + t * 1.3);
    vec3 col = 0.5 + 0.5 * cos(v + vec3(2.6, 3.2, 3.6));
    fragColor = vec4(col * vec3(0.35, 0.9, 0.85), 1.0);
}`;
const REPLY = `Here is a calm teal plasma. Three sine waves are summed and mapped through a cosine palette shifted towards teal, and time moves slowly so the field seems to breathe:\n\n\`\`\`glsl\n${GOOD}\n\`\`\`\n`;

let ollama: FakeOllama;
let host: HostProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

const shot = (name: string) => screenshot(page, `desires-${name}`);

async function desire(id: string): Promise<DesireDetail> {
  return (await (await host.api(`/desires/${id}`)).json()) as DesireDetail;
}

async function postFromBoard(text: string, auto: boolean): Promise<string> {
  await page.locator(tid('desire-text')).fill(text);
  const auto$ = page.locator(tid('desire-auto'));
  if ((await auto$.isChecked()) !== auto) await auto$.click();
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/desires') && r.request().method() === 'POST');
  await page.locator(tid('desire-post')).click();
  const res = await created;
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  assertRuntimeBuilt();
  ollama = await startFakeOllama({ models: ['llama3.2:latest'] });
  [host, browser] = await Promise.all([startHostProcess(tempHome('auteur-e2e-desires-'), { OLLAMA_HOST: ollama.url }), launchBrowser()]);
  context = await browser.newContext({ viewport: VIEWPORT });
  page = await context.newPage();
  // A review of a desire with nothing to review answers 409 on purpose in the API tests, not here.
  collectPageErrors(page, errors);
}, 60_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await host?.stop();
  await ollama?.close();
});

describe('desires that fulfil themselves', () => {
  let firstId = '';

  it('a posted desire is generated at once; the Generate view shows the LLM reply arriving token by token', async () => {
    ollama.chunkDelayMs = 45; // ~100 tokens: a few seconds to watch
    ollama.reply(REPLY);
    await page.goto(host.url);
    await page.locator(tid('shaders-tab-desires')).click();
    await page.locator(tid('desire-form')).waitFor();
    firstId = await postFromBoard('a calm teal plasma that slowly breathes', true);
    const row = page.locator(`${tid('desire-row')}[data-desire-id="${firstId}"]`);
    await row.locator(`${tid('desire-fulfilment')}[data-state="generating"]`).waitFor();
    expect(await row.getAttribute('data-status')).toBe('in_progress');
    expect(await row.locator(tid('desire-fulfilment')).innerText()).toMatch(/Generating now: heat 0\.69 ≤ 1\.00 and the queue is clear/);
    await shot('generating');

    await row.locator(tid('desire-watch-generation')).click();
    const live = page.locator(`${tid('generate-stream-attempt-1')}[data-live="true"]`);
    await live.waitFor({ timeout: 60_000 });
    // The text grows while the job runs.
    const before = (await live.innerText()).length;
    await expect.poll(async () => (await page.locator(tid('generate-stream-attempt-1')).innerText()).length, { timeout: 20_000 }).toBeGreaterThan(before + 20);
    await shot('generate-streaming');

    const result = page.locator(`${tid('generate-result')}[data-status="succeeded"]`);
    await result.waitFor({ timeout: GEN_TIMEOUT });
    // The finished reply folds away under its summary; all of it is still there.
    expect(await page.locator(tid('generate-stream-attempt-1')).textContent()).toContain('fragColor = vec4(col * vec3(0.35, 0.9, 0.85), 1.0);');
    await result.locator(`${tid('shader-canvas')}[data-state="live"]`).waitFor({ timeout: 30_000 });
    await page.locator(`${tid('generate-fulfil')} ${tid('desire-candidate')}`).waitFor({ timeout: 30_000 });
    await shot('generate-candidate');
  }, GEN_TIMEOUT + 60_000);

  it('the poster accepts the candidate on the board: it is published and fulfils the desire', async () => {
    await page.locator(tid('shaders-tab-desires')).click();
    const row = page.locator(`${tid('desire-row')}[data-desire-id="${firstId}"]`);
    const candidate = row.locator(tid('desire-candidate'));
    await candidate.waitFor();
    await candidate.locator(`${tid('shader-canvas')}[data-state="live"]`).waitFor({ timeout: 30_000 });
    await shot('candidate');
    const shaderId = (await candidate.getAttribute('data-shader-id'))!;
    await candidate.locator(tid('candidate-accept')).click();
    await waitFor(async () => ((await desire(firstId)).status === 'fulfilled' ? true : undefined), 'the desire to be fulfilled');
    const d = await desire(firstId);
    expect(d).toMatchObject({ fulfilledBy: { id: shaderId }, fulfilment: { state: 'accepted' } });
    expect(((await (await host.api(`/shaders/${shaderId}`)).json()) as { status: string }).status).toBe('published');
    await page.locator(tid('desires-filter-fulfilled')).click();
    await page.locator(`${tid('desire-row')}[data-desire-id="${firstId}"][data-status="fulfilled"] ${tid('desire-fulfilled-by')}`).waitFor();
    await shot('fulfilled');
  }, 60_000);

  it('a desire kept on the board is generated by the procedural composer, which shows its steps, and the poster rejects it', async () => {
    await page.locator(tid('desires-filter-active')).click();
    const id = await postFromBoard('crystalline ice fractal glittering in cold blue light', false);
    const row = page.locator(`${tid('desire-row')}[data-desire-id="${id}"]`);
    await row.locator(`${tid('desire-fulfilment')}[data-state="listed"]`).waitFor();
    expect(await row.locator(tid('desire-fulfilment')).innerText()).toMatch(/asked not to generate it automatically/);
    await shot('listed');

    await row.locator(tid('desire-fulfil')).click();
    await row.locator(tid('fulfil-generate')).click();
    await page.locator(tid('generate-provider')).selectOption('procedural');
    await page.locator(tid('generate-run')).click();
    const steps = page.locator(tid('generate-steps'));
    await steps.waitFor({ timeout: 30_000 });
    expect(await steps.innerText()).toMatch(/writes no text token by token/);
    await expect.poll(async () => steps.locator('li').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await shot('generate-procedural-steps');

    await page.locator(`${tid('generate-result')}[data-status="succeeded"]`).waitFor({ timeout: GEN_TIMEOUT });
    const candidate = page.locator(`${tid('generate-fulfil')} ${tid('desire-candidate')}`);
    await candidate.waitFor({ timeout: 30_000 });
    const shaderId = (await candidate.getAttribute('data-shader-id'))!;
    await candidate.locator(tid('candidate-reject')).click();
    await waitFor(async () => ((await desire(id)).status === 'open' ? true : undefined), 'the desire to reopen');
    expect((await desire(id)).fulfilment).toMatchObject({ state: 'rejected', rejectedShaderIds: [shaderId], candidate: null });
    await page.locator(tid('shaders-tab-desires')).click();
    await page.locator(`${tid('desire-row')}[data-desire-id="${id}"] ${tid('desire-fulfilment')}[data-state="rejected"]`).waitFor();
    await shot('rejected');
  }, GEN_TIMEOUT + 60_000);

  it('raised no page errors and no console errors', () => {
    expect(errors).toEqual([]);
  });
});
