import { afterAll, beforeAll, expect, it } from 'vitest';
import { similarShaders } from '../../electron/host/shaders/similar.js';
import { completeRender, openShaderCore, type ShaderCore } from '../helpers/shader-core.js';
import { FAMILY_TAGS, FAMILY_TITLES, familyGlsl, familyStats, type Family } from '../helpers/shader-fixtures.js';

let sc: ShaderCore;
const ids: Record<Family, string[]> = { tunnel: [], gradient: [], noise: [] };
beforeAll(async () => {
  sc = await openShaderCore();
  for (const f of ['tunnel', 'gradient', 'noise'] as Family[]) {
    for (let i = 0; i < 3; i++) {
      const s = sc.svc.shaders.create({ title: FAMILY_TITLES[f][i]!, tags: FAMILY_TAGS[f], source: familyGlsl(f, i) }, { status: 'published' });
      await completeRender(sc, s.id, { stats: familyStats(f, i + 3) });
      ids[f].push(s.id);
    }
  }
});
afterAll(async () => {
  await sc?.close();
});

it('"more like this" returns the same family first, never the shader itself, nearest first', () => {
  for (const f of ['tunnel', 'gradient', 'noise'] as Family[]) {
    const { items } = similarShaders(sc.core, sc.svc.reader, ids[f][0]!, 4);
    expect(items.map((s) => s.id)).not.toContain(ids[f][0]);
    expect(items.slice(0, 2).map((s) => s.id).sort()).toEqual(ids[f].slice(1).sort());
    for (let i = 1; i < items.length; i++) expect(items[i]!.similarity).toBeLessThanOrEqual(items[i - 1]!.similarity);
  }
});

it('leaves out drafts and answers not found for unknown ids', async () => {
  const draft = sc.svc.shaders.create({ title: 'Draft tunnel', tags: FAMILY_TAGS.tunnel, source: familyGlsl('tunnel', 1) });
  await completeRender(sc, draft.id, { stats: familyStats('tunnel', 4) });
  expect(similarShaders(sc.core, sc.svc.reader, ids.tunnel[0]!, 8).items.map((s) => s.id)).not.toContain(draft.id);
  expect(() => similarShaders(sc.core, sc.svc.reader, 'missing', 4)).toThrow(/not found/);
});
