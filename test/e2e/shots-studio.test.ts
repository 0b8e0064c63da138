import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, collectPageErrors } from '../helpers/browser.js';
import { ROOT, startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';

// The Shots studio end to end against a real `auteur serve` with no LLM configured (the offline
// heuristic breakdown and the deterministic payload template), driven through the UI.

const VIEWPORT = { width: 1440, height: 900 };
const tid = (id: string): string => `[data-testid="${id}"]`;
const SCRIPT = readFileSync(join(ROOT, 'test', 'fixtures', 'shots', 'brick-and-steel.fountain'));

interface ShotJson {
  id: string;
  sceneId: string;
  order: number;
  slots: Array<string | null>;
  status: string;
  veoPayload: Record<string, unknown> | null;
  payloadSource: string | null;
}
interface BoardJson {
  project: { id: string; name: string };
  scenes: Array<{ id: string; slugline: string; shots: ShotJson[] }>;
  ingredients: Array<{ id: string; name: string; type: string }>;
}

let host: HostProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
let projectId = '';
/** The shot whose slot 1 holds the uploaded reference (payload and export use it). */
let slotShotId = '';

async function api<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const res = await host.api(path, init);
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path} → ${res.status}: ${JSON.stringify(body)}`);
  return body;
}
/** The payload with its (first, however deep) `prompt` string rewritten: an edit the Veo schema accepts. */
function withPrompt(payload: Record<string, unknown>, edit: (p: string) => string): Record<string, unknown> {
  let done = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => {
        if (!done && k === 'prompt' && typeof x === 'string') {
          done = true;
          return [k, edit(x)];
        }
        return [k, walk(x)];
      }),
    );
  };
  const out = walk(payload) as Record<string, unknown>;
  if (!done) throw new Error(`no prompt in the payload: ${JSON.stringify(payload)}`);
  return out;
}
function withParameters(payload: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  return { ...payload, parameters: { ...(payload.parameters as Record<string, unknown> | undefined), ...extra } };
}

/**
 * Replaces the editor's text as typed input. Monaco auto-closes the first quote/brace it sees,
 * so whatever it appended after the cursor is deleted afterwards.
 */
async function replaceEditorText(text: string): Promise<void> {
  await page.locator(`${tid('shots-payload')} .monaco-editor .view-lines`).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Shift+ControlOrMeta+End');
  await page.keyboard.press('Delete');
}
const board = () => api<BoardJson>(`/shots/projects/${projectId}`);
const shot = (name: string) => screenshot(page, `shots-${name}`);

beforeAll(async () => {
  [host, browser] = await Promise.all([startHostProcess(tempHome('auteur-e2e-shots-')), launchBrowser()]);
  context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  page = await context.newPage();
  // Refusals the test provokes on purpose (415/422, the forced slot failure) log as failed fetches.
  collectPageErrors(page, errors, /favicon|status of (4\d\d|500)/i);
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await host?.stop();
});

describe('Shots studio', () => {
  it('creates a project from the projects list', async () => {
    await page.goto(host.url);
    await page.goto(`${host.base}/shots`);
    await page.locator(tid('page-shots')).waitFor();
    await page.getByPlaceholder('The Long Night').fill('Brick & Steel');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.locator(tid('shots-project-view')).waitFor();
    projectId = new URL(page.url()).searchParams.get('project') ?? '';
    expect(projectId).toBeTruthy();
    expect((await board()).project.name).toBe('Brick & Steel');
  });

  it('refuses a file that is not a screenplay with a clear error', async () => {
    await page.getByRole('button', { name: 'Import screenplay' }).click();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    await page.getByLabel('Screenplay file').setInputFiles({ name: 'photo.fountain', mimeType: 'text/plain', buffer: png });
    await page.getByRole('button', { name: 'Import screenplay' }).last().click();
    const banner = page.locator(`${tid('shots-import')} ${tid('error-banner')}`);
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/screenplay|binary|text/i);
    expect((await board()).scenes).toHaveLength(0);
  });

  it('imports a Fountain screenplay: scenes appear and break down into shots with progress', async () => {
    await page.getByLabel('Screenplay file').setInputFiles({ name: 'brick-and-steel.fountain', mimeType: 'text/plain', buffer: SCRIPT });
    await page.getByRole('button', { name: 'Import screenplay' }).last().click();
    await page.locator(tid('shots-scene')).first().waitFor();
    const scenes = (await board()).scenes;
    expect(scenes.map((s) => s.slugline)).toEqual(expect.arrayContaining(["EXT. BRICK'S PATIO - DAY", 'INT. TRAILER HOME - DAY']));
    expect(await page.locator(tid('shots-scene')).count()).toBe(scenes.length);
    // The breakdown jobs end and their shots show up under each scene.
    await waitFor(async () => (await board()).scenes.every((s) => s.shots.length > 0), 'every scene to have shots', 60_000, 500);
    await page.locator(tid('shots-scene')).first().locator(tid('shots-shot')).first().waitFor({ timeout: 30_000 });
    await shot('board-after-import');
  });

  it('shows the script in screenplay layout', async () => {
    await page.getByRole('tab', { name: 'Screenplay' }).click();
    const sp = page.locator(tid('shots-screenplay'));
    await sp.waitFor();
    await sp.locator('.sp-heading', { hasText: "EXT. BRICK'S PATIO - DAY" }).waitFor();
    await sp.locator('.sp-character', { hasText: 'STEEL' }).first().waitFor();
    await sp.locator('.sp-transition', { hasText: 'CUT TO:' }).waitFor();
    expect(await sp.locator('.sp-dual').count()).toBeGreaterThan(0);
    // Cues sit right of the action margin; transitions are right-aligned.
    const action = await sp.locator('.sp-action').first().boundingBox();
    const cue = await sp.locator('.sp-character').first().boundingBox();
    expect(cue!.x).toBeGreaterThan(action!.x + 100);
    expect(await page.evaluate(`getComputedStyle(document.querySelector('.sp-transition')).textAlign`)).toBe('right');
    await shot('screenplay');
    await page.getByRole('tab', { name: 'Shots' }).click();
  });

  it('uploads an ingredient and drags it into a reference slot (optimistic, persisted)', async () => {
    const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#c0392b' } }).png().toBuffer();
    await page.getByLabel('Ingredient type').selectOption('Character');
    await page.getByLabel('Ingredient name (optional)').fill('Brick');
    await page.locator(tid('shots-upload-input')).setInputFiles({ name: 'brick.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const item = page.locator(tid('shots-ingredient'), { hasText: 'Brick' });
    await item.waitFor();
    await item.locator('img').waitFor({ timeout: 20_000 });
    const ingredientId = (await board()).ingredients.find((i) => i.name === 'Brick')!.id;

    const firstShot = page.locator(tid('shots-shot')).first();
    const shotId = (await firstShot.getAttribute('data-shot-id'))!;
    const slot1 = firstShot.locator(`${tid('shots-slot')}[data-slot="1"]`);
    await item.dragTo(slot1);
    await page.locator(`${tid('shots-shot')}[data-shot-id="${shotId}"] ${tid('shots-slot')}[data-slot="1"][data-filled="true"]`).waitFor();
    await waitFor(async () => (await api<{ shot: ShotJson }>(`/shots/${shotId}`)).shot.slots[0] === ingredientId, 'slot 1 saved');
    slotShotId = shotId;
    await shot('slot-filled');
  });

  it('rolls a refused slot change back with a toast', async () => {
    const firstShot = page.locator(tid('shots-shot')).first();
    const shotId = (await firstShot.getAttribute('data-shot-id'))!;
    await page.route('**/api/v1/shots/*/slots/2', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'disk full (test)' } }) }),
    );
    const item = page.locator(tid('shots-ingredient'), { hasText: 'Brick' });
    await item.dragTo(firstShot.locator(`${tid('shots-slot')}[data-slot="2"]`));
    await page.locator(tid('shots-notice'), { hasText: 'disk full (test)' }).waitFor();
    await page.locator(`${tid('shots-shot')}[data-shot-id="${shotId}"] ${tid('shots-slot')}[data-slot="2"][data-filled="false"]`).waitFor();
    await page.unroute('**/api/v1/shots/*/slots/2');
    expect((await api<{ shot: ShotJson }>(`/shots/${shotId}`)).shot.slots[1]).toBeNull();
  });

  it('reorders shots by drag, and deletes one with undo', async () => {
    const sceneId = (await board()).scenes[0]!.id;
    const before = (await board()).scenes[0]!.shots.map((s) => s.id);
    expect(before.length).toBeGreaterThan(1);
    const scene = page.locator(`${tid('shots-scene')}[data-scene-id="${sceneId}"]`);
    await scene.locator(`${tid('shots-shot')}[data-shot-id="${before[1]}"] .shots-grip`).dragTo(scene.locator(`${tid('shots-shot')}[data-shot-id="${before[0]}"]`));
    await waitFor(async () => (await board()).scenes[0]!.shots[0]!.id === before[1], 'shot 2 to move first');
    expect(await scene.locator(tid('shots-shot')).first().getAttribute('data-shot-id')).toBe(before[1]);

    const victim = before[before.length - 1]!;
    await scene.locator(`${tid('shots-shot')}[data-shot-id="${victim}"]`).getByRole('button', { name: /^Delete shot/ }).click();
    await waitFor(async () => !(await board()).scenes[0]!.shots.some((s) => s.id === victim), 'shot deleted');
    await page.locator(tid('shots-notice'), { hasText: 'deleted' }).getByRole('button', { name: 'Undo' }).click();
    await waitFor(async () => (await board()).scenes[0]!.shots.some((s) => s.id === victim), 'shot restored');
    await scene.locator(`${tid('shots-shot')}[data-shot-id="${victim}"]`).waitFor();
  });

  it('generates a payload, edits it in the JSON editor and saves it', async () => {
    const shotId = slotShotId;
    const firstShot = page.locator(`${tid('shots-shot')}[data-shot-id="${shotId}"]`);
    await firstShot.getByRole('button', { name: 'Generate payload' }).click();
    await page.locator(`${tid('shots-shot')}[data-shot-id="${shotId}"][data-status="ready"]`).waitFor({ timeout: 60_000 });
    const generated = (await api<{ shot: ShotJson }>(`/shots/${shotId}`)).shot;
    expect(generated.veoPayload).toBeTruthy();

    await firstShot.getByRole('button', { name: 'Edit payload' }).click();
    const drawer = page.locator(tid('shots-payload'));
    await drawer.locator(`${tid('shots-payload-editor')}[data-ready="true"] .monaco-editor .view-lines`).waitFor({ timeout: 30_000 });
    // Code folding: JSON objects get fold controls in the gutter.
    await drawer.locator('.monaco-editor [class*="codicon-folding"]').first().waitFor({ state: 'attached' });
    await shot('payload-editor');
    const edited = withPrompt(generated.veoPayload!, (p) => `${p} Handheld, shallow focus.`);
    // A duration Veo 3.1 does not take is marked by the schema as you type.
    await replaceEditorText(JSON.stringify(withParameters(generated.veoPayload!, { durationSeconds: 5 })));
    await drawer.locator(tid('shots-payload-problems'), { hasText: /4, 6, 8/ }).waitFor();
    await shot('payload-schema-marker');
    await replaceEditorText(JSON.stringify(edited));
    await drawer.locator(tid('shots-payload-problems')).waitFor({ state: 'detached' });
    await drawer.getByRole('button', { name: 'Save payload' }).click();
    await waitFor(async () => (await api<{ shot: ShotJson }>(`/shots/${shotId}`)).shot.payloadSource === 'edited', 'the edit saved');
    const saved = (await api<{ shot: ShotJson }>(`/shots/${shotId}`)).shot;
    expect(JSON.stringify(saved.veoPayload)).toContain('Handheld, shallow focus.');
    await drawer.getByRole('button', { name: 'Close payload' }).click();
  });

  it('exports a shot and the project as zips with the payload and the reference image', async () => {
    const firstShot = page.locator(`${tid('shots-shot')}[data-shot-id="${slotShotId}"]`);
    const [download] = await Promise.all([page.waitForEvent('download'), firstShot.getByRole('button', { name: 'Export shot' }).click()]);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
    const listing = execFileSync('unzip', ['-l', path], { encoding: 'utf8' });
    expect(listing).toMatch(/shot\.json/);
    expect(listing).toMatch(/\.png/);

    const [projectZip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export project' }).click()]);
    expect(execFileSync('unzip', ['-l', await projectZip.path()], { encoding: 'utf8' })).toMatch(/project\.json/);
    await shot('after-export');
  });

  it('asks before deleting an ingredient a slot uses, clears the slot, and undoes it', async () => {
    const item = page.locator(tid('shots-ingredient'), { hasText: 'Brick' });
    await item.getByRole('button', { name: 'Delete Brick' }).click();
    // In use: nothing is deleted until the user confirms.
    await item.getByRole('alertdialog').waitFor();
    expect((await board()).ingredients.some((i) => i.name === 'Brick')).toBe(true);
    await shot('ingredient-delete-confirm');
    await item.getByRole('button', { name: 'Delete anyway' }).click();
    await page.locator(tid('shots-notice'), { hasText: '1 slot cleared' }).waitFor();
    await waitFor(async () => (await api<{ shot: ShotJson }>(`/shots/${slotShotId}`)).shot.slots[0] === null, 'the slot cleared');
    await page.locator(tid('shots-notice'), { hasText: 'Brick' }).getByRole('button', { name: 'Undo' }).click();
    await waitFor(async () => (await api<{ shot: ShotJson }>(`/shots/${slotShotId}`)).shot.slots[0] !== null, 'the slot refilled by the restore');
    await page.locator(`${tid('shots-shot')}[data-shot-id="${slotShotId}"] ${tid('shots-slot')}[data-slot="1"][data-filled="true"]`).waitFor();
    expect(errors).toEqual([]);
  });
});
