import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { buildZip, gameZip } from '../fixtures/arcade-zip.js';
import { startFakeComfy, type FakeComfy } from '../fixtures/fake-comfyui.js';
import { collectPageErrors, launchBrowser, screenshot } from '../helpers/browser.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';

// The page.evaluate bodies below run in the browser; the test project has no DOM lib, so the
// few browser globals they touch are declared here.
declare const document: { querySelector(selector: string): { toDataURL(): string } | null; activeElement: { className: string } | null };
declare const window: { parent: { document: { title: string } } };
declare const localStorage: { length: number };

// The arcade in Chromium against a real host: the Arcade tab (shipped games, upload with its
// verdicts, full-size play), a shipped game in the PIP panel over a playing library video (the
// game draws, the video is ducked, flip swaps, close restores), the sandbox (the game cannot reach
// the studio), and a game stuck in an endless loop leaving the studio responsive.

const VIEWPORT = { width: 1440, height: 960 };
const tid = (id: string): string => `[data-testid="${id}"]`;

const NO_LLM = { OLLAMA_HOST: 'http://127.0.0.1:9', OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', ELEVENLABS_API_KEY: '' };
let comfy: FakeComfy;
let host: HostProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
/** The library video, made while the first test runs (it does not need it). */
let videoReady: Promise<string>;
/** A 1×1 PNG: bundles with their own thumbnail skip the headless screenshot. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * A short library video made by the offline pipeline (the player needs a real one to play): the
 * offline script writer, scene pictures from the ComfyUI protocol fake so no shader renders, no preview.
 */
async function libraryVideo(): Promise<string> {
  const res = await host.api('/videos', { method: 'POST', json: { prompt: 'A paper boat drifts across a pond at dusk.', duration_target: 2, produce_preview: false } });
  expect(res.status, await res.clone().text()).toBe(202);
  const id = ((await res.json()) as { video: { id: string } }).video.id;
  await waitFor(async () => {
    const v = (await (await host.api(`/videos/${id}`)).json()) as { status: string; error: unknown };
    if (v.status === 'failed') throw new Error(`the video failed: ${JSON.stringify(v.error)}`);
    return v.status === 'completed';
  }, 'the library video', 600_000, 500);
  return id;
}

/** The game's frame inside a container (a different origin: Playwright reaches it over CDP). */
async function gameFrame(container: string): Promise<Frame> {
  const handle = await page.locator(`${container} iframe${tid('arcade-frame')}`).elementHandle();
  const frame = await handle!.contentFrame();
  await frame!.waitForSelector('canvas');
  return frame!;
}
const canvasPixels = (frame: Frame): Promise<string> => frame.evaluate(() => document.querySelector('canvas')!.toDataURL());
const videoState = () =>
  page.locator(`${tid('video-player')} video`).evaluate((v) => {
    const el = v as unknown as { volume: number; paused: boolean; currentTime: number };
    return { volume: el.volume, paused: el.paused, time: el.currentTime };
  });

beforeAll(async () => {
  comfy = await startFakeComfy({ stepDelayMs: 0 });
  [host, browser] = await Promise.all([startHostProcess(tempHome('auteur-e2e-arcade-'), { ...NO_LLM, COMFYUI_URL: comfy.url }), launchBrowser()]);
  context = await browser.newContext({ viewport: VIEWPORT });
  page = await context.newPage();
  // The 422s are the refusals this test provokes on purpose (the page shows their reasons).
  collectPageErrors(page, errors, /favicon|status of 422/);
  videoReady = libraryVideo();
  videoReady.catch(() => undefined); // awaited (and reported) by the PIP test
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await host?.stop();
  await comfy?.close();
});

describe('Arcade', () => {
  it('lists the shipped games, installs an uploaded zip, shows why a bad one is refused, and plays a game full-size', async () => {
    await page.goto(host.url);
    await page.goto(`${host.base}/video?tab=arcade`);
    await expect.poll(() => page.locator(tid('arcade-card')).count(), { timeout: 30_000 }).toBe(3);
    await expect.poll(() => page.locator(`${tid('arcade-card')} img`).count(), { timeout: 30_000 }).toBe(3);

    const input = page.locator(tid('arcade-file'));
    await input.setInputFiles({ name: 'slip.zip', mimeType: 'application/zip', buffer: gameZip('', [{ name: '../escape.js', data: 'x' }]) });
    await expect(page.locator(tid('error-banner')).textContent()).resolves.toMatch(/climbs out of the game folder/);
    await input.setInputFiles({ name: 'no-index.zip', mimeType: 'application/zip', buffer: buildZip([{ name: 'readme.txt', data: 'hi' }]) });
    await expect.poll(() => page.locator(tid('error-banner')).textContent()).toMatch(/no index\.html/);

    await input.setInputFiles({ name: 'blinker.zip', mimeType: 'application/zip', buffer: gameZip('blinker/', [{ name: 'blinker/thumbnail.png', data: PNG }]) });
    await page.getByText('“Test Blinker” is in the arcade.').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator(tid('arcade-card')).count()).toBe(4);
    await screenshot(page, 'video-arcade-1-grid');

    await page.locator(`${tid('arcade-card')}[data-game-title="Brick Breeze"] button.arcade-thumb`).click();
    const frame = await gameFrame(tid('arcade-stage'));
    const before = await canvasPixels(frame);
    await expect.poll(() => canvasPixels(frame), { timeout: 15_000 }).not.toBe(before);
    await page.locator(tid('arcade-stage-close')).click();
    await expect.poll(() => page.locator(tid('arcade-stage')).count()).toBe(0);
  }, 90_000);

  it('plays a shipped game in PIP over a playing library video: it draws, the video is ducked, flip swaps, close restores', async () => {
    const videoId = await videoReady;
    await page.goto(`${host.base}/video?v=${videoId}`);
    const video = page.locator(`${tid('video-player')} video`);
    await video.waitFor();
    // The player may still swap in its source (hls.js attaching) just after the element appears,
    // which aborts a play() started before it: start it again until it takes.
    const started = () =>
      video.evaluate(async (v) => {
        const el = v as unknown as { volume: number; loop: boolean; play(): Promise<void> };
        el.volume = 0.8;
        el.loop = true;
        try {
          await el.play();
          return true;
        } catch (e) {
          if ((e as Error).name === 'AbortError') return false;
          throw e;
        }
      });
    await expect.poll(started, { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await videoState()).time, { timeout: 30_000 }).toBeGreaterThan(0.2);

    await page.locator(tid('arcade-launch')).click();
    await page.locator(`${tid('arcade-pick')}[data-game-title="Comet Dodge"]`).click();
    const pip = page.locator(tid('arcade-pip'));
    await pip.waitFor();
    // It opens inside the video's bottom-right corner, with the keyboard on its title bar.
    await expect.poll(() => page.evaluate(() => document.activeElement?.className ?? '')).toBe('arcade-pip-bar');
    const [v0, p0] = [(await video.boundingBox())!, (await pip.boundingBox())!];
    expect(p0.x).toBeGreaterThanOrEqual(v0.x);
    expect(p0.y).toBeGreaterThanOrEqual(v0.y);
    expect(p0.x + p0.width).toBeLessThanOrEqual(v0.x + v0.width + 1);
    expect(p0.y + p0.height).toBeLessThanOrEqual(v0.y + v0.height + 1);
    const sandbox = await pip.locator('iframe').getAttribute('sandbox');
    expect(sandbox).toBe('allow-scripts allow-pointer-lock');
    await expect.poll(async () => (await videoState()).volume).toBeCloseTo(0.2, 3);
    expect((await videoState()).paused).toBe(false);

    // The game runs (attract mode moves by itself) and answers the keyboard once focused.
    const frame = await gameFrame(tid('arcade-pip'));
    const first = await canvasPixels(frame);
    await expect.poll(() => canvasPixels(frame), { timeout: 15_000 }).not.toBe(first);
    // The sandbox: no way into the studio page, no storage (opaque origin).
    expect(await frame.evaluate(() => { try { return String(window.parent.document.title); } catch { return 'blocked'; } })).toBe('blocked');
    expect(await frame.evaluate(() => { try { return String(localStorage.length); } catch { return 'blocked'; } })).toBe('blocked');
    await screenshot(page, 'video-arcade-2-pip');

    // Flip: the game covers the video's box and a live copy of the video sits in the corner.
    await page.locator(tid('arcade-pip-flip')).click();
    await expect.poll(() => pip.getAttribute('data-flipped')).toBe('true');
    const [vBox, pBox] = [await video.boundingBox(), await pip.boundingBox()];
    expect(Math.abs(pBox!.width - vBox!.width)).toBeLessThan(2);
    expect(Math.abs(pBox!.y - vBox!.y)).toBeLessThan(2);
    await page.locator(tid('arcade-pip-mini')).waitFor();
    await screenshot(page, 'video-arcade-3-flipped');
    await page.locator(tid('arcade-pip-mini')).click();
    await expect.poll(() => pip.getAttribute('data-flipped')).toBe('false');

    // Keyboard: the title bar moves the panel with the arrows; Escape closes and the volume comes back.
    const bar = pip.locator('.arcade-pip-bar');
    await bar.focus();
    const x0 = (await pip.boundingBox())!.x;
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await pip.boundingBox())!.x).toBeLessThan(x0);
    await page.keyboard.press('Escape');
    await expect.poll(() => pip.count()).toBe(0);
    await expect.poll(async () => (await videoState()).volume).toBeCloseTo(0.8, 3);
  }, 600_000);

  it('a game stuck in an endless loop freezes only its own frame', async () => {
    const loop = buildZip([
      { name: 'index.html', data: '<!doctype html><title>Forever</title><canvas></canvas><script src="loop.js"></script>' },
      { name: 'loop.js', data: 'setTimeout(() => { for (;;) {} }, 300);' },
      { name: 'thumbnail.png', data: PNG },
    ]);
    const res = await host.api('/arcade/games?title=Forever', { method: 'POST', body: loop, headers: { 'content-type': 'application/zip' } });
    expect(res.status, await res.clone().text()).toBe(201);
    await page.goto(`${host.base}/video?tab=arcade`);
    await page.locator(`${tid('arcade-card')}[data-game-title="Forever"] button.arcade-thumb`).click();
    await page.locator(tid('arcade-stage')).waitFor();
    await page.waitForTimeout(1500);
    // The studio page still runs script and answers clicks: the Library tab opens.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    await page.locator(tid('video-tab-library')).click();
    await page.locator(tid('video-library')).waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  }, 90_000);
});
