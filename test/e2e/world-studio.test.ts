import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, collectPageErrors } from '../helpers/browser.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';

// The World studio end to end against a real `auteur serve` with no LLM configured (the offline
// composer and the procedural generator), driven through the UI in Chromium (WebGL on
// SwiftShader). Assertions read the API and the editor's read-only window.__auteurWorld hook.

const VIEWPORT = { width: 1440, height: 900 };
const tid = (id: string): string => `[data-testid="${id}"]`;

interface HookEntity {
  id: string;
  name: string;
  status: string;
  assetId: string | null;
  massKg: number;
  position: [number, number, number];
  livePosition: [number, number, number] | null;
  glbLoaded: boolean;
  lodLevels: number;
  collider: string | null;
}
interface HookSnapshot {
  mode: 'build' | 'play';
  selection: string[];
  save: string;
  undo: string[];
  redo: string[];
  holding: string | null;
  avatar: [number, number, number] | null;
  lastThrow: string | null;
  entities: HookEntity[];
}
interface EntityJson {
  id: string;
  physics: { massKg: number };
  transform: { position: [number, number, number] };
  status: string;
}

let host: HostProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
let worldId = '';
let crateId = '';

async function api<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const res = await host.api(path, init);
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path} → ${res.status}: ${JSON.stringify(body)}`);
  return body;
}
const snap = (): Promise<HookSnapshot> => page.evaluate('window.__auteurWorld.snapshot()') as Promise<HookSnapshot>;
const entityOf = async (id: string): Promise<HookEntity | undefined> => (await snap()).entities.find((e) => e.id === id);
const saved = (): Promise<boolean> => snap().then((s) => s.save === 'saved');
const shot = (name: string) => screenshot(page, `world-${name}`);
const dist = (a: readonly number[], b: readonly number[]): number => Math.hypot(...a.map((v, i) => v - b[i]!));

/** Terrain heights the editor holds, on a 4 m grid around the origin. */
const heightGrid = (): Promise<number[]> =>
  page.evaluate(`(() => { const out = []; for (let z = -24; z <= 24; z += 4) for (let x = -24; x <= 24; x += 4) out.push(window.__auteurWorld.terrainHeight(x, z)); return out; })()`) as Promise<number[]>;

beforeAll(async () => {
  [host, browser] = await Promise.all([startHostProcess(tempHome('auteur-e2e-world-')), launchBrowser()]);
  context = await browser.newContext({ viewport: VIEWPORT });
  page = await context.newPage();
  // 404 thumbnails (not rendered yet) and refusals the test provokes log as failed fetches.
  collectPageErrors(page, errors, /favicon|status of (4\d\d)/i);
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await host?.stop();
});

describe('World studio', () => {
  it('creates a world from the list and opens the editor with a WebGL scene', async () => {
    await page.goto(host.url);
    await page.goto(`${host.base}/world`);
    await page.locator(tid('page-world')).waitFor();
    await page.getByPlaceholder('Harbour yard').fill('Test yard');
    await page.getByRole('button', { name: 'Create world' }).click();
    await page.locator(tid('world-editor')).waitFor({ timeout: 60_000 });
    worldId = new URL(page.url()).searchParams.get('world') ?? '';
    expect(worldId).toBeTruthy();
    await page.locator(`${tid('world-canvas')} canvas`).waitFor();
    expect(await page.evaluate('typeof window.__auteurWorld')).toBe('object');
  });

  it('a prompt shows a placeholder at once, then the generated asset in its place', async () => {
    await page.locator(tid('world-prompt')).fill('a wooden crate');
    await page.locator(tid('world-prompt')).press('Enter');
    await waitFor(async () => (await snap()).entities[0], 'the placeholder entity', 10_000, 20);
    // Placed at once from the in-page composer (under a temporary id until the host answers) and
    // drawn; the answer then takes its place (the host's id, one object, one undo step).
    await waitFor(async () => ((await page.evaluate('window.__auteurWorld.drawnSince(0)')) as unknown[]).length > 0, 'the placeholder to be drawn', 10_000, 20);
    const first = await waitFor(async () => {
      const es = (await snap()).entities;
      return es.length === 1 && !es[0]!.id.startsWith('tmp_') ? es[0] : undefined;
    }, 'the host entity to be adopted', 20_000, 20);
    crateId = first.id;
    expect((await snap()).undo).toHaveLength(1);
    // Until the job ends it is a draft placeholder (a fast procedural job may already be done).
    if (first.status === 'draft') {
      await page.locator(`${tid('world-object')}[data-entity-id="${crateId}"][data-status="draft"]`).waitFor();
      await shot('placeholder');
    }
    const ready = await waitFor(async () => {
      const e = await entityOf(crateId);
      return e?.status === 'ready' && e.glbLoaded ? e : undefined;
    }, 'the asset to replace the placeholder', 120_000, 250);
    expect(ready.assetId).toBeTruthy();
    // Its LOD1/LOD2 files load after LOD0 and switch by distance; physics uses the asset's collider.
    const lods = await waitFor(async () => {
      const e = await entityOf(crateId);
      return e && e.lodLevels > 1 ? e : undefined;
    }, 'the LOD levels', 30_000, 250);
    expect(lods.lodLevels).toBe(3);
    const asset = await api<{ defaultParams: { physics: { collider: string } } }>(`/world/assets/${ready.assetId}`);
    const want = asset.defaultParams.physics.collider === 'trimesh' ? 'convex_hull' : asset.defaultParams.physics.collider;
    await waitFor(async () => (await entityOf(crateId))?.collider === want, `the ${want} collider`, 15_000, 200);
    // The same entity, in place: one object in the world.
    expect((await snap()).entities).toHaveLength(1);
    // Frame it (F) and clear the selection (Esc) so the gizmo does not hide it.
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.keyboard.press('KeyF');
    await page.keyboard.press('Escape');
    await waitFor(async () => (await snap()).selection.length === 0, 'the selection to clear');
    await page.waitForTimeout(500);
    const path = await shot('asset-ready');
    expect(path).toMatch(/world-asset-ready\.png$/);
    const stored = await api<EntityJson>(`/world/entities/${crateId}`);
    expect(stored.status).toBe('ready');
  });

  it('the inspector refuses NaN mass, saves a new mass, and undo/redo restores it', async () => {
    await page.locator(`${tid('world-object')}[data-entity-id="${crateId}"] .world-object-name`).click();
    const mass = page.locator(tid('world-mass'));
    await mass.waitFor();
    await mass.fill('NaN');
    await mass.press('Enter');
    await page.locator(tid('world-field-error')).waitFor();
    expect(await page.locator(tid('world-field-error')).textContent()).toMatch(/mass/);
    await mass.fill('3.5');
    await mass.press('Enter');
    await waitFor(async () => (await api<EntityJson>(`/world/entities/${crateId}`)).physics.massKg === 3.5, 'mass 3.5 saved', 15_000, 200);

    await page.locator(tid('world-canvas')).click({ position: { x: 5, y: 5 }, button: 'middle' });
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await entityOf(crateId))?.massKg !== 3.5, 'undo of the mass');
    await page.keyboard.press('Control+Shift+z');
    await waitFor(async () => (await entityOf(crateId))?.massKg === 3.5, 'redo of the mass');
    await waitFor(saved, 'autosave after redo', 15_000, 200);
    expect((await api<EntityJson>(`/world/entities/${crateId}`)).physics.massKg).toBe(3.5);
    // Behaviour flags for play mode (each a command of its own).
    await page.getByLabel('pickupable').check();
    await page.getByLabel('throwable').check();
    await waitFor(async () => {
      const e = await api<EntityJson & { behaviour: { pickupable: boolean; throwable: boolean } }>(`/world/entities/${crateId}`);
      return e.behaviour.pickupable && e.behaviour.throwable;
    }, 'behaviour saved', 15_000, 200);
  });

  it('drags the move gizmo along x (one Move step, saved); a click on the ground deselects and the gizmo leaves', async () => {
    type Gizmo = { attachedTo: string | null; xArrow: [number, number] | null; origin: [number, number] | null };
    const gizmo = (): Promise<Gizmo> => page.evaluate('window.__auteurWorld.gizmo()') as Promise<Gizmo>;
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.keyboard.press('Escape');
    await waitFor(async () => (await gizmo()).attachedTo === null, 'the gizmo to leave with the selection');
    await page.locator(`${tid('world-object')}[data-entity-id="${crateId}"] .world-object-name`).click();
    const g = await waitFor(async () => {
      const x = await gizmo();
      return x.attachedTo === crateId && x.xArrow && x.origin ? x : undefined;
    }, 'the gizmo on the crate');
    const before = (await entityOf(crateId))!.position;
    const undoBefore = (await snap()).undo.length;
    // Grab the x arrow and pull it further out along itself, as a person would.
    const [ax, ay] = g.xArrow!;
    const [ox, oy] = g.origin!;
    const len = Math.hypot(ax - ox, ay - oy);
    const [dx, dy] = [(ax - ox) / len, (ay - oy) / len];
    await page.mouse.move(ax, ay);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(ax + dx * 15 * i, ay + dy * 15 * i);
    await page.mouse.up();
    const moved = await waitFor(async () => {
      const p = (await entityOf(crateId))!.position;
      return Math.abs(p[0] - before[0]) > 0.4 ? p : undefined;
    }, 'the crate to move along x', 10_000, 100);
    // Only x changes, onto the 0.5 m grid (snap), and the move is one undoable command.
    expect(Math.abs(moved[0] * 2 - Math.round(moved[0] * 2))).toBeLessThan(1e-6);
    expect(moved[1]).toBeCloseTo(before[1], 5);
    expect(moved[2]).toBeCloseTo(before[2], 5);
    const s = await snap();
    expect(s.undo).toHaveLength(undoBefore + 1);
    expect(s.undo.at(-1)).toBe('Move');
    expect(s.selection).toEqual([crateId]);
    await waitFor(async () => Math.abs((await api<EntityJson>(`/world/entities/${crateId}`)).transform.position[0] - moved[0]) < 1e-6, 'the move saved', 15_000, 200);
    // Undo puts it back (and is saved too); the play test walks to where it was.
    await page.keyboard.press('Control+z');
    await waitFor(async () => dist((await entityOf(crateId))!.position, before) < 1e-6, 'undo of the move');
    await waitFor(async () => dist((await api<EntityJson>(`/world/entities/${crateId}`)).transform.position, before) < 1e-6, 'the undo saved', 15_000, 200);
    expect((await gizmo()).attachedTo).toBe(crateId);
    // A click on bare ground (below the crate, in the near foreground) clears the selection, and
    // the gizmo goes with it; a press there is no longer a deselect (that is what kept the arrow,
    // drawn over the ground, from ever being grabbed).
    const canvas = (await page.locator(tid('world-canvas')).boundingBox())!;
    await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height - 30);
    await waitFor(async () => (await snap()).selection.length === 0, 'a click on the ground to clear the selection');
    await waitFor(async () => (await gizmo()).attachedTo === null, 'the gizmo to leave with it');
  });

  it('play mode: walk up to the crate, pick it up and throw it; back in build it stays where it landed', async () => {
    const before = (await entityOf(crateId))!.position;
    await page.locator(tid('world-play')).click();
    await waitFor(async () => (await snap()).avatar, 'the avatar');
    await page.locator(tid('world-play-hint')).waitFor();
    // Walk towards the crate (the avatar starts where the build camera was, facing the same way).
    await page.keyboard.down('KeyW');
    try {
      await waitFor(async () => {
        const s = await snap();
        const crate = s.entities.find((e) => e.id === crateId)!;
        return s.avatar && dist([s.avatar[0], 0, s.avatar[2]], [crate.livePosition![0], 0, crate.livePosition![2]]) < 2.6;
      }, 'the avatar to reach the crate', 60_000, 50);
    } finally {
      await page.keyboard.up('KeyW');
    }
    await page.keyboard.press('KeyE');
    await waitFor(async () => (await snap()).holding === crateId, 'the crate to be held', 10_000);
    // Held objects are pulled up in front of the eyes (SwiftShader frames can be slow: wait for it).
    const held = await waitFor(async () => {
      const p = (await entityOf(crateId))!.livePosition!;
      return p[1] > before[1] + 0.5 ? p : undefined;
    }, 'the crate to be lifted', 20_000, 100);
    await shot('play-holding');
    await page.keyboard.press('KeyF');
    await waitFor(async () => (await snap()).lastThrow === crateId, 'the throw');
    const landed = await waitFor(async () => {
      const p = (await entityOf(crateId))!.livePosition!;
      return dist(p, held) > 2 ? p : undefined;
    }, 'the crate to fly', 20_000, 100);
    expect(dist(landed, held)).toBeGreaterThan(2);
    await page.waitForTimeout(1500);
    await shot('play-after-throw');

    await page.keyboard.press('KeyP');
    await waitFor(async () => (await snap()).mode === 'build', 'build mode');
    const s = await snap();
    expect(s.undo[s.undo.length - 1]).toBe('Play session');
    const kept = (await entityOf(crateId))!.position;
    expect(dist(kept, before)).toBeGreaterThan(1);
    // Leaving play lets it come to rest first: it lies on the ground, not frozen in mid-air.
    const ground = (await page.evaluate(`window.__auteurWorld.terrainHeight(${kept[0]}, ${kept[2]})`)) as number;
    expect(Math.abs(kept[1] - ground)).toBeLessThan(0.6);
    await waitFor(async () => dist((await api<EntityJson>(`/world/entities/${crateId}`)).transform.position, kept) < 1e-3, 'the landed position saved', 15_000, 200);
  });

  it('sculpts the terrain with a brush stroke (one undo step, saved as chunks)', async () => {
    await page.getByRole('button', { name: 'Sculpt', exact: true }).click();
    await page.getByRole('button', { name: 'raise', exact: true }).click();
    const box = (await page.locator(tid('world-canvas')).boundingBox())!;
    const cx = box.x + box.width * 0.3;
    const cy = box.y + box.height * 0.75;
    const flat = await heightGrid();
    expect(flat.every((h) => h === 0)).toBe(true);
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(cx + i * 6, cy - i * 2);
      await page.waitForTimeout(80);
    }
    await page.mouse.up();
    await waitFor(async () => (await snap()).undo.at(-1) === 'Terrain: raise', 'the stroke as an undo step');
    const raised = await heightGrid();
    expect(Math.max(...raised)).toBeGreaterThan(0.2);
    await waitFor(saved, 'autosave of the terrain', 15_000, 200);
    const terrain = await api<{ chunks: unknown[] }>(`/world/worlds/${worldId}/terrain`);
    expect(terrain.chunks.length).toBeGreaterThan(0);
    await shot('sculpted');
    await page.getByRole('button', { name: 'Move', exact: true }).click();
  });

  it('saves the crate as a prefab and finds it in the library', async () => {
    await page.locator(`${tid('world-object')}[data-entity-id="${crateId}"] .world-object-name`).click();
    await page.getByLabel('Prefab name').fill('Crate prefab');
    await page.getByRole('button', { name: /as prefab/ }).click();
    const prefabs = await waitFor(async () => {
      const p = await api<{ prefabs: Array<{ id: string; name: string }> }>('/world/prefabs');
      return p.prefabs.find((x) => x.name === 'Crate prefab') ? p : undefined;
    }, 'the prefab to be stored');
    expect(prefabs.prefabs).toHaveLength(1);
    await page.getByRole('tab', { name: 'Prefabs' }).click();
    await page.locator(tid('world-prefab'), { hasText: 'Crate prefab' }).waitFor();
  });

  it('a generation parameter changed in the inspector regenerates the asset as a new version', async () => {
    await page.locator(`${tid('world-object')}[data-entity-id="${crateId}"] .world-object-name`).click();
    const first = (await entityOf(crateId))!.assetId!;
    const width = page.getByLabel('size width (m)');
    await width.fill('1.4');
    await width.press('Enter');
    await page.getByRole('button', { name: 'Regenerate as new version' }).click();
    const next = await waitFor(async () => {
      const e = await entityOf(crateId);
      return e?.status === 'ready' && e.assetId && e.assetId !== first && e.glbLoaded ? e : undefined;
    }, 'the new version', 120_000, 250);
    const asset = await api<{ version: number; parentAssetId: string | null; generationRecipe: { scaleMeters: number[] } }>(`/world/assets/${next.assetId}`);
    expect(asset.version).toBe(2);
    expect(asset.parentAssetId).toBe(first);
    expect(asset.generationRecipe.scaleMeters[0]).toBe(1.4);
    await waitFor(saved, 'saved', 15_000, 200);
  });

  it('a landform prompt is stamped into the terrain; GLB import is validated; a prefab is placed from the library', async () => {
    const before = await heightGrid();
    await page.locator(tid('world-prompt')).fill('a crater');
    await page.locator(tid('world-prompt')).press('Enter');
    await page.locator(tid('world-prompt-note'), { hasText: 'Stamped a crater' }).waitFor();
    expect(Math.min(...(await heightGrid()))).toBeLessThan(Math.min(...before) - 0.5);
    expect((await snap()).entities).toHaveLength(1);
    expect((await snap()).undo.at(-1)).toBe('Terrain: crater');

    // A corrupt file is refused with the host's reason; a real GLB becomes an asset and an object.
    await page.getByRole('tab', { name: 'Assets' }).click();
    await page.getByLabel('Import GLB file').setInputFiles({ name: 'broken.glb', mimeType: 'model/gltf-binary', buffer: Buffer.from('glTF but not really a binary glTF file') });
    const refusal = page.locator(tid('world-import-error'));
    await refusal.waitFor();
    expect((await refusal.textContent())!.length).toBeGreaterThan(10);
    expect((await snap()).entities).toHaveLength(1);
    const assetId = (await entityOf(crateId))!.assetId!;
    const glb = Buffer.from(await (await host.api(`/world/assets/${assetId}/glb`)).arrayBuffer());
    await page.getByLabel('Import GLB file').setInputFiles({ name: 'my-crate.glb', mimeType: 'model/gltf-binary', buffer: glb });
    const imported = await waitFor(async () => (await snap()).entities.find((e) => e.id !== crateId), 'the imported object', 30_000, 200);
    await waitFor(async () => (await entityOf(imported.id))?.glbLoaded, 'the imported GLB to show', 30_000, 200);

    await page.getByRole('tab', { name: 'Prefabs' }).click();
    await page.locator(tid('world-prefab'), { hasText: 'Crate prefab' }).getByRole('button', { name: 'place' }).click();
    await waitFor(async () => (await snap()).entities.length === 3, 'the placed prefab', 30_000, 200);
    expect((await snap()).undo.at(-1)).toMatch(/^Place prefab/);
    await shot('stamp-import-prefab');
  });

  it('marquee-selects objects on a drag over empty space, deletes them together, and one undo brings them back', async () => {
    await waitFor(saved, 'saved', 15_000, 200);
    const count = (await snap()).entities.length;
    const box = (await page.locator(tid('world-canvas')).boundingBox())!;
    // From the sky at the right edge (no object, no notice there) to the bottom-left corner.
    await page.mouse.move(box.x + box.width - 3, box.y + box.height * 0.3);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(box.x + box.width - 3 - (i * (box.width - 8)) / 6, box.y + box.height * 0.3 + (i * (box.height * 0.7 - 5)) / 6);
    await page.locator(tid('world-marquee')).waitFor();
    await shot('marquee');
    await page.mouse.up();
    const picked = await waitFor(async () => {
      const sel = (await snap()).selection;
      return sel.length >= 2 ? sel : undefined;
    }, 'two or more objects in the marquee', 10_000, 100);
    await page.keyboard.press('Delete');
    await waitFor(async () => (await snap()).entities.length < count - 1, 'the group deleted', 10_000, 100);
    expect((await snap()).undo.at(-1)).toMatch(/^Delete \d+ objects$/);
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await snap()).entities.length === count, 'undo brings them back', 10_000, 100);
    await waitFor(saved, 'saved after undo', 15_000, 200);
    expect((await api<{ entities: unknown[] }>(`/world/worlds/${worldId}/entities`)).entities).toHaveLength(count);
    await page.keyboard.press('Escape');
  });

  it('world settings: a bad value is refused naming the field; a good one is saved with the world', async () => {
    await page.locator(`${tid('world-settings')} summary`).click();
    const gravity = page.locator(tid('world-settings-gravity'));
    await gravity.fill('down');
    await page.locator(tid('world-settings-apply')).click();
    expect(await page.locator(tid('world-settings-error')).first().textContent()).toMatch(/^Gravity/);
    await gravity.fill('-3.7');
    await page.locator(tid('world-settings-sun')).fill('0.8');
    await page.locator(tid('world-settings-apply')).click();
    await waitFor(async () => (await snap()).undo.at(-1) === 'World settings', 'the settings as an undo step');
    await waitFor(async () => (await api<{ world: { settings: { gravity: number } } }>(`/world/worlds/${worldId}`)).world.settings.gravity === -3.7, 'gravity saved', 15_000, 200);
    await shot('settings');
  });

  it('reloading the page finds the world as it was: objects, mass, positions, terrain and settings', async () => {
    await waitFor(saved, 'everything saved', 15_000, 200);
    const before = await snap();
    const heights = await heightGrid();
    await page.reload();
    await page.locator(tid('world-editor')).waitFor({ timeout: 60_000 });
    const after = await waitFor(async () => {
      const s = await snap();
      return s.entities.length === before.entities.length && s.entities.every((e) => e.status !== 'ready' || e.glbLoaded) ? s : undefined;
    }, 'the world to load again', 60_000, 250);
    const pick = (s: HookSnapshot) => s.entities.map((e) => ({ id: e.id, status: e.status, assetId: e.assetId, massKg: e.massKg, position: e.position })).sort((a, b) => a.id.localeCompare(b.id));
    expect(pick(after)).toEqual(pick(before));
    expect(await heightGrid()).toEqual(heights);
    await page.locator(`${tid('world-settings')} summary`).click();
    expect(await page.locator(tid('world-settings-gravity')).inputValue()).toBe('-3.7');
    await shot('after-reload');
  });

  it('back to the world list and in again (the scene and physics are torn down and rebuilt cleanly)', async () => {
    await page.getByRole('button', { name: '← Worlds' }).click();
    const item = page.locator(tid('world-list-item'), { hasText: 'Test yard' });
    await item.waitFor();
    expect(await item.textContent()).toMatch(/3 objects/);
    await item.locator('.world-open').click();
    await page.locator(tid('world-editor')).waitFor({ timeout: 60_000 });
    await waitFor(async () => (await snap()).entities.length === 3, 'the world again');
    expect(errors).toEqual([]);
  });
});
