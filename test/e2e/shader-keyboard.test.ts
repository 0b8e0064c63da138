import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';

// Shadertoy compatibility in the studio UI on system Chromium: the editor's live preview feeds
// real key state to a keyboard channel (Shadertoy's 256×3 texture: row 0 held, row 2 toggled)
// while the canvas has focus, and Export of an imported shader gives back what was imported.

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
  // A rejection without any value (seen once, empty name and message, not reproducible) says nothing to act on.
  page.on('pageerror', (err) => (err.message || err.stack ? errors.push(`pageerror: ${err.stack ?? err.message}`) : undefined));
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
    expect(await page.evaluate(`document.activeElement?.classList.contains('shader-canvas-gl') ?? false`)).toBe(true);
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

  it('Export of an imported, unchanged shader writes back its info block, input ids and vflip', async () => {
    const sampler = { filter: 'mipmap', wrap: 'repeat', vflip: 'false', srgb: 'false', internal: 'byte' };
    const doc = {
      Shader: {
        ver: '0.1',
        info: { id: 'Ab12Cd', date: '1600000000', viewed: 77, name: 'Keyed noise', username: 'someone', description: 'press K', likes: 9, published: 3, flags: 16, usePreview: 0, tags: ['noise', 'keyboard'], hasliked: 0 },
        renderpass: [
          {
            inputs: [
              { id: 17, src: '/media/a/f735bee5b64ef98879dc618b016ecf7939a5756040c2cde21ccb15e69a6e1cfb.png', ctype: 'texture', channel: 0, sampler, published: 1 },
              { id: 33, src: '/presets/tex00.jpg', ctype: 'keyboard', channel: 1, sampler: { ...sampler, filter: 'nearest', vflip: 'true' }, published: 1 },
            ],
            outputs: [{ id: 37, channel: 0 }],
            code: 'void mainImage(out vec4 o, in vec2 f) {\n  o = texture(iChannel0, f / 256.0) * (1.0 - texelFetch(iChannel1, ivec2(75, 0), 0).x);\n}',
            name: 'Image',
            description: '',
            type: 'image',
          },
        ],
      },
    };
    const res = await host.api('/shaders/import', { method: 'POST', json: { shadertoy: doc } });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    // The first test left an unsaved draft in the editor: leave it.
    page.on('dialog', (d) => void d.accept());
    // In-app navigation (the router follows popstate), keeping the session the first test opened.
    await page.evaluate(`(() => { history.pushState(null, '', '/shaders/edit/${id}'); dispatchEvent(new PopStateEvent('popstate')); })()`);
    await page.locator(`${tid('editor')}[data-dirty="false"]`).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator(tid('editor-title')).inputValue()).toBe('Keyed noise');
    const download = page.waitForEvent('download');
    await page.locator(tid('editor-export')).click();
    const file = await download;
    const back = JSON.parse(readFileSync((await file.path())!, 'utf8')) as typeof doc;
    expect(back.Shader.info).toEqual(doc.Shader.info);
    expect(back.Shader.renderpass[0]!.inputs).toEqual(doc.Shader.renderpass[0]!.inputs);
  }, 60_000);
});
