import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Channel } from '../../shared/schemas/video-liveloop.js';
import { startFakeComfy, type FakeComfy } from '../fixtures/fake-comfyui.js';
import { collectPageErrors, launchBrowser, screenshot } from '../helpers/browser.js';
import { ROOT, startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';

// The LiveLoop page against a real `auteur serve`: two short library videos (the offline script
// writer, scene pictures from the ComfyUI protocol fake so no shader has to render, no preview
// pass) go on a channel; the page plays the channel's live HLS through hls.js across an item
// boundary (currentTime passes the first item's length and the now-playing title changes, no
// fatal error); the guide and the "preview a time" picker answer; a schedule with overlapping
// slots is refused and the host's reason shows beside both slots.

const tid = (id: string): string => `[data-testid="${id}"]`;
const NO_LLM = { OLLAMA_HOST: 'http://127.0.0.1:9', OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', ELEVENLABS_API_KEY: '' };

let comfy: FakeComfy;
let host: HostProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
let channel: Channel;

const shot = (name: string) => screenshot(page, `video-liveloop-${name}`);
const json = async <T>(res: Response, status = 200): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
};

/** A short finished library video (final MP4 + HLS), made through the API. */
async function libraryVideo(title: string, prompt: string): Promise<string> {
  const res = await host.api('/videos', { method: 'POST', json: { prompt, title, duration_target: 2, produce_preview: false } });
  const id = (await json<{ video: { id: string } }>(res, 202)).video.id;
  await waitFor(async () => {
    const v = (await (await host.api(`/videos/${id}`)).json()) as { status: string; error: unknown };
    if (v.status === 'failed') throw new Error(`${title} failed: ${JSON.stringify(v.error)}`);
    return v.status === 'completed' ? v : null;
  }, `the library video ${title}`, 600_000, 500);
  return id;
}

const player = () => page.locator(tid('liveloop-player'));
const currentTime = (): Promise<number> => player().locator('video').evaluate((v) => (v as unknown as { currentTime: number }).currentTime);
const nowTitle = async (): Promise<string> => ((await page.locator(tid('liveloop-now-title')).textContent()) ?? '').trim();

beforeAll(async () => {
  comfy = await startFakeComfy({ stepDelayMs: 0 });
  [host, browser] = await Promise.all([startHostProcess(tempHome('auteur-e2e-liveloop-'), { ...NO_LLM, COMFYUI_URL: comfy.url }), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  page = await context.newPage();
  // The overlapping schedule's 400 is provoked on purpose; any other console error fails the test.
  collectPageErrors(page, errors, /favicon|status of 400 \(Bad Request\)/);
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await host?.stop();
  await comfy?.close();
});

describe('LiveLoop page', () => {
  it('puts two short library videos on a channel', { timeout: 660_000 }, async () => {
    const ids = await Promise.all([libraryVideo('Harbour at Dusk', 'A red sky over a quiet harbour.'), libraryVideo('Night Waves', 'Blue waves under the moon.')]);
    channel = await json<Channel>(await host.api('/channels', { method: 'POST', json: { name: 'Storm Watch', isDefault: true } }), 201);
    for (const videoId of ids) channel = await json<Channel>(await host.api(`/channels/${channel.id}/items`, { method: 'POST', json: { videoId } }), 201);
    channel = await waitFor(async () => {
      const c = await json<Channel>(await host.api(`/channels/${channel.id}`));
      const failed = c.items.find((i) => i.state === 'failed');
      if (failed) throw new Error(`item ${failed.title} failed: ${failed.error}`);
      return c.items.length === 2 && c.items.every((i) => i.state === 'ready') ? c : null;
    }, 'both items ready to air', 240_000, 500);
    expect(channel.playlist).toHaveLength(2);
    // A new channel airs the slate until its first item's boundary; wait until that is out of the
    // live window (and the player's buffer), so every frame the page shows is an item.
    await waitFor(async () => {
      const at = new Date(Date.now() - 40_000).toISOString();
      const np = await json<{ current: { kind: string } }>(await host.api(`/channels/${channel.id}/preview?at=${encodeURIComponent(at)}`));
      return np.current.kind === 'slate' ? null : true;
    }, 'the opening slate to leave the live window', 90_000, 500);
  });

  it('plays the live stream through an item boundary with hls.js (no fatal error), with ON AIR, now/next and the guide', { timeout: 300_000 }, async () => {
    await page.goto(host.url);
    await page.goto(`${host.base}/video?tab=liveloop`);
    await player().waitFor();
    await expect.poll(() => page.locator(`${tid('liveloop-channel-select')} option:checked`).textContent()).toContain('Storm Watch');
    // Muted autoplay starts the channel; press play if the browser held it back.
    await expect.poll(currentTime, { timeout: 30_000 }).toBeGreaterThan(0).catch(async () => page.locator(tid('liveloop-play')).click());
    await expect.poll(currentTime, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator(tid('liveloop-now-title')).count(), { timeout: 20_000 }).toBe(1);
    const t0 = await currentTime();
    const title0 = await nowTitle();
    expect(['Harbour at Dusk', 'Night Waves']).toContain(title0);
    const firstItemSec = channel.items[0]!.durationMs / 1000;
    await shot('1-playing');
    // Across a boundary: the frame on screen moves past a whole item and the title follows it.
    const titles = new Set([title0]);
    await waitFor(async () => {
      titles.add(await nowTitle());
      return (await currentTime()) - t0 > firstItemSec + 0.5 && titles.size >= 2 ? true : null;
    }, 'playback across an item boundary', 150_000, 200);
    expect(titles).toEqual(new Set(['Harbour at Dusk', 'Night Waves']));
    expect(await player().getAttribute('data-hls-error')).toBeNull();
    expect(await page.locator(tid('liveloop-on-air')).isVisible()).toBe(true);
    await expect.poll(() => page.locator(tid('liveloop-next-title')).textContent()).toMatch(/Harbour at Dusk|Night Waves/);

    // The guide: clicking an entry shows it (the last one drawn: a whole block, not a sliver at the channel's start).
    const entry = page.locator(tid('liveloop-guide-entry')).last();
    await entry.waitFor({ timeout: 20_000 });
    await entry.click();
    await expect.poll(() => page.locator(`${tid('liveloop-guide-card')} h3`).textContent(), { timeout: 15_000 }).toMatch(/Harbour at Dusk|Night Waves|items/);
    // Preview a time: the entry on air then.
    await page.locator(tid('liveloop-preview-go')).click();
    await expect.poll(() => page.locator(`${tid('liveloop-preview-entry')} h3`).textContent(), { timeout: 15_000 }).toMatch(/Harbour at Dusk|Night Waves/);
    await shot('2-guide-preview');
    expect(errors).toEqual([]);
  });

  it('shows the host’s reason beside both slots of an overlapping schedule, then saves a fixed one', { timeout: 180_000 }, async () => {
    await page.locator(tid('liveloop-editor-schedule')).click();
    await page.locator(tid('liveloop-slot-add')).click();
    await page.locator(tid('liveloop-slot-add')).click();
    const slots = page.locator(tid('liveloop-slot'));
    await expect.poll(() => slots.count()).toBe(2);
    await slots.nth(1).locator(tid('liveloop-slot-start')).fill('19:00');
    await slots.nth(1).locator(tid('liveloop-slot-end')).fill('21:00');
    await page.locator(tid('liveloop-schedule-save')).click();
    await expect.poll(() => page.locator(`${tid('liveloop-slot')}[data-invalid]`).count(), { timeout: 15_000 }).toBe(2);
    expect(await slots.nth(0).locator(tid('liveloop-slot-error')).textContent()).toMatch(/overlap/i);
    await slots.nth(1).scrollIntoViewIfNeeded();
    await shot('3-schedule-overlap');

    await slots.nth(1).locator(tid('liveloop-slot-start')).fill('20:00');
    await slots.nth(1).locator(tid('liveloop-slot-end')).fill('22:00');
    await page.locator(tid('liveloop-schedule-save')).click();
    await expect.poll(() => page.locator(`${tid('liveloop-slot')}[data-invalid]`).count(), { timeout: 15_000 }).toBe(0);
    const saved = await json<Channel>(await host.api(`/channels/${channel.id}`));
    expect(saved.schedule.map((s) => [s.start, s.end])).toEqual([
      ['18:00', '20:00'],
      ['20:00', '22:00'],
    ]);
    expect(errors).toEqual([]);
  });

  it('looks right in the cream theme and for the README', { timeout: 120_000 }, async () => {
    await page.locator(tid('liveloop-editor-playlist')).click();
    await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { setAttribute(k: string, v: string): void } } }).document.documentElement.setAttribute('data-theme', 'light'));
    await shot('4-cream');
    await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { removeAttribute(k: string): void } } }).document.documentElement.removeAttribute('data-theme'));
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'video-liveloop.jpg'), type: 'jpeg', quality: 80 });
  });
});
