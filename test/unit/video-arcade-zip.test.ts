import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ARCADE_LIMITS } from '../../shared/schemas/video-arcade.js';
import { buildCsp } from '../../electron/host/desktop/csp.js';
import { AppError } from '../../electron/host/errors.js';
import { arcadeCsp } from '../../electron/host/video/arcade/arcade-origin.js';
import { checkEntryName, extractBundle, planBundle, type ArcadeLimits } from '../../electron/host/video/arcade/zip-bundle.js';
import { buildZip, gameZip, GAME_FILES } from '../fixtures/arcade-zip.js';

const dir = mkdtempSync(join(tmpdir(), 'arcade-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const zipFile = (buf: Buffer): string => {
  const p = join(dir, `z${n++}.zip`);
  writeFileSync(p, buf);
  return p;
};

/** The AppError a plan is refused with (the test fails if it is accepted). */
async function refusal(buf: Buffer, limits: ArcadeLimits = { ...ARCADE_LIMITS }): Promise<AppError> {
  try {
    await planBundle(zipFile(buf), limits);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('the bundle was accepted');
}

describe('arcade bundle checks', () => {
  it('accepts index.html at the root and extracts exactly its files', async () => {
    const path = zipFile(gameZip('', [{ name: 'assets/', data: '' }, { name: 'assets/a.txt', data: 'hi' }]));
    const plan = await planBundle(path);
    expect(plan.stripped).toBe('');
    expect(plan.files.map((f) => f.path).sort()).toEqual(['assets/a.txt', 'index.html', 'main.js']);
    const out = mkdtempSync(join(dir, 'x-'));
    await extractBundle(path, plan, out);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe(GAME_FILES['index.html']);
    expect(readFileSync(join(out, 'assets', 'a.txt'), 'utf8')).toBe('hi');
  });

  it('accepts a bundle in one top folder and installs it without that folder (Mac junk skipped)', async () => {
    const path = zipFile(gameZip('my-game/', [{ name: '__MACOSX/my-game/._index.html', data: 'x' }, { name: 'my-game/.DS_Store', data: 'x' }]));
    const plan = await planBundle(path);
    expect(plan.stripped).toBe('my-game/');
    expect(plan.files.map((f) => f.path).sort()).toEqual(['index.html', 'main.js']);
    const out = mkdtempSync(join(dir, 'x-'));
    await extractBundle(path, plan, out);
    expect(readdirSync(out).sort()).toEqual(['index.html', 'main.js']);
  });

  it('refuses a bundle without index.html, or with it nested too deep, naming what it found', async () => {
    const none = await refusal(buildZip([{ name: 'game.html', data: '<p>' }]));
    expect(none.code).toBe('no_index_html');
    expect(none.message).toMatch(/needs index\.html at its root/);
    const deep = await refusal(buildZip([{ name: 'a/b/index.html', data: '<p>' }, { name: 'c/x.js', data: '1' }]));
    expect(deep.code).toBe('no_index_html');
    expect(deep.message).toContain('"a/b/index.html"');
    expect((await refusal(buildZip([]))).message).toMatch(/empty/);
  });

  it('refuses a zip bomb by its compression ratio before extracting a byte', async () => {
    const bomb = await refusal(gameZip('', [{ name: 'level.dat', data: Buffer.alloc(20 * 1024 * 1024) }]));
    expect(bomb.code).toBe('zip_bomb');
    expect(bomb.message).toMatch(/expands \d+×/);
    expect(bomb.status).toBe(422);
  });

  it('refuses too many entries, a too large file and too many bytes in all', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' }));
    expect((await refusal(gameZip('', many), { ...ARCADE_LIMITS, maxEntries: 10 })).code).toBe('zip_too_many_entries');
    const big = { name: 'big.bin', data: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)), store: true };
    expect((await refusal(gameZip('', [big]), { ...ARCADE_LIMITS, maxEntryBytes: 1000 })).code).toBe('zip_entry_too_large');
    expect((await refusal(gameZip('', [big]), { ...ARCADE_LIMITS, maxTotalBytes: 3000 })).code).toBe('zip_too_large_extracted');
  });

  it('refuses zip-slip, absolute, drive and backslash paths', async () => {
    const slip = await refusal(gameZip('', [{ name: '../../evil.js', data: 'x' }]));
    expect(slip.code).toBe('zip_slip');
    expect((await refusal(gameZip('', [{ name: 'assets/../../evil.js', data: 'x' }]))).code).toBe('zip_slip');
    expect((await refusal(gameZip('', [{ name: '/etc/evil', data: 'x' }]))).code).toBe('zip_absolute_path');
    expect((await refusal(gameZip('', [{ name: 'C:/evil.js', data: 'x' }]))).code).toBe('zip_absolute_path');
    const back = await refusal(gameZip('', [{ name: '..\\evil.js', data: 'x' }]));
    expect(back.code).toBe('zip_bad_path');
    expect(back.message).toMatch(/backslashes/);
    expect(() => checkEntryName('ok/file.js')).not.toThrow();
    expect(() => checkEntryName('a//b.js')).toThrow(/empty or "\." path segment/);
  });

  it('refuses symlinks and other special files', async () => {
    const link = await refusal(gameZip('', [{ name: 'passwd', data: '/etc/passwd', mode: 0o120777, store: true }]));
    expect(link.code).toBe('zip_symlink');
    expect(link.message).toMatch(/symbolic link/);
    expect((await refusal(gameZip('', [{ name: 'fifo', data: '', mode: 0o010644 }]))).code).toBe('zip_special_file');
  });

  it('refuses bytes that are not a zip', async () => {
    expect((await refusal(Buffer.from('this is not a zip at all, just text'))).code).toBe('invalid_zip');
  });

  it('stops extraction of an entry that inflates past its declared size and writes nothing past it', async () => {
    // A valid plan, then the bytes on disk are swapped for a bigger deflate stream with the same header.
    const honest = buildZip([{ name: 'index.html', data: 'a'.repeat(100) }]);
    const path = zipFile(honest);
    const plan = await planBundle(path);
    plan.files[0]!.bytes = 10; // the planned size is what extraction enforces
    const out = mkdtempSync(join(dir, 'x-'));
    await expect(extractBundle(path, plan, out)).rejects.toThrow(/inflates past its declared size/);
    expect(existsSync(join(out, 'index.html')) ? readFileSync(join(out, 'index.html')).length : 0).toBeLessThanOrEqual(10);
  });
});

describe('arcade CSPs', () => {
  it('the studio frames only the arcade origin, and only when it is running', () => {
    const withArcade = buildCsp('http://127.0.0.1:4873', { frameSources: ['http://127.0.0.1:5999'] });
    expect(withArcade).toContain('frame-src http://127.0.0.1:5999;');
    expect(withArcade).toContain("frame-ancestors 'none'");
    expect(buildCsp('http://127.0.0.1:4873')).not.toContain('frame-src');
  });

  it('a game may load its own files only, connect nowhere, and be framed by the studio only', () => {
    const csp = arcadeCsp('http://127.0.0.1:5999', ['http://127.0.0.1:4873', 'http://localhost:4873']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).toContain('frame-ancestors http://127.0.0.1:4873 http://localhost:4873');
    expect(csp).toMatch(/script-src http:\/\/127\.0\.0\.1:5999 /);
    expect(csp).not.toContain('4873 ;');
  });
});
