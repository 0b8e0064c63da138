import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completeRender, openShaderCore, type ShaderCore } from '../helpers/shader-core.js';
import { familyGlsl, familyStats } from '../helpers/shader-fixtures.js';

let sc: ShaderCore;
beforeEach(async () => {
  sc = await openShaderCore();
});
afterEach(() => sc.close());

const H = 3600_000;
const desire = (promptText: string, now = Date.now(), ttlDays = 14) => sc.svc.desires.create({ promptText, ttlDays }, undefined, now);

describe('desire queue', () => {
  it('heat follows ln(similar open desires of 7 days + 1) × 1/(1 + age_h/24), recomputed as the cluster grows', () => {
    const now = Date.now();
    const a = desire('glowing jellyfish in deep water', now - 24 * H);
    expect(a.heatScore).toBeCloseTo(Math.LN2, 6); // fresh when posted
    const b = desire('jellyfish glowing in the deep water', now);
    expect(b.clusterId).toBe(a.clusterId);
    expect(b.heatScore).toBeCloseTo(Math.log(3), 6);
    // a is a day old at b's post time: its heat halves.
    expect(sc.svc.desires.get(a.id, now).heatScore).toBeCloseTo(Math.log(3) / 2, 6);
    const cluster = sc.svc.desires.get(b.id, now).cluster!;
    expect(cluster).toMatchObject({ size: 2, openCount: 2 });
    expect(cluster.heat).toBeCloseTo(Math.log(3), 6); // newest member is fresh
    expect(cluster.members.map((m) => m.desire.id)).toEqual([b.id, a.id]);
    expect(cluster.members[0]!.similarity).toBeGreaterThan(0.82);
    // Old desires (over 7 days) do not count as similar demand.
    const c = desire('deep water glowing jellyfish', now + 8 * 24 * H);
    expect(c.heatScore).toBeCloseTo(Math.log(2), 6);
  });

  it('keeps unrelated wishes in their own clusters and lists the hottest first', () => {
    const lone = desire('pixel art rainbow cat');
    const x = desire('slow lava lamp blobs');
    const y = desire('lava lamp blobs, slow');
    expect(x.clusterId).not.toBe(lone.clusterId);
    expect(y.clusterId).toBe(x.clusterId);
    const list = sc.svc.desires.list({ status: 'active', sort: 'heat', limit: 10 });
    expect(list.items.map((d) => d.id).slice(0, 2).sort()).toEqual([x.id, y.id].sort());
    expect(list.items.at(-1)!.id).toBe(lone.id);
    expect(list.items.find((d) => d.id === y.id)!.clusterSize).toBe(2);
    expect(sc.svc.desires.list({ status: 'active', sort: 'heat', limit: 10, minHeat: 1 }).items).toHaveLength(2);
  });

  it('expires open desires past their TTL when the queue is read, and refuses to fulfil them', async () => {
    const now = Date.now();
    const old = desire('stained glass cathedral light', now - 20 * 24 * H, 14);
    const fresh = desire('aurora over mountains', now);
    const list = sc.svc.desires.list({ status: 'active', sort: 'new', limit: 10 }, now);
    expect(list.items.map((d) => d.id)).toEqual([fresh.id]);
    expect(sc.svc.desires.get(old.id, now).status).toBe('expired');
    const s = sc.svc.shaders.create({ title: 'Glass', source: familyGlsl('gradient', 1) });
    await completeRender(sc, s.id, { stats: familyStats('gradient', 1) });
    expect(() => sc.svc.desires.fulfill(old.id, s.id, undefined, now)).toThrow(expect.objectContaining({ status: 409, message: expect.stringMatching(/expired/) }));
  });

  it('fulfils only with a shader whose render passed; deleting that shader reopens the desire', async () => {
    const d = desire('a warm fire tunnel');
    expect(() => sc.svc.desires.fulfill(d.id, 'missing')).toThrow(expect.objectContaining({ status: 404 }));
    const s = sc.svc.shaders.create({ title: 'Fire tunnel', source: familyGlsl('tunnel', 1) });
    expect(() => sc.svc.desires.fulfill(d.id, s.id)).toThrow(expect.objectContaining({ status: 422, code: 'not_rendered' }));
    await completeRender(sc, s.id, { stats: familyStats('tunnel', 1) });
    expect(sc.svc.desires.fulfill(d.id, s.id)).toMatchObject({ status: 'fulfilled', fulfilledBy: { id: s.id } });
    sc.svc.shaders.delete(s.id);
    expect(sc.svc.desires.get(d.id)).toMatchObject({ status: 'open', fulfilledBy: null, fulfilledAt: null });
  });

  it('moves the poster’s taste (+1.2) with the desire text', () => {
    expect(sc.svc.taste.get(sc.core.ownerUserId)).toBeNull();
    desire('calm blue gradient');
    expect(sc.svc.taste.get(sc.core.ownerUserId)).not.toBeNull();
  });
});
