import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import sharp from 'sharp';
import type { ArcadeThumbnailSource } from '../../../../shared/schemas/video-arcade.js';
import { OFFLINE_CHROMIUM_FLAGS, resolveChromium, sandboxFlags } from '../../../../worker/tools/binaries.js';

export const THUMB_W = 480;
export const THUMB_H = 270;
const BUNDLE_NAMES = ['thumbnail.png', 'thumbnail.jpg', 'thumbnail.jpeg'];

export interface Thumbnail {
  png: Buffer;
  source: ArcadeThumbnailSource;
  /** Why an earlier source was not used (shown on the card's details), or null. */
  note: string | null;
}

const toCard = (input: Buffer | string): Promise<Buffer> => sharp(input).rotate().resize(THUMB_W, THUMB_H, { fit: 'cover' }).png().toBuffer();

/** The bundle's own thumbnail.png/jpg at the game root, decoded in full (a corrupt one is skipped, not trusted). */
async function fromBundle(gameDir: string): Promise<{ png: Buffer | null; note: string | null }> {
  for (const name of BUNDLE_NAMES) {
    const path = join(gameDir, name);
    if (!existsSync(path)) continue;
    try {
      const meta = await sharp(path).metadata();
      if (meta.format !== 'png' && meta.format !== 'jpeg') return { png: null, note: `${name} is ${meta.format ?? 'not an image'}, not PNG/JPEG` };
      return { png: await toCard(path), note: null };
    } catch (err) {
      return { png: null, note: `${name} could not be decoded (${(err as Error).message})` };
    }
  }
  return { png: null, note: null };
}

/**
 * A screenshot of the running game: headless Chromium loads index.html from the arcade origin
 * with every other request refused (no network), and gives up `budgetMs` after Chromium started
 * (generous: on a loaded machine the load alone takes seconds). A blank frame
 * (one flat colour) counts as a failure: the title card says more than an empty rectangle.
 */
export async function renderScreenshot(playUrl: string, budgetMs = 20_000): Promise<Buffer> {
  const loc = await resolveChromium();
  if (!loc.path) throw new Error(`no Chromium (${loc.hint})`);
  const origin = new URL(playUrl).origin;
  const profile = mkdtempSync(join(tmpdir(), 'auteur-arcade-thumb-'));
  const browser = await puppeteer.launch({
    executablePath: loc.path,
    headless: true,
    pipe: true,
    userDataDir: profile,
    args: [...OFFLINE_CHROMIUM_FLAGS, ...sandboxFlags(), '--mute-audio', '--autoplay-policy=no-user-gesture-required'],
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = (async () => {
      const page = await browser.newPage();
      await page.setViewport({ width: 960, height: 540 });
      await page.setRequestInterception(true);
      page.on('request', (r) => void (r.url().startsWith(`${origin}/`) || r.url().startsWith('data:') || r.url().startsWith('blob:') ? r.continue() : r.abort('blockedbyclient')));
      await page.goto(playUrl, { waitUntil: 'load', timeout: budgetMs });
      // Let the game draw a few frames (and leave its title screen's first blank frame).
      await new Promise((r) => setTimeout(r, 1500));
      return Buffer.from(await page.screenshot({ type: 'png' }));
    })();
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the page did not settle within ${budgetMs / 1000} s`)), budgetMs)));
    const shot = await Promise.race([work, timeout]);
    const stats = await sharp(shot).stats();
    if (stats.channels.slice(0, 3).every((c) => c.stdev < 2)) throw new Error('the first frames are blank');
    return await toCard(shot);
  } finally {
    clearTimeout(timer);
    browser.process()?.kill('SIGKILL');
    await browser.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}

const escapeXml = (s: string): string => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A generated card: the title on a dark gradient, wrapped to three lines. */
export async function titleCard(title: string): Promise<Buffer> {
  const words = title.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + w).length <= 18) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w.slice(0, 24));
  }
  const shown = lines.slice(0, 3);
  const y0 = THUMB_H / 2 - (shown.length - 1) * 22;
  const text = shown.map((l, i) => `<text x="50%" y="${y0 + i * 44}" text-anchor="middle" dominant-baseline="middle">${escapeXml(l)}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${THUMB_W}" height="${THUMB_H}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1d2a44"/><stop offset="1" stop-color="#3a1d44"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/><rect x="12" y="12" width="${THUMB_W - 24}" height="${THUMB_H - 24}" rx="14" fill="none" stroke="#ffffff33" stroke-width="2"/>
<g font-family="DejaVu Sans, Arial, sans-serif" font-size="36" font-weight="700" fill="#f2f2f7">${text}</g>
<text x="50%" y="${THUMB_H - 34}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="16" fill="#ffffff99">ARCADE</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Bundle thumbnail, else a headless screenshot, else a title card; the result says which (and why not the others). */
export async function makeThumbnail(gameDir: string, playUrl: string, title: string, opts: { render?: boolean } = {}): Promise<Thumbnail> {
  const bundle = await fromBundle(gameDir);
  if (bundle.png) return { png: bundle.png, source: 'bundle', note: null };
  const notes = bundle.note ? [bundle.note] : [];
  if (opts.render !== false) {
    try {
      return { png: await renderScreenshot(playUrl), source: 'rendered', note: notes.join('; ') || null };
    } catch (err) {
      notes.push(`headless screenshot failed: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return { png: await titleCard(title), source: 'title_card', note: notes.join('; ') || null };
}
