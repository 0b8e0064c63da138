import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobKindSpec } from '../../shared/jobs/registry.js';
import { closedPortUrl } from '../fixtures/fake-http.js';
import { tempHome } from '../helpers/host-process.js';
import { connectStdio, textOf } from '../helpers/mcp-clients.js';

let session: Awaited<ReturnType<typeof connectStdio>>;
beforeAll(async () => {
  session = await connectStdio(tempHome('auteur-world-mcp-'), { AUTEUR_SEED_LIBRARY: '0', OLLAMA_HOST: await closedPortUrl() });
}, 60_000);
afterAll(async () => {
  await session?.close();
});

type S = Record<string, unknown>;
const call = (name: string, args: S, timeout = 60_000) => session.client.callTool({ name, arguments: args }, undefined, { timeout });
const camel = (v: unknown): string[] =>
  v && typeof v === 'object'
    ? Object.entries(v as S).flatMap(([k, x]) => [...(/[a-z][A-Z]/.test(k) ? [k] : []), ...(Array.isArray(x) ? x.flatMap(camel) : camel(x))])
    : [];

describe('World MCP tools', () => {
  it('spawns from a prompt (placeholder at once, asset when waited for), lists, edits, and refuses bad arguments', async () => {
    const tools = (await session.client.listTools()).tools.map((t) => t.name);
    expect(tools).toEqual(expect.arrayContaining(['world_spawn', 'world_list_entities', 'world_update_entity', 'world_snapshot']));

    const wrong = await call('world_spawn', { prompt: 'a crate', worldId: 'x' });
    expect(wrong.isError).toBe(true);
    expect(textOf(wrong)).toMatch(/"worldId" \(did you mean "world_id"\?\)/);

    // No world yet: one is made for the agent.
    const first = (await call('world_spawn', { prompt: 'a red wooden chair', position: [1, 0, -2] })).structuredContent as S;
    expect(camel(first)).toEqual([]);
    const worldId = first.world_id as string;
    const entity = first.entity as S;
    expect(entity.status).toBe('draft');
    expect(entity.position).toEqual([1, 0, -2]);
    expect((first.recipe as S).shape).toBe('chair');
    expect((first.placeholder as S).color).toMatch(/^#/);

    const waited = (await call('world_spawn', { world_id: worldId, prompt: 'a stone pillar 3m tall', wait: true }, 200_000)).structuredContent as S;
    expect((waited.entity as S).status).toBe('ready');
    expect((waited.entity as S).asset_id).toMatch(/^wa_/);

    const listed = (await call('world_list_entities', { world_id: worldId })).structuredContent as { entities: S[]; world: S };
    expect(listed.entities.map((e) => e.name)).toEqual(expect.arrayContaining([(first.recipe as S).name, (waited.recipe as S).name]));
    expect(camel(listed)).toEqual([]);
    const worlds = (await call('world_list_entities', {})).structuredContent as { worlds: S[] };
    expect(worlds.worlds.map((w) => w.world_id)).toContain(worldId);

    const upd = await call('world_update_entity', { entity_id: entity.entity_id, position: [4, 0, 4], physics: { mass_kg: 12.5, body_type: 'static' }, behaviour: { throwable: false } });
    expect(upd.isError, textOf(upd)).toBeFalsy();
    const updated = upd.structuredContent as { entity: S };
    expect(updated.entity.position).toEqual([4, 0, 4]);
    expect((updated.entity.physics as S).mass_kg).toBe(12.5);
    expect((updated.entity.physics as S).body_type).toBe('static');
    expect((updated.entity.behaviour as S).throwable).toBe(false);

    const badMass = await call('world_update_entity', { entity_id: entity.entity_id, physics: { massKg: 3 } });
    expect(badMass.isError).toBe(true);
    expect(textOf(badMass)).toMatch(/"massKg" \(did you mean "mass_kg"\?\)/);
    const farAway = await call('world_update_entity', { entity_id: entity.entity_id, position: [1e9, 0, 0] });
    expect(farAway.isError).toBe(true);
    expect(textOf(farAway)).toMatch(/position/);
    const missing = await call('world_update_entity', { entity_id: 'nope', name: 'x' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/Entity nope was not found/);
  }, 240_000);

  it('returns the world as an image from world_snapshot', async () => {
    const spawned = (await call('world_spawn', { prompt: 'a blue crate', position: [0, 0, 0], wait: true }, 200_000)).structuredContent as S;
    const r = await call('world_snapshot', { world_id: spawned.world_id, width: 320, height: 200 }, 150_000);
    if (!jobKindSpec('world.snapshot')) {
      // A build without the headless world renderer must say so instead of pretending.
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/world\.snapshot job .* does not have yet/);
      return;
    }
    expect(r.isError, textOf(r)).toBeFalsy();
    const image = (r.content as { type: string; data?: string; mimeType?: string }[]).find((c) => c.type === 'image');
    expect(image?.mimeType).toBe('image/png');
    const png = Buffer.from(image!.data!, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(320);
    expect(png.readUInt32BE(20)).toBe(200);
    // Kept for a person to look at (what the agent saw).
    mkdirSync('test-results/screenshots', { recursive: true });
    writeFileSync('test-results/screenshots/world-mcp-snapshot.png', png);
  }, 180_000);
});
