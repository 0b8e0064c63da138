import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedPage, ShaderCard } from '../../shared/schemas/shaders.js';
import { completeRender, openShaderCore, type ShaderCore } from '../helpers/shader-core.js';
import { FAMILY_TAGS, FAMILY_TITLES, familyGlsl, familyStats, type Family } from '../helpers/shader-fixtures.js';

let sc: ShaderCore;
beforeEach(async () => {
  sc = await openShaderCore();
});
afterEach(() => sc.close());

/** A published, rendered library: `perFamily` shaders of each family, each render with its own stats. */
async function library(families: Family[], perFamily: number): Promise<Map<string, Family>> {
  const fam = new Map<string, Family>();
  for (const f of families) {
    for (let i = 0; i < perFamily; i++) {
      const s = sc.svc.shaders.create({ title: FAMILY_TITLES[f][i]!, tags: FAMILY_TAGS[f], source: familyGlsl(f, i) }, { status: 'published' });
      await completeRender(sc, s.id, { stats: familyStats(f, i + 7) });
      fam.set(s.id, f);
    }
  }
  return fam;
}

const me = () => sc.core.ownerUserId;
const ids = (p: FeedPage) => p.items.map((i) => i.id);

describe('feed pagination and exclusion', () => {
  it('pages never repeat, a retried cursor returns the same page, and the end says so', async () => {
    await library(['tunnel', 'gradient'], 6);
    const p1 = sc.svc.feed.personal(me(), undefined, 5);
    expect(p1.mode).toBe('cold_start');
    const p2 = sc.svc.feed.personal(me(), p1.nextCursor!, 5);
    const p3 = sc.svc.feed.personal(me(), p2.nextCursor!, 5);
    const all = [...ids(p1), ...ids(p2), ...ids(p3)];
    expect(all).toHaveLength(12);
    expect(new Set(all).size).toBe(12);
    expect(p3.nextCursor).toBeNull();
    expect(ids(sc.svc.feed.personal(me(), p1.nextCursor!, 5))).toEqual(ids(p2));
    for (const c of p1.items) expect(['trending', 'new']).toContain(c.why.reason);
  });

  it('excludes what was watched, even while taste moves between pages', async () => {
    await library(['tunnel', 'gradient'], 6);
    const p1 = sc.svc.feed.personal(me(), undefined, 4);
    const watched = p1.items[0]!.id;
    sc.svc.engagement.dwell({ shaderId: watched, seconds: 40 }); // creates a taste vector mid-session
    const p2 = sc.svc.feed.personal(me(), p1.nextCursor!, 4);
    expect(p2.mode).toBe('personal');
    expect(ids(p2).some((id) => ids(p1).includes(id))).toBe(false);
    const fresh = sc.svc.feed.personal(me(), undefined, 11);
    expect(ids(fresh)).not.toContain(watched);
    expect(fresh.items).toHaveLength(11);
  });

  it('never answers an empty feed for a small, fully watched library', async () => {
    const fam = await library(['noise'], 3);
    for (const id of fam.keys()) sc.svc.engagement.dwell({ shaderId: id, seconds: 3 });
    const p = sc.svc.feed.personal(me(), undefined, 10);
    expect(p.items).toHaveLength(3);
    expect(p.items.every((c) => c.why.reason === 'resurfaced')).toBe(true);
  });

  it('only shows published, public, rendered shaders', async () => {
    const fam = await library(['gradient'], 3);
    const draft = sc.svc.shaders.create({ title: 'Draft', source: familyGlsl('gradient', 1) });
    await completeRender(sc, draft.id, { stats: familyStats('gradient', 1) });
    sc.svc.shaders.create({ title: 'Unrendered', source: familyGlsl('gradient', 1) }, { status: 'published' });
    const hidden = [...fam.keys()][0]!;
    sc.svc.shaders.update(hidden, { isPublic: false });
    const shown = ids(sc.svc.feed.personal(me(), undefined, 20));
    expect(shown.sort()).toEqual([...fam.keys()].filter((id) => id !== hidden).sort());
  });

  it('rejects cursors it did not make', async () => {
    expect(() => sc.svc.feed.personal(me(), 'nonsense', 5)).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => sc.svc.feed.personal(me(), '00000000-0000-0000-0000-000000000000.1', 5)).toThrow(/expired/);
  });

  it('trending follows the hot score after votes; new follows publish time', async () => {
    const fam = await library(['tunnel'], 4);
    const [a, b] = [...fam.keys()];
    sc.svc.votes.vote(b!, 1);
    sc.svc.votes.vote(a!, -1);
    const t = sc.svc.feed.trending(undefined, 10);
    expect(t.items[0]!.id).toBe(b);
    expect(t.items[0]!.why.reason).toBe('trending');
    expect(t.items[0]!.votes.hot).toBeGreaterThan(0);
    const n1 = sc.svc.feed.newest(undefined, 2);
    const n2 = sc.svc.feed.newest(n1.nextCursor!, 2);
    expect(new Set([...ids(n1), ...ids(n2)]).size).toBe(4);
  });
});

describe('scripted user: taste moves the feed toward what they like', () => {
  const familyRanks = (items: ShaderCard[], fam: Map<string, Family>, only: Set<string>) => {
    const ranks: Record<Family, number[]> = { tunnel: [], gradient: [], noise: [] };
    items.filter((c) => only.has(c.id)).forEach((c, i) => ranks[fam.get(c.id)!].push(i));
    return ranks;
  };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('upvotes and long dwells on tunnels, skips on gradients → tunnels rise, gradients sink', async () => {
    const fam = await library(['tunnel', 'gradient', 'noise'], 10);
    const byFamily = (f: Family) => [...fam.entries()].filter(([, g]) => g === f).map(([id]) => id);
    const [tunnels, gradients, noises] = [byFamily('tunnel'), byFamily('gradient'), byFamily('noise')];

    // A neutral start: one long look at one shader of each family.
    for (const id of [tunnels[0]!, gradients[0]!, noises[0]!]) sc.svc.engagement.dwell({ shaderId: id, seconds: 15 });
    // What the user will not touch: ranks are compared on these only.
    const untouched = new Set([...tunnels.slice(5), ...gradients.slice(5), ...noises.slice(1)]);
    const before = familyRanks(sc.svc.feed.personal(me(), undefined, 30).items, fam, untouched);

    for (const id of tunnels.slice(1, 3)) sc.svc.votes.vote(id, 1);
    for (const id of tunnels.slice(3, 5)) sc.svc.engagement.dwell({ shaderId: id, seconds: 35 });
    sc.svc.engagement.replay(tunnels[1]!);
    for (const id of gradients.slice(1, 5)) expect(sc.svc.engagement.dwell({ shaderId: id, seconds: 1.4 }).signal).toBe('skip');

    const page = sc.svc.feed.personal(me(), undefined, 30);
    const after = familyRanks(page.items, fam, untouched);
    expect(mean(after.tunnel)).toBeLessThan(mean(before.tunnel));
    expect(mean(after.gradient)).toBeGreaterThan(mean(before.gradient));
    // The top of the feed is the liked family, and says why.
    const top = page.items.slice(0, 5);
    expect(top.filter((c) => fam.get(c.id) === 'tunnel').length).toBeGreaterThanOrEqual(4);
    expect(top[0]!.why.reason).toBe('similar');
    expect(top[0]!.why.label).toMatch(/^similar to ".+" that you (upvoted|watched|replayed) \(0\.\d\d\)$/);
    expect(tunnels.slice(0, 5)).toContain(top[0]!.why.nearest!.id);
    // Voted, skipped and watched ones come back only after everything unseen, marked as such.
    const seen = new Set([...tunnels.slice(0, 5), ...gradients.slice(0, 5), noises[0]!]);
    const unseen = fam.size - seen.size;
    expect(page.items.slice(0, unseen).filter((c) => seen.has(c.id)).map((c) => c.title)).toEqual([]);
    expect(page.items.slice(unseen).every((c) => seen.has(c.id) && c.why.reason === 'resurfaced')).toBe(true);
  });

  it('a desire pulls taste toward shaders described like it', async () => {
    const fam = await library(['tunnel', 'gradient'], 5);
    sc.svc.desires.create({ promptText: 'calm blue gradient like a still ocean', ttlDays: 14 });
    const page = sc.svc.feed.personal(me(), undefined, 4);
    expect(page.mode).toBe('personal');
    expect(page.items.filter((c) => fam.get(c.id) === 'gradient').length).toBeGreaterThanOrEqual(3);
  });
});
