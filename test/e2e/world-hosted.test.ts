import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../relay/config.js';
import { createRelay, type Relay } from '../../relay/create-relay.js';
import { users } from '../../relay/db/schema.js';
import { collectPageErrors, launchBrowser, screenshot } from '../helpers/browser.js';
import { joinHosted, leaveQuietly, until } from '../helpers/relay-hosted-rooms.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';

// "Host on community relay" from the World studio (issue 14): a Free account sees the relay's
// refusal in the panel; as Pro the world is uploaded, the join details appear, and a player
// using exactly those details joins the relay's room; ending it shows "Ended.".

const tid = (id: string): string => `[data-testid="${id}"]`;
/** Polls an async check (the studio's and the guest page's CSP refuse waitForFunction's string predicates). */
async function poll(check: () => Promise<unknown>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
let relay: Relay;
let host: HostProcess;
let browser: Browser;
let page: Page;
let dir = '';
let worldId = '';
const errors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'e2e-hosted-relay-'));
  // One at a time: on a loaded machine the host's 30 s start budget is not shared with PGlite's.
  host = await startHostProcess(tempHome('auteur-e2e-hosted-'));
  relay = await createRelay(configFromEnv({ RELAY_PORT: '0', RELAY_DATA_DIR: dir, RELAY_BCRYPT_COST: '4', RELAY_ROOM_RECONNECT_SEC: '0' }), { log: () => {} });
  browser = await launchBrowser();
  const api = (path: string, json: unknown, method = 'POST') => host.api(path, { method, json });
  expect((await api('/community/settings', { relayUrl: relay.url }, 'PUT')).status).toBe(200);
  expect((await api('/community/register', { username: 'e2ehost', email: 'e2ehost@example.test', password: 'correct horse battery' })).status).toBeLessThan(300);
  worldId = ((await (await api('/world/worlds', { name: 'Relay yard' })).json()) as { id: string }).id;
  await api(`/world/worlds/${worldId}/entities`, { entities: [{ name: 'crate', transform: { position: [0, 0.5, 3], rotation: [0, 0, 0, 1], scale: [1, 1, 1] }, physics: { bodyType: 'dynamic', massKg: 2 }, placeholder: { scaleMeters: [0.6, 0.6, 0.6], color: '#a0522d', roughness: 0.8, collider: 'box' } }] }, 'PUT');
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  collectPageErrors(page, errors);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await relay?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('World studio → Host on community relay', () => {
  it('refuses a Free account with the relay message, hosts as Pro, and a player joins with the shown details', async () => {
    await page.goto(host.url);
    await page.goto(`${host.base}/world?world=${worldId}`);
    await page.click(tid('hosted-open'));
    await page.click(tid('hosted-start'));
    await page.waitForSelector(tid('hosted-error'));
    expect(await page.textContent(tid('hosted-error'))).toMatch(/Pro or Studio/);

    await relay.ctx.db.update(users).set({ subscriptionTier: 'pro' }).where(eq(users.username, 'e2ehost'));
    await page.click(tid('hosted-start'));
    await page.waitForSelector(tid('hosted-join-link'), { timeout: 30_000 });
    await page.waitForSelector(tid('hosted-qr'));
    await screenshot(page, 'world-hosted-panel');
    const link = await page.inputValue(tid('hosted-join-link'));
    await page.click('.room-hosted-details summary');
    const details = JSON.parse(await page.inputValue(tid('hosted-join-details'))) as { endpoint: string; roomId: string; invite: string };
    expect(details.endpoint).toBe(`${relay.url}/api/v1/hosted-rooms/colyseus`);

    const player = await joinHosted(relay.url, details.roomId, { name: 'Outside', invite: details.invite });
    const welcome = await until(() => player.got.find((m) => m.type === 'welcome')?.payload, 'welcome');
    expect(welcome.worldName).toBe('Relay yard');
    expect(welcome.generationOff).toMatch(/no generator/);
    await leaveQuietly(player.room);

    // A player opens the join link in a browser: the relay's guest page joins the room and shows the world.
    expect(link).toBe(`${relay.url}/world-room/${details.roomId}/t/${encodeURIComponent(details.invite)}/`);
    const guest = await (await browser.newContext({ viewport: { width: 960, height: 640 } })).newPage();
    // Vite's lazy-chunk preload hints use absolute /assets/ URLs, which the relay does not serve (the
    // real imports are relative, under the invite path): those 404s are expected, nothing else.
    const guestErrors: string[] = [];
    const missing: string[] = [];
    collectPageErrors(guest, guestErrors);
    guest.on('response', (r) => void (r.status() >= 400 && missing.push(new URL(r.url()).pathname)));
    await guest.goto(link);
    await guest.fill(tid('room-guest-name'), 'Browser');
    await guest.press(tid('room-guest-name'), 'Enter');
    await poll(async () => (await guest.evaluate("window.__auteurRoom ? window.__auteurRoom.snapshot().status : ''")) === 'joined', 'the browser guest joined');
    await poll(async () => (await guest.evaluate('window.__auteurRoom.snapshot().entities.length')) === 1, "the guest sees the world's crate");
    // The relay cannot generate: the guest is told so instead of offered a prompt box that only refuses.
    expect(await guest.textContent(tid('room-generation-off'))).toMatch(/community relay, which has no generator/);
    expect(await guest.$(tid('room-prompt'))).toBeNull();
    await screenshot(guest, 'world-hosted-guest-page');
    expect(missing.filter((p) => !/^\/assets\/[\w.-]+$/.test(p))).toEqual([]);
    expect(guestErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    expect(guestErrors.length).toBe(missing.length);
    await guest.context().close();

    await page.click(tid('hosted-end'));
    await poll(async () => (await page.textContent(tid('hosted-status')))?.includes('Ended'), 'the panel says Ended');
    // The Free refusal is a 403 answer, which Chromium logs as a failed resource; nothing else may be logged.
    expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
  }, 90_000);
});
