import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { ROOT, startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';

// The Shaders studio end to end: a real `auteur serve` (real renders in headless Chromium), driven
// through the UI on system Chromium (SwiftShader WebGL2).

const VIEWPORT = { width: 1280, height: 800 };
const SEEDS = ['aurora-night', 'cell-bloom', 'coral-labyrinth'];
const RENDER_TIMEOUT = 240_000;
const tid = (id: string): string => `[data-testid="${id}"]`;

interface ShaderJson {
  id: string;
  title: string;
  status: string;
  renderStatus: string;
  votes: { up: number; down: number; mine: number };
}

let host: HostProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
const seeded: string[] = [];

async function api<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const res = await host.api(path, init);
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path} → ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

async function waitForRender(id: string): Promise<ShaderJson> {
  return waitFor(
    async () => {
      const s = await api<ShaderJson & { renderError: string | null }>(`/shaders/${id}`);
      if (s.renderStatus === 'failed') throw new Error(`render of ${s.title} failed: ${s.renderError}`);
      return s.renderStatus === 'ready' ? s : undefined;
    },
    `shader ${id} to render`,
    RENDER_TIMEOUT,
    1000,
  );
}

/**
 * Replaces the Monaco model's text as typed input (no auto-close per key). Monaco still
 * auto-indents each new line, so the lines go in without their own indentation.
 */
async function setEditorCode(code: string): Promise<void> {
  await page.locator(`${tid('editor')} .monaco-editor .view-lines`).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code.split('\n').map((l) => l.trimStart()).join('\n'));
}

/** The studio scrolls inside its own pane, so full-page captures show what the user sees. */
const shot = (name: string) => screenshot(page, `shaders-${name}`);

const GOOD = `void mainImage(out vec4 fragColor, in vec2 fragCoord)
{
    vec2 uv = fragCoord / iResolution.xy;
    vec3 col = 0.5 + 0.5 * cos(iTime + uv.xyx + vec3(0.0, 2.0, 4.0));
    fragColor = vec4(col, 1.0);
}
`;
// Line 4 uses an undeclared name: the compiler's error must land on the user's line 4.
const BROKEN = GOOD.replace('vec3 col = 0.5', 'vec3 col = notDeclared * 0.5');
// Line 4 becomes a loop that never ends: the host's static checks refuse the save (422) at line 4.
const ENDLESS = GOOD.replace('    vec3 col = 0.5', '    for (;;) { }\n    vec3 col = 0.5');

beforeAll(async () => {
  [host, browser] = await Promise.all([startHostProcess(tempHome('auteur-e2e-shaders-')), launchBrowser()]);
  // Real content for the feed: shipped seed shaders saved through the API, rendered and published.
  for (const name of SEEDS) {
    const seed = JSON.parse(readFileSync(join(ROOT, 'resources', 'shaders', 'seed', `${name}.json`), 'utf8')) as Record<string, unknown>;
    const created = await api<ShaderJson>('/shaders', {
      method: 'POST',
      json: { title: seed.title, description: seed.description, tags: seed.tags, source: seed.source, style: seed.style },
    });
    seeded.push(created.id);
  }
  for (const id of seeded) {
    await waitForRender(id);
    await api(`/shaders/${id}/publish`, { method: 'POST' });
  }
  context = await browser.newContext({ viewport: VIEWPORT });
  page = await context.newPage();
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack ?? err.message}`));
  page.on('response', (res) => {
    if (/\/vote$|\/feed\/dwell$/.test(res.url())) console.info(`${res.request().method()} ${new URL(res.url()).pathname} → ${res.status()} ${res.request().postData() ?? ''}`);
  });
  page.on('console', (msg: ConsoleMessage) => {
    // The refused save answers 422 on purpose; Chromium logs every non-2xx fetch as an error.
    if (msg.type() === 'error' && !/favicon|status of 422/i.test(msg.text())) errors.push(`console.error: ${msg.text()}`);
  });
}, RENDER_TIMEOUT * SEEDS.length);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await host?.stop();
});

describe('Shaders studio', () => {
  let savedId = '';
  let desireId = '';
  const title = `E2E Plasma ${Date.now().toString(36)}`;

  it('opens on the feed with live, explained cards', async () => {
    await page.goto(host.url);
    const feed = page.locator(tid('shaders-feed'));
    await feed.waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe('/shaders');
    const first = page.locator(`${tid('feed-card')}[data-index="0"]`);
    await first.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await first.getAttribute('data-shader-id')).toBeTruthy();
    await first.locator(tid('why-this')).waitFor({ state: 'visible' });
    await first.locator(`${tid('shader-canvas')}[data-state="live"]`).waitFor({ timeout: 30_000 });
    await first.locator('canvas[data-drawn="true"]').waitFor({ timeout: 30_000 });
    // The context budget: never more than 3 live canvases, and only the card in view animates
    // (the next one holds a compiled context, paused off-screen).
    expect(await page.locator(`${tid('shader-canvas')}[data-state="live"]`).count()).toBeLessThanOrEqual(3);
    await first.locator(`${tid('shader-canvas')}[data-animating="true"]`).waitFor();
    expect(await page.locator(`${tid('shader-canvas')}[data-animating="true"]`).count()).toBe(1);
    await shot('feed');
  });

  it('reports dwell when a card is left after more than a second, then scrolls on', async () => {
    const firstId = (await page.locator(`${tid('feed-card')}[data-index="0"]`).getAttribute('data-shader-id'))!;
    await page.waitForTimeout(2600);
    const dwell = page.waitForRequest((r) => r.url().endsWith('/api/v1/feed/dwell') && r.method() === 'POST');
    await page.keyboard.press('ArrowDown');
    const req = await dwell;
    const body = req.postDataJSON() as { shaderId: string; seconds: number };
    expect(body.shaderId).toBe(firstId);
    expect(body.seconds).toBeGreaterThanOrEqual(2);
    const res = await req.response();
    const engagement = (await res!.json()) as { recorded: boolean; signal: string };
    expect(engagement.recorded).toBe(true);
    // ≥ 2 s is a watch, not a skip (how long depends on how fast this machine got here).
    expect(engagement.signal).toMatch(/^dwell/);
    await page.locator(`${tid('shaders-feed')}[data-active-index="1"]`).waitFor();
    await page.locator(`${tid('feed-card')}[data-index="1"][data-active="true"] ${tid('shader-canvas')}[data-state="live"]`).waitFor({ timeout: 30_000 });
    await shot('feed-scrolled');
  });

  it('votes up with the button and with the v key', async () => {
    const card = page.locator(`${tid('feed-card')}[data-active="true"]`);
    const id = (await card.getAttribute('data-shader-id'))!;
    await card.locator(tid('vote-up')).click();
    await card.locator(`${tid('vote-up')}[aria-pressed="true"]`).waitFor();
    await waitFor(async () => (await api<ShaderJson>(`/shaders/${id}`)).votes.mine === 1, 'the upvote to be stored');

    await page.keyboard.press('k');
    await page.locator(`${tid('shaders-feed')}[data-active-index="0"]`).waitFor();
    const prevId = (await page.locator(`${tid('feed-card')}[data-index="0"]`).getAttribute('data-shader-id'))!;
    await page.keyboard.press('v');
    await page.locator(`${tid('feed-card')}[data-index="0"] ${tid('vote-up')}[aria-pressed="true"]`).waitFor();
    await waitFor(async () => (await api<ShaderJson>(`/shaders/${prevId}`)).votes.mine === 1, 'the keyboard upvote to be stored');
    await shot('feed-voted');
  });

  it('shows a compile error at the user’s own line, and the host’s refusal on save', async () => {
    await page.locator(tid('shaders-tab-editor')).click();
    await page.locator(tid('editor')).waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator(`${tid('editor')} .monaco-editor`).waitFor({ timeout: 60_000 });
    await page.locator(tid('editor-title')).fill(title);

    await setEditorCode(BROKEN);
    const marker = page.locator(`${tid('editor-error-marker')}[data-line="4"]`);
    await marker.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await marker.innerText()).toMatch(/notDeclared/);
    const listed = page.locator(`${tid('editor-diagnostics')} ${tid('diagnostic')}[data-line="4"][data-severity="error"]`);
    await listed.waitFor();
    expect(await listed.innerText()).toContain('Image:4');
    expect(await page.locator('.monaco-editor .squiggly-error').count()).toBeGreaterThan(0);
    await page.locator(tid('preview-stale')).waitFor();
    await shot('editor-compile-error');

    await setEditorCode(ENDLESS);
    await page.locator(tid('editor-save')).click();
    await page.locator(tid('editor-problem')).waitFor();
    await page.locator(`${tid('diagnostic')}[data-line="4"] .diagnostic-origin`).waitFor();
    expect(new URL(page.url()).pathname).toBe('/shaders/new');
    await shot('editor-save-refused');
  });

  it('fixes the code, saves, waits for the render and publishes', async () => {
    await setEditorCode(GOOD);
    await page.locator(`${tid('editor-diagnostics')}[data-count="0"]`).waitFor({ timeout: 30_000 });
    await page.locator(tid('editor-tags')).fill('e2e, plasma');
    await page.locator(tid('editor-save')).click();
    await page.waitForURL(/\/shaders\/edit\/[^/]+$/, { timeout: 30_000 });
    savedId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.locator(`${tid('editor')}[data-dirty="false"]`).waitFor({ timeout: 30_000 });
    await shot('editor-saved-rendering');

    await page.locator(`${tid('render-status')}[data-status="ready"]`).waitFor({ timeout: RENDER_TIMEOUT });
    const publish = page.locator(tid('editor-publish'));
    await expect.poll(() => publish.isEnabled(), { timeout: 10_000 }).toBe(true);
    await publish.click();
    await waitFor(async () => (await api<ShaderJson>(`/shaders/${savedId}`)).status === 'published', 'the shader to be published');
    await page.locator(`${tid('editor-publish')}:has-text("Published")`).waitFor();
    await shot('editor-published');
  }, RENDER_TIMEOUT + 60_000);

  it('exports and imports Shadertoy JSON, and guards unsaved changes', async () => {
    const download = page.waitForEvent('download');
    await page.locator(tid('editor-export')).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.shadertoy\.json$/);
    const doc = JSON.parse(readFileSync((await file.path())!, 'utf8')) as { Shader: { info: { name: string }; renderpass: Array<{ type: string; code: string }> } };
    expect(doc.Shader.info.name).toBe(title);
    expect(doc.Shader.renderpass.find((p) => p.type === 'image')?.code).toContain('mainImage');

    doc.Shader.info.name = `${title} (imported)`;
    await page.locator(tid('editor-import-file')).setInputFiles({ name: 'plasma.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    await expect.poll(() => page.locator(tid('editor-title')).inputValue()).toBe(`${title} (imported)`);
    await page.locator(`${tid('editor')}[data-dirty="true"]`).waitFor();

    // Leaving with unsaved changes asks first; dismissing stays, accepting leaves.
    page.once('dialog', (d) => void d.dismiss());
    await page.locator(tid('shaders-tab-explore')).click();
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe(`/shaders/edit/${savedId}`);
    page.once('dialog', (d) => void d.accept());
    await page.locator(tid('shaders-tab-explore')).click();
    await page.waitForURL(/\/shaders\/explore/);
  });

  it('finds the published shader in Explore (search) and in the New feed', async () => {
    await page.locator(tid('explore-search')).fill(title);
    await page.locator(`${tid('explore-tile')}[data-shader-id="${savedId}"]`).waitFor({ timeout: 30_000 });
    // The debounced search lands in the address bar, so back/forward and reloads keep it.
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(title);
    await expect.poll(() => page.locator(tid('explore-tile')).count()).toBe(1);
    await page.locator(`${tid('explore-tile')}[data-shader-id="${savedId}"]`).hover();
    await page.locator(`${tid('explore-tile')}[data-shader-id="${savedId}"] ${tid('shader-canvas')}[data-state="live"]`).waitFor({ timeout: 30_000 });
    await shot('explore-search');

    await page.locator(tid('shaders-tab-feed')).click();
    await page.locator(tid('feed-mode-new')).click();
    await page.locator(`${tid('feed-card')}[data-shader-id="${savedId}"]`).waitFor({ timeout: 30_000 });
    await page.locator(tid('feed-mode-personal')).click();
  });

  it('opens the detail view with code, comments, lineage and the preview clip', async () => {
    await page.goto(`${host.base}/shaders/s/${savedId}`);
    const detail = page.locator(tid('shader-detail'));
    await detail.waitFor({ timeout: 30_000 });
    await detail.locator(`${tid('shader-canvas')}[data-state="live"]`).waitFor({ timeout: 30_000 });
    await detail.locator(`${tid('detail-code')} .monaco-editor`).waitFor({ timeout: 30_000 });
    await detail.locator(tid('detail-tab-comments')).click();
    await detail.locator(tid('comment-input')).fill('Lovely colours — e2e was here');
    await detail.locator(tid('comment-submit')).click();
    await detail.locator(`${tid('comment')}:has-text("e2e was here")`).waitFor();
    await detail.locator(tid('comment-submit')).scrollIntoViewIfNeeded();
    await shot('detail-comments');
    await detail.locator(tid('detail-tab-video')).click();
    await detail.locator(tid('preview-video')).waitFor({ timeout: 30_000 });
    await detail.locator(tid('lineage')).waitFor();
    await detail.locator(tid('preview-video')).scrollIntoViewIfNeeded();
    await shot('detail-video');
    await page.goBack();
    await page.locator(tid('shaders-feed')).waitFor();
    await page.goForward();
    await detail.waitFor();
    await shot('detail');

    // Fork: a new draft in the editor, whose detail names its parent.
    await detail.locator(tid('detail-fork')).click();
    await page.waitForURL(/\/shaders\/edit\/[^/]+$/);
    const forkId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect(forkId).not.toBe(savedId);
    await page.locator(tid('editor')).waitFor();
    await page.goto(`${host.base}/shaders/s/${forkId}`);
    const parent = page.locator(`${tid('lineage')} ${tid('lineage-parent')}`);
    await parent.waitFor({ timeout: 30_000 });
    expect(await parent.innerText()).toBe(title);
  });

  it('posts a desire from the feed and sees it on the board', async () => {
    await page.locator(tid('shaders-tab-feed')).click();
    await page.locator(tid('desire-input')).fill('a calm teal plasma that slowly breathes');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/desires') && r.request().method() === 'POST');
    await page.locator(tid('desire-submit')).click();
    const res = await created;
    expect(res.status()).toBe(201);
    desireId = ((await res.json()) as { id: string }).id;
    // process_desire: a lone desire on a quiet queue is generated at once (in progress).
    await page.locator(`${tid('desire-pending')}[data-status="in_progress"]`).waitFor();
    await shot('feed-desire-posted');

    await page.locator(tid('shaders-tab-desires')).click();
    const row = page.locator(`${tid('desire-row')}[data-desire-id="${desireId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('in_progress');
    await shot('desires');
  });

  it('generates procedurally for the desire and fulfils it with the result', async () => {
    const row = page.locator(`${tid('desire-row')}[data-desire-id="${desireId}"]`);
    await row.locator(tid('desire-fulfil')).click();
    await row.locator(tid('fulfil-generate')).click();
    await page.locator(tid('generate-prompt')).waitFor();
    await expect.poll(() => page.locator(tid('generate-prompt')).inputValue()).toBe('a calm teal plasma that slowly breathes');
    await page.locator(tid('generate-provider')).selectOption('procedural');
    await page.locator(tid('generate-run')).click();
    await page.locator(tid('generate-result')).waitFor({ timeout: 30_000 });
    await shot('generate-running');

    const result = page.locator(`${tid('generate-result')}[data-status="succeeded"]`);
    await result.waitFor({ timeout: RENDER_TIMEOUT });
    await result.locator(`${tid('shader-canvas')}[data-state="live"]`).waitFor({ timeout: 30_000 });
    const generatedId = (await result.getAttribute('data-shader-id'))!;
    expect(generatedId).not.toBe('');
    await shot('generate-result');

    // This draft is the desire's candidate (accept publishes it and fulfils the desire) unless the
    // automatic generation's draft arrived later; then it is fulfilled from the result directly.
    const panel = page.locator(tid('generate-fulfil'));
    await panel.waitFor();
    const accept = panel.locator(tid('candidate-accept'));
    const fulfil = panel.locator(tid('generate-fulfil-desire'));
    await expect.poll(async () => (await accept.count()) + (await fulfil.count()), { timeout: 30_000 }).toBeGreaterThan(0);
    if ((await accept.count()) > 0) await accept.click();
    else if ((await panel.getAttribute('data-status')) !== 'fulfilled' && (await fulfil.count()) > 0) {
      await expect.poll(() => fulfil.isEnabled(), { timeout: RENDER_TIMEOUT }).toBe(true);
      await fulfil.click();
    }
    await waitFor(async () => {
      const d = await api<{ status: string; fulfilledBy: { id: string } | null }>(`/desires/${desireId}`);
      return d.status === 'fulfilled' && d.fulfilledBy?.id === generatedId;
    }, 'the desire to be fulfilled by the generated shader', 60_000);
    await page.locator(`${tid('generate-fulfil')}[data-status="fulfilled"]`).waitFor({ timeout: 30_000 });

    await page.locator(tid('shaders-tab-desires')).click();
    await page.locator(tid('desires-filter-fulfilled')).click();
    await page.locator(`${tid('desire-row')}[data-desire-id="${desireId}"][data-status="fulfilled"]`).waitFor();
    await shot('desires-fulfilled');
  }, RENDER_TIMEOUT + 60_000);

  it('raised no page errors and no console errors', () => {
    expect(errors).toEqual([]);
  });
});

describe('feed virtualisation', () => {
  it('keeps only a window of cards in the DOM with hundreds of items, loading pages by cursor', async () => {
    // Hundreds of rendered shaders take hours to render here, so the host's real first page is
    // repeated under distinct ids to give the list its length; dwell reports for those ids are
    // answered locally instead of reaching the host.
    const ctx = await browser.newContext({ viewport: VIEWPORT });
    try {
      const p = await ctx.newPage();
      const real = (await (await host.api('/feed/new?limit=50')).json()) as { items: Array<{ id: string }> };
      expect(real.items.length).toBeGreaterThan(0);
      // Bigger pages than the app asks for: fewer round trips on this slow machine, same code path.
      const PAGES = 9;
      const PAGE_SIZE = 25;
      let served = 0;
      await p.route('**/api/v1/feed?*', async (route) => {
        const url = new URL(route.request().url());
        const page = Number(url.searchParams.get('cursor') ?? '0');
        served++;
        const items = Array.from({ length: PAGE_SIZE }, (_, i) => {
          const base = real.items[(page * PAGE_SIZE + i) % real.items.length]!;
          return { ...base, id: `${base.id}~${page}-${i}` };
        });
        await route.fulfill({ json: { items, nextCursor: page + 1 < PAGES ? String(page + 1) : null, mode: 'personal' } });
      });
      await p.route('**/api/v1/feed/dwell', (route) => route.fulfill({ json: { recorded: false, signal: 'ignored', weight: null, tasteUpdated: false } }));
      await p.goto(host.url);
      await p.locator(`${tid('feed-card')}[data-index="0"]`).waitFor({ timeout: 30_000 });

      // Jump far down, as a fast scroller would: each jump lands at the end of what is loaded,
      // which loads the next page, until the target card exists.
      const card = (i: number) => p.locator(`${tid('feed-card')}[data-index="${i}"]`);
      for (const target of [8, 60, 120, 210]) {
        for (let tries = 0; tries < 300 && (await card(target).count()) === 0; tries++) {
          await p.evaluate(`(() => { const el = document.querySelector('.feed-scroller'); el.scrollTop = ${target} * el.clientHeight; })()`);
          await p.waitForTimeout(100);
        }
        await card(target).waitFor({ timeout: 10_000 });
        expect(await p.locator(tid('feed-card')).count()).toBeLessThanOrEqual(6);
        expect(await p.locator(`${tid('shader-canvas')}[data-state="live"]`).count()).toBeLessThanOrEqual(3);
      }
      expect(served).toBeGreaterThanOrEqual(PAGES - 1);
      expect(Number(await p.locator(tid('shaders-feed')).getAttribute('data-count'))).toBeGreaterThan(210);
      await screenshot(p, 'shaders-feed-virtualised');
    } finally {
      await ctx.close();
    }
  }, 240_000);
});
