import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';

// The editor's live preview feeds real key state to a keyboard channel (Shadertoy's 256×3
// texture: row 0 held, row 2 toggled) while the canvas has focus, on system Chromium.

const tid = (id: string): string => `[data-testid="${id}"]`;
// Red while K (key code 75) is up, green while held; blue once toggled by a press.
const KEYS = `void mainImage(out vec4 fragColor, in vec2 fragCoord)
{
float held = texelFetch(iChannel0, ivec2(75, 0), 0).x;
float toggled = texelFetch(iChannel0, ivec2(75, 2), 0).x;
fragColor = vec4(1.0 - held, held, toggled, 1.0);
}
`;

let host: HostProcess;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  [host, browser] = await Promise.all([startHostProcess(tempHome('auteur-e2e-keys-'), { AUTEUR_SEED_LIBRARY: '0' }), launchBrowser()]);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack ?? err.message}`));
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
});

/** The preview's centre pixel as the user sees it (a screenshot: the WebGL canvas keeps no drawing buffer). */
async function centre(): Promise<number[]> {
  const png = await page.locator('.preview-canvas canvas.shader-canvas-gl').screenshot();
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const o = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * 3;
  return [...data.subarray(o, o + 3)].map((v) => (v > 127 ? 1 : 0));
}

describe('keyboard channel in the editor preview', () => {
  it('feeds held and toggled keys while the canvas has focus, and lets go when it loses focus', async () => {
    await page.goto(host.url);
    await page.locator(tid('shaders-tab-editor')).click();
    await page.locator(`${tid('editor')} .monaco-editor`).waitFor({ timeout: 60_000 });
    await page.locator(`${tid('editor')} .monaco-editor .view-lines`).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(KEYS);
    await page.locator(tid('channel-0')).selectOption('keyboard');
    await page.locator(tid('preview-keys')).waitFor();
    await page.locator(`${tid('editor-diagnostics')}[data-count="0"]`).waitFor({ timeout: 30_000 });

    const canvas = page.locator('.preview-canvas canvas.shader-canvas-gl');
    await canvas.click();
    expect(await canvas.evaluate((c) => document.activeElement === c)).toBe(true);
    await expect.poll(centre, { timeout: 20_000 }).toEqual([1, 0, 0]);

    await page.keyboard.down('k');
    await expect.poll(centre, { timeout: 20_000 }).toEqual([0, 1, 1]);
    await screenshot(page, 'shaders-editor-keyboard-held');
    await page.keyboard.up('k');
    await expect.poll(centre, { timeout: 20_000 }).toEqual([1, 0, 1]);

    // Held when focus leaves: released for the shader, the toggle stays.
    await page.keyboard.down('k');
    await expect.poll(centre, { timeout: 20_000 }).toEqual([0, 1, 0]);
    await page.locator(tid('editor-title')).click();
    await expect.poll(centre, { timeout: 20_000 }).toEqual([1, 0, 0]);
    await page.keyboard.up('k');
    // Keys typed elsewhere (the title field) never reach the shader.
    await page.keyboard.type('kk');
    await expect.poll(centre, { timeout: 5_000 }).toEqual([1, 0, 0]);
    expect(errors).toEqual([]);
  }, 180_000);
});
