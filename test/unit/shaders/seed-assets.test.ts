import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSeedAssetDir, loadSeedAssets, seedAssetFor } from '../../../worker/generate/seed-assets.js';
import { loadSeedLibrary, seedSourceHash } from '../../../worker/generate/seed-library.js';

const seeds = loadSeedLibrary();
const assets = loadSeedAssets();
const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('precomputed seed renders (resources/shaders/precomputed)', () => {
  it('cover every shipped seed with a render of its current source (else: npm run seeds:precompute)', () => {
    expect(assets, 'no manifest: run `npm run seeds:precompute`').not.toBeNull();
    const notFresh = seeds.map((s) => ({ slug: s.slug, l: seedAssetFor(s, assets) })).filter((x) => x.l.state !== 'fresh');
    expect(notFresh.map((x) => `${x.slug}: ${x.l.state === 'fresh' ? '' : x.l.reason}`)).toEqual([]);
  });

  it('carry usable stats and were made by the real renderer', () => {
    const m = assets!.manifest;
    expect(m.renderer.provider).toBe('chromium');
    expect(m.renderer.gl).toBeTruthy();
    for (const a of Object.values(m.seeds)) {
      expect(a.validity.compiled && !a.validity.allBlack && !a.validity.hasNaN).toBe(true);
      expect(a.stats.hueHistogram).toHaveLength(12);
      expect(a.frames).toBeGreaterThan(0);
    }
  });

  it('stay small: the whole folder under 3 MB', () => {
    const dir = defaultSeedAssetDir();
    const bytes = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    expect(bytes).toBeLessThan(3 * 1024 * 1024);
  });

  it('detect a seed whose source changed, and a missing thumbnail file', () => {
    const seed = seeds[0]!;
    const changed = { ...seed, sourceHash: seedSourceHash({ ...seed.source, common: '// edited' }) };
    const stale = seedAssetFor(changed, assets);
    expect(stale).toMatchObject({ state: 'stale', reason: expect.stringMatching(/source changed/) });

    const dir = mkdtempSync(join(tmpdir(), 'auteur-assets-'));
    tmp.push(dir);
    cpSync(join(defaultSeedAssetDir(), 'manifest.json'), join(dir, 'manifest.json'));
    expect(seedAssetFor(seed, loadSeedAssets(dir))).toMatchObject({ state: 'missing', reason: expect.stringMatching(/thumbnail .* is missing/) });
    expect(seedAssetFor({ slug: 'no-such-seed', sourceHash: 'x' }, assets)).toMatchObject({ state: 'missing' });
    expect(loadSeedAssets(join(dir, 'nowhere'))).toBeNull();
  });

  it('refuse a broken manifest with the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auteur-assets-'));
    tmp.push(dir);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: 1, seeds: {} }));
    expect(() => loadSeedAssets(dir)).toThrow(/manifest\.json[\s\S]*renderer/);
  });

  it('hash the source independently of key order', () => {
    expect(seedSourceHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(seedSourceHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(seedSourceHash({ a: 1 })).not.toBe(seedSourceHash({ a: 2 }));
  });
});
