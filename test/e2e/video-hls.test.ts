import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startFakeOllama, type FakeOllama } from '../fixtures/fake-ollama.js';
import { FakeWikipedia } from '../fixtures/fake-wikipedia.js';
import { launchBrowser, screenshot, collectPageErrors } from '../helpers/browser.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';

// The player on a real HLS package with two audio languages: the LLM (the Ollama protocol fake)
// writes the script, names its entities and translates it to French; video.add_language speaks the
// French lines and adds an audio and a subtitles group to the master. In Chromium, hls.js plays it:
// choosing French switches hls.js's audioTrack and the video element's caption track. Wiki chips
// open a summary from the Wikipedia fake, and say summaries need the network once it is gone.

const VIEWPORT = { width: 1440, height: 960 };
const tid = (id: string): string => `[data-testid="${id}"]`;

const LLM_SCRIPT = {
  title: 'The Keeper of Eddystone',
  scenes: [
    { id: 1, description: 'The Eddystone Lighthouse in a storm, emerald waves and gold lamp light.', duration: 2, camera: 'wide, slow_pan', actions: ['Waves break over the rock'], dialog: ['The storm came at dusk over the Eddystone Lighthouse.'] },
    { id: 2, description: 'Dawn over Cornwall, a calm emerald sea.', duration: 2, camera: 'medium, dolly_in', actions: ['The sun rises'], dialog: ['By morning Cornwall was calm again.'] },
  ],
};
const ENTITIES = {
  entities: [
    { name: 'Eddystone Lighthouse', type: 'place', wikiTitle: 'Eddystone Lighthouse' },
    { name: 'Cornwall', type: 'place', wikiTitle: 'Cornwall' },
  ],
};
const FRENCH = {
  title: 'Le gardien d’Eddystone',
  scenes: [
    { id: 's1', lines: ['La tempête est arrivée au crépuscule sur le phare d’Eddystone.'] },
    { id: 's2', lines: ['Au matin, la Cornouailles était de nouveau calme.'] },
  ],
};

interface VideoJson {
  id: string;
  status: string;
  error: unknown;
  languages: string[];
  audioTracks: Array<{ language: string }>;
  captions: Array<{ language: string }>;
  entities: Array<{ name: string }>;
  entitiesSource: string | null;
  notes: string[];
}

let ollama: FakeOllama;
let wiki: FakeWikipedia;
let host: HostProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
let videoId = '';

const getVideo = async (): Promise<VideoJson> => (await (await host.api(`/videos/${videoId}`)).json()) as VideoJson;
const shot = (name: string) => screenshot(page, `video-hls-${name}`);

/** The video element's text tracks as the page sees them. */
function textTracks(): Promise<Array<{ language: string; kind: string; mode: string }>> {
  return page.locator(`${tid('video-player')} video`).evaluate((v) => {
    const el = v as unknown as { textTracks: ArrayLike<{ language: string; kind: string; mode: string }> };
    return Array.from(el.textTracks).map((t) => ({ language: t.language, kind: t.kind, mode: t.mode }));
  });
}
const activeCaptionLanguage = async (): Promise<string | null> => (await textTracks()).find((t) => t.mode !== 'disabled')?.language ?? null;
const hlsAudioTrack = async (): Promise<string | null> => page.locator(tid('video-player')).getAttribute('data-hls-audio-track');

beforeAll(async () => {
  ollama = await startFakeOllama({ models: ['llama3.2:latest'] });
  wiki = await new FakeWikipedia().start();
  ollama.reply(LLM_SCRIPT, ENTITIES, FRENCH);
  [host, browser] = await Promise.all([
    startHostProcess(tempHome('auteur-e2e-video-hls-'), { OLLAMA_HOST: ollama.url, WIKIPEDIA_BASE_URL: wiki.url }),
    launchBrowser(),
  ]);
  context = await browser.newContext({ viewport: VIEWPORT });
  page = await context.newPage();
  collectPageErrors(page, errors);
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await host?.stop();
  await ollama?.close();
  await wiki?.close();
});

describe('HLS player with a dub', () => {
  it('renders the video, names its entities, and adds French audio + captions to the master', { timeout: 1_100_000 }, async () => {
    const res = await host.api('/videos', { method: 'POST', json: { prompt: 'A keeper at the Eddystone Lighthouse sees a storm pass over Cornwall.', duration_target: 4 } });
    expect(res.status).toBe(202);
    videoId = ((await res.json()) as { video: { id: string } }).video.id;
    // The pipeline, then NER (one LLM call each, in this order: the fake answers in turn).
    const done = await waitFor(async () => {
      const v = await getVideo();
      if (v.status === 'failed') throw new Error(`failed: ${JSON.stringify(v.error)}`);
      return v.status === 'completed' && v.entitiesSource && !v.entitiesSource.startsWith('pending') ? v : null;
    }, 'the video to complete and its entities', 840_000, 500);
    expect(done.entities.map((e) => e.name)).toEqual(['Eddystone Lighthouse', 'Cornwall']);

    const add = await host.api(`/videos/${videoId}/languages`, { method: 'POST', json: { language: 'fr' } });
    expect(add.status, await add.clone().text()).toBe(202);
    const dubbed = await waitFor(async () => {
      const v = await getVideo();
      if (v.error) throw new Error(`add_language failed: ${JSON.stringify(v.error)}`);
      return v.audioTracks.length >= 2 && v.captions.some((c) => c.language === 'fr') ? v : null;
    }, 'the French dub', 240_000, 500);
    expect(dubbed.languages).toEqual(expect.arrayContaining(['en', 'fr']));
  });

  it('switches hls.js to the French audio track and the French captions from the language selector', async () => {
    await page.goto(host.url);
    await page.goto(`${host.base}/video?v=${videoId}`);
    const player = page.locator(`${tid('video-player')}[data-engine="hls"]`);
    await player.waitFor();
    // hls.js parsed the master: two audio renditions, subtitle tracks on the element.
    await expect.poll(() => page.locator(`${tid('vp-audio-track')} option`).count(), { timeout: 30_000 }).toBe(2);
    expect(await hlsAudioTrack()).toBe('0');
    await player.locator(tid('vp-play')).click();
    await expect.poll(() => player.locator('video').evaluate((v) => (v as unknown as { currentTime: number }).currentTime), { timeout: 30_000 }).toBeGreaterThan(0.3);
    await expect.poll(async () => (await textTracks()).filter((t) => t.kind === 'subtitles').length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(activeCaptionLanguage, { timeout: 15_000 }).toBe('en');
    await shot('1-english');

    await page.locator(tid('vp-language')).selectOption('fr');
    await expect.poll(hlsAudioTrack, { timeout: 15_000 }).toBe('1');
    await expect.poll(activeCaptionLanguage, { timeout: 15_000 }).toBe('fr');
    // French cues reach the overlay once playback is inside a cue.
    await page.locator(`${tid('video-player')} video`).evaluate((v) => {
      const el = v as unknown as { currentTime: number; play(): Promise<void> };
      el.currentTime = 0.5;
      return el.play();
    });
    await expect.poll(() => page.locator(tid('vp-captions')).textContent(), { timeout: 20_000 }).toMatch(/tempête|Cornouailles/);
    // Captions: larger and high contrast.
    await page.locator(tid('vp-caption-size')).selectOption('xlarge');
    await page.locator(tid('vp-caption-contrast')).selectOption('high');
    expect(await page.locator(tid('vp-captions')).getAttribute('data-size')).toBe('xlarge');
    expect(await page.locator(tid('vp-captions')).getAttribute('data-contrast')).toBe('high');
    await player.locator('video').evaluate((v) => (v as unknown as { pause(): void }).pause());
    await shot('2-french');

    // And back to English through the audio-track menu.
    await page.locator(tid('vp-audio-track')).selectOption('0');
    await expect.poll(hlsAudioTrack, { timeout: 15_000 }).toBe('0');
    // Captions off and on by keyboard (c) while the player has focus.
    await player.focus();
    await page.keyboard.press('c');
    await expect.poll(activeCaptionLanguage).toBeNull();
    await page.keyboard.press('c');
    await expect.poll(activeCaptionLanguage).not.toBeNull();
  });

  it('opens a wiki chip as a compact Wikipedia summary with its source link, and says when the network is gone', async () => {
    const chips = page.locator(tid('wiki-chips'));
    await chips.getByRole('button', { name: 'Eddystone Lighthouse' }).click();
    const card = page.locator(tid('wiki-card'));
    await expect.poll(() => card.getAttribute('data-status')).toBe('ok');
    expect(await card.textContent()).toMatch(/Eddystone Rocks/);
    expect(await card.getByRole('link', { name: /Source: Wikipedia/ }).getAttribute('href')).toBe('https://en.wikipedia.org/wiki/Eddystone_Lighthouse');
    await shot('3-wiki');

    await wiki.close();
    await chips.getByRole('button', { name: /^Cornwall/ }).click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('offline');
    expect(await chips.getByRole('button', { name: /^Cornwall/ }).textContent()).toMatch(/summaries need the network/);
    await shot('4-wiki-offline');
    expect(errors).toEqual([]);
  });
});
