import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Ingredient, Project, Scene, ShotWithWarnings } from '../../shared/schemas/shots.js';
import { startFakeVeo, type FakeVeo } from '../fixtures/fake-veo.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';

// "Submit to Veo" through the Shots UI against a real host and the Gemini protocol fake.

const tid = (id: string): string => `[data-testid="${id}"]`;
let host: HostProcess;
let fake: FakeVeo;
let browser: Browser;
let page: Page;
const errors: string[] = [];

async function api<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const res = await host.api(path, init);
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path} → ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

beforeAll(async () => {
  fake = await startFakeVeo({ apiKey: 'test-gemini-key', pollsUntilDone: 3 });
  [host, browser] = await Promise.all([startHostProcess(tempHome('auteur-e2e-veo-'), { GEMINI_API_KEY: '', GEMINI_BASE_URL: fake.url, AUTEUR_VEO_POLL_MS: '300' }), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack ?? err.message}`));
}, 120_000);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
  await fake?.close();
});

describe('Shots: Submit to Veo', () => {
  it('offers the button only with a Gemini key, shows progress, then plays the clip', async () => {
    const p = await api<Project>('/shots/projects', { method: 'POST', json: { name: 'Harbour' } });
    const scene = await api<Scene>(`/shots/projects/${p.id}/scenes`, { method: 'POST', json: { slugline: 'EXT. HARBOUR - NIGHT' } });
    const s = await api<ShotWithWarnings>(`/shots/scenes/${scene.id}/shots`, { method: 'POST', json: { description: 'Mara walks along the pier' } });
    const f = new FormData();
    f.append('projectId', p.id);
    f.append('type', 'Character');
    f.append('file', new Blob([new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366aa' } }).png().toBuffer())]), 'mara.png');
    const ing = await api<Ingredient>('/assets/upload', { method: 'POST', body: f });
    const payload = { instances: [{ prompt: 'Mara walks along the rainy pier', referenceImages: [{ image: { mediaId: ing.mediaId, mimeType: 'image/png' }, referenceType: 'asset' }] }], parameters: { durationSeconds: 8 } };
    await api(`/shots/${s.shot.id}`, { method: 'PATCH', json: { veoPayload: payload } });

    await page.goto(host.url);
    await page.goto(`${host.base}/shots?project=${p.id}`);
    const card = page.locator(`${tid('shots-shot')}[data-shot-id="${s.shot.id}"]`);
    await card.waitFor();
    await card.getByRole('button', { name: 'Edit payload' }).waitFor();
    expect(await card.getByRole('button', { name: 'Submit to Veo' }).count()).toBe(0);

    await api('/providers/settings', { method: 'PUT', json: { secrets: { gemini: 'test-gemini-key' } } });
    await page.reload();
    const submit = card.getByRole('button', { name: 'Submit to Veo' });
    await submit.waitFor();
    await submit.click();
    await card.locator(`${tid('shots-veo')} ${tid('shots-job')}`).waitFor();
    const clip = card.locator(tid('shots-veo-clip'));
    await clip.waitFor({ timeout: 30_000 });
    expect(await clip.getAttribute('src')).toMatch(/^blob:/);
    expect(await card.locator('figcaption').textContent()).toMatch(/veo-3\.1-generate-preview/);
    await screenshot(page, 'shots-veo-clip');
    const after = await waitFor(async () => (await api<ShotWithWarnings>(`/shots/${s.shot.id}`)).shot.veo?.mediaId ?? null, 'the clip on the shot');
    expect(after).toBeTruthy();
    expect(fake.operations.size).toBe(1);
    expect(errors).toEqual([]);
  });
});
