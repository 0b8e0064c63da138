import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArcadeGame, ArcadeGameList } from '../../shared/schemas/video-arcade.js';
import { buildZip, gameZip } from '../fixtures/arcade-zip.js';
import { errorOf, json } from '../helpers/api-json.js';
import { startHostProcess, tempHome, type HostProcess } from '../helpers/host-process.js';

// The arcade through a real host: uploads of good and hostile zips, the separate arcade origin and
// its headers, and the studio's CSP that lets only that origin be framed.
let host: HostProcess;
let arcadeOrigin: string;

beforeAll(async () => {
  host = await startHostProcess(tempHome('auteur-arcade-'));
  arcadeOrigin = (await json<ArcadeGameList>(await host.api('/arcade/games'))).arcadeOrigin;
}, 60_000);
afterAll(async () => {
  await host?.stop();
});

const upload = (body: Buffer, query = '') => host.api(`/arcade/games${query}`, { method: 'POST', body, headers: { 'content-type': 'application/zip' } });
const gamesDir = () => join(host.home, 'arcade');
/** Nothing half-installed: no temp zip, no staging folder, and only the folders of installed games. */
async function expectNoLeftovers(): Promise<void> {
  const list = await json<ArcadeGameList>(await host.api('/arcade/games'));
  expect(readdirSync(gamesDir()).sort()).toEqual(list.games.map((g) => g.id).sort());
}

/** A raw request (fetch cannot declare a Content-Length it does not send). */
function rawPost(path: string, headers: Record<string, string>, send: (write: (b: Buffer) => boolean) => void): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, host.base);
    const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/zip', ...headers } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    send((b) => req.write(b));
  });
}

describe('arcade API', () => {
  it('ships three games with their own thumbnails on a first run', async () => {
    const list = await json<ArcadeGameList>(await host.api('/arcade/games'));
    expect(list.arcadeOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(list.arcadeOrigin).not.toBe(host.base);
    expect(list.games.map((g) => g.title).sort()).toEqual(['Brick Breeze', 'Comet Dodge', 'Snake Garden']);
    for (const g of list.games) {
      expect(g.origin).toBe('builtin');
      expect(g.thumbnailSource).toBe('bundle');
      const thumb = await host.api(`/media/${g.thumbnailMediaId}/file`);
      expect(thumb.headers.get('content-type')).toBe('image/png');
    }
  });

  it('installs a zip whose index.html sits in one top folder, and the arcade origin serves it with a strict CSP', async () => {
    // Its thumbnail.png is not an image: not trusted, so the card comes from a headless screenshot.
    const game = await json<ArcadeGame>(await upload(gameZip('blinker/', [{ name: 'blinker/thumbnail.png', data: 'not really a png' }]), '?filename=blinker.zip'), 201);
    expect(game.title).toBe('Test Blinker');
    expect(game.fileCount).toBe(3);
    expect(game.playUrl).toBe(`${arcadeOrigin}/games/${game.id}/index.html`);
    expect(game.thumbnailSource, game.thumbnailNote ?? '').toBe('rendered');
    expect(game.thumbnailNote).toMatch(/thumbnail\.png could not be decoded/);
    const page = await fetch(game.playUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('set-cookie')).toBeNull();
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain(`frame-ancestors http://127.0.0.1:${new URL(host.base).port} http://localhost:${new URL(host.base).port}`);
    expect(csp).toContain("default-src 'none'");
    const js = await fetch(`${arcadeOrigin}/games/${game.id}/main.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toContain('requestAnimationFrame');
    expect(await json<ArcadeGame>(await host.api(`/arcade/games/${game.id}`))).toMatchObject({ id: game.id, title: 'Test Blinker' });
    await expectNoLeftovers();
  }, 60_000);

  it('refuses each hostile or broken zip with its reason and leaves nothing behind', async () => {
    const cases: Array<[Buffer, string, RegExp]> = [
      [gameZip('', [{ name: 'level.dat', data: Buffer.alloc(20 * 1024 * 1024) }]), 'zip_bomb', /zip bomb/],
      [gameZip('', [{ name: '../../escape.js', data: 'x' }]), 'zip_slip', /climbs out/],
      [gameZip('', [{ name: '/tmp/abs.js', data: 'x' }]), 'zip_absolute_path', /absolute path/],
      [gameZip('', [{ name: 'link', data: '/etc/passwd', mode: 0o120777, store: true }]), 'zip_symlink', /symbolic link/],
      [buildZip([{ name: 'readme.txt', data: 'no game here' }]), 'no_index_html', /index\.html/],
    ];
    for (const [zip, code, message] of cases) {
      const err = await errorOf(await upload(zip), 422);
      expect(err.code).toBe(code);
      expect(err.message).toMatch(message);
      expect(err.message).toMatch(/Nothing was installed/);
    }
    const notZip = await errorOf(await upload(Buffer.from('GIF89a not a zip')), 415);
    expect(notZip.code).toBe('not_a_zip');
    const wrongType = await errorOf(await host.api('/arcade/games', { method: 'POST', json: { zip: 'x' } }), 415);
    expect(wrongType.message).toMatch(/application\/zip/);
    await expectNoLeftovers();
  }, 60_000);

  it('refuses a 2 GB zip by its Content-Length before reading it, and a chunked one past the cap while streaming', async () => {
    const declared = await rawPost('/api/v1/arcade/games', { 'content-length': String(2 * 1024 ** 3) }, (write) => write(Buffer.from('PK\x03\x04')));
    expect(declared.status).toBe(413);
    expect(declared.body).toMatch(/limited to 100 MB/);
    const first = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(1024 * 1024 - 4, 7)]);
    const rest = Buffer.alloc(1024 * 1024, 7);
    const streamed = await rawPost('/api/v1/arcade/games', { 'transfer-encoding': 'chunked' }, (write) => {
      let sent = 0;
      const pump = (): void => {
        while (sent < 110) {
          sent++;
          if (!write(sent === 1 ? first : rest)) return void setTimeout(pump, 1);
        }
      };
      pump();
    });
    expect(streamed.status).toBe(413);
    expect(streamed.body).toMatch(/passed the limit while uploading/);
    await expectNoLeftovers();
  }, 60_000);

  it('the arcade origin serves only /games/<id>/<file> of installed games, to its own Host only', async () => {
    const { games } = await json<ArcadeGameList>(await host.api('/arcade/games'));
    const id = games[0]!.id;
    for (const path of ['/', '/api/v1/health', `/?token=${host.token}`, '/games/nope/index.html', `/games/${id}/missing.js`, `/games/${id}/..%2F..%2Fstudio.db`, `/games/${id}/%2e%2e/%2e%2e/host.json`]) {
      const r = await fetch(arcadeOrigin + path);
      expect(r.status, path).toBe(404);
      expect(await r.text()).not.toContain(host.token);
    }
    expect((await fetch(`${arcadeOrigin}/games/${id}/index.html`, { method: 'POST' })).status).toBe(405);
    const rebound = await new Promise<number>((resolve, reject) =>
      request(`${arcadeOrigin}/games/${id}/index.html`, { headers: { host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0)).on('error', reject).end(),
    );
    expect(rebound).toBe(421);
  });

  it("lets the studio page frame the arcade origin and nothing else", async () => {
    const page = await fetch(`${host.base}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`frame-src ${arcadeOrigin}`);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('deletes a game: its files, its row and its page on the arcade origin', async () => {
    const png = await sharp({ create: { width: 64, height: 36, channels: 3, background: '#3366ff' } }).png().toBuffer();
    const game = await json<ArcadeGame>(await upload(gameZip('', [{ name: 'thumbnail.png', data: png }]), '?title=Short%20lived'), 201);
    expect(game).toMatchObject({ title: 'Short lived', thumbnailSource: 'bundle', origin: 'upload' });
    await json(await host.api(`/arcade/games/${game.id}`, { method: 'DELETE' }));
    expect(existsSync(join(gamesDir(), game.id))).toBe(false);
    expect((await fetch(game.playUrl)).status).toBe(404);
    expect((await errorOf(await host.api(`/arcade/games/${game.id}`), 404)).code).toBe('not_found');
  }, 60_000);
});
