import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, screenshot } from '../helpers/browser.js';
import { json } from '../helpers/api-json.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';
import { makeLibraryVideos } from '../../bench/liveloop-fixture.js';
import type { LanStatus } from '../../shared/schemas/lan.js';

// Two browser contexts in one watch party: the host in the studio (library → Watch party) and a
// guest through the LAN listener on 127.0.0.1. They stay within 0.5 s through play, pause and
// seek by the host of the party, and after the host hands control to the guest.
let host: HostProcess;
let browser: Browser;
let studioCtx: BrowserContext;
let guestCtx: BrowserContext;
let studio: Page;
let guest: Page;
let videoId: string;
let lan: LanStatus;
const errors: string[] = [];
const tid = (id: string) => `[data-testid="${id}"]`;
const shot = (p: Page, name: string) => screenshot(p, `video-party-${name}`);

beforeAll(async () => {
  const home = tempHome('auteur-party-e2e-');
  [videoId] = (await makeLibraryVideos(home, [{ title: 'Party Reel', color: 'teal', height: 240, seconds: 30 }])) as [string];
  host = await startHostProcess(home);
  lan = await json<LanStatus>(await host.api('/lan', { method: 'PUT', json: { enabled: true, port: 0 } }));
  browser = await launchBrowser();
  studioCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  guestCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  studio = await studioCtx.newPage();
  guest = await guestCtx.newPage();
  collectPageErrors(studio, errors);
  collectPageErrors(guest, errors);
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
});

type Sample = { t: number; pos: number; paused: boolean };
const sample = (p: Page, selector: string): Promise<Sample> =>
  p.locator(selector).evaluate((el) => {
    const v = el as unknown as { currentTime: number; paused: boolean };
    return { t: Date.now(), pos: v.currentTime, paused: v.paused };
  });

/** Both players' positions projected to one instant (same machine clock), apart by how much. */
async function gap(): Promise<number> {
  const [a, b] = await Promise.all([sample(studio, tid('party-studio-video')), sample(guest, tid('party-video'))]);
  const t = Math.max(a.t, b.t);
  const at = (s: Sample) => s.pos + (s.paused ? 0 : (t - s.t) / 1000);
  return Math.abs(at(a) - at(b));
}

/** Waits for the players to settle, then requires them within 0.5 s on several samples. */
async function expectInSync(label: string): Promise<void> {
  await expect.poll(gap, { timeout: 20_000, interval: 300, message: label }).toBeLessThan(0.5);
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 400));
    expect(await gap(), label).toBeLessThan(0.5);
  }
}

const position = (p: Page, sel: string) => sample(p, sel).then((s) => s.pos);

describe('Watch party', () => {
  it('the studio starts a party on a library video and a guest joins from the LAN link', async () => {
    await studio.goto(host.url);
    await studio.goto(`${host.base}/video`);
    await studio.locator(tid('video-tab-library')).click();
    const card = studio.locator(`${tid('video-card')}[data-video-id="${videoId}"]`);
    await card.waitFor();
    await card.locator(tid('party-start')).click();
    await studio.locator(tid('party-panel')).waitFor();
    const link = (await studio.locator(tid('party-link')).textContent())!;
    expect(link).toMatch(/\/party\/[^?]+\?invite=/);
    await shot(studio, '01-studio-panel');

    const url = new URL(link);
    await guest.goto(`http://127.0.0.1:${lan.port}${url.pathname}${url.search}`);
    await guest.getByLabel('Your name').fill('Ada');
    await guest.getByRole('button', { name: 'Join the party' }).click();
    await guest.locator(tid('party-video')).waitFor();
    await expect.poll(() => guest.locator(tid('party-people')).textContent(), { timeout: 15_000 }).toContain('Studio');
    await expect.poll(() => studio.locator(tid('party-people')).textContent(), { timeout: 15_000 }).toContain('Ada');
    expect(guest.url()).not.toContain('?invite=');
  });

  it('keeps both within 0.5 s through play, pause and seek by the host', async () => {
    await studio.locator(tid('party-play')).click();
    await expect.poll(() => position(guest, tid('party-video')), { timeout: 20_000 }).toBeGreaterThan(1);
    await expectInSync('playing');
    await shot(guest, '02-guest-playing');
    await studio.locator(tid('party-pause')).click();
    await expect.poll(() => sample(guest, tid('party-video')).then((s) => s.paused), { timeout: 10_000 }).toBe(true);
    await expectInSync('paused');
    const before = await position(guest, tid('party-video'));
    await studio.getByRole('button', { name: '+10 s' }).click();
    await expect.poll(() => position(guest, tid('party-video')), { timeout: 10_000 }).toBeGreaterThan(before + 8);
    await expectInSync('after seek');
    await studio.locator(tid('party-play')).click();
    await expectInSync('playing after seek');
    await shot(studio, '03-studio-playing');
  });

  it('after a handoff the guest drives playback and both stay in sync', async () => {
    await studio.locator(tid('party-handoff')).first().click();
    await guest.locator(tid('guest-pause')).waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => studio.locator(tid('party-play')).isDisabled(), { timeout: 10_000 }).toBe(true);
    await guest.locator(tid('guest-pause')).click();
    await expect.poll(() => sample(studio, tid('party-studio-video')).then((s) => s.paused), { timeout: 10_000 }).toBe(true);
    await expectInSync('paused by the guest');
    await guest.locator(tid('guest-back')).click();
    await guest.locator(tid('guest-play')).click();
    await expectInSync('playing after the guest seeked back');
    await shot(guest, '04-guest-host');
    await shot(studio, '05-studio-after-handoff');
    expect(errors).toEqual([]);
  });
});
