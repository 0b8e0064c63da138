import { Client, type Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity, World } from '../../shared/schemas/world.js';
import type { WorldRoomSession } from '../../shared/schemas/world-room.js';
import { ENTITY_BATCH, chunkChecksum, type RoomStateShape } from '../../shared/world/room-protocol.js';
import { createTerrain, decodeChunk, encodeChunk } from '../../shared/world/terrain.js';
import { json } from '../helpers/api-json.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';
import { nextMessage as next, track, type Msg } from '../helpers/room-messages.js';

/**
 * Issue 12, while a session runs: (1) the owner's edits made outside the room — the World
 * editor's autosave, the inspector, a delete, a terrain save, all through the ordinary world API —
 * reach the room's physics and every player, and a deleted object is not written back by the
 * room's own saves; (2) a client that stops reading its socket is dropped once its unsent
 * backlog passes the limit (AUTEUR_ROOM_MAX_BACKLOG), at once and for good, while the other
 * player keeps getting patches; (3) chat has its own per-player limit with a clear message.
 */
let host: HostProcess;
let world: World;
let crate: Entity;
let wall: Entity;
const home = tempHome('auteur-world-room-edits-');
const rooms: Room[] = [];
const BACKLOG = 256 * 1024;

/** The entities the room sent in its entities_updated batches. */
const updatedEntities = (got: Msg[]): Entity[] => got.filter((m) => m.type === 'entities_updated').flatMap((m) => m.payload.entities as Entity[]);
const nextEntity = (got: Msg[], pred: (e: Entity) => boolean, what: string) => waitFor(async () => updatedEntities(got).find(pred), `an entities_updated with ${what}`, 15_000, 25);

async function join(name: string): Promise<{ room: Room<RoomStateShape>; got: Msg[] }> {
  const c = new Client(`${host.base}/api/v1/world-room/colyseus`);
  c.http.authToken = host.token;
  const room = await c.joinById<RoomStateShape>(world.id, { name });
  const got = track(room);
  rooms.push(room);
  return { room, got };
}

const entities = async () => (await json<{ entities: Entity[] }>(await host.api(`/world/worlds/${world.id}/entities`))).entities;
const box = (name: string, position: number[], bodyType: 'dynamic' | 'static') => ({
  name,
  transform: { position, rotation: [0, 0, 0, 1], scale: [1, 1, 1] },
  physics: { bodyType, massKg: 2 },
  placeholder: { scaleMeters: [0.6, 0.6, 0.6], color: '#a0522d', roughness: 0.8, collider: 'box' },
});

beforeAll(async () => {
  host = await startHostProcess(home, { AUTEUR_ROOM_MAX_BACKLOG: String(BACKLOG) });
  world = await json<World>(await host.api('/world/worlds', { method: 'POST', json: { name: 'Edited while hosted' } }), 201);
  [crate, wall] = (await json<{ entities: Entity[] }>(await host.api(`/world/worlds/${world.id}/entities`, { method: 'PUT', json: { entities: [box('crate', [0, 0.5, 2], 'dynamic'), box('wall', [4, 0, 2], 'static')] } }))).entities as [Entity, Entity];
  await json<WorldRoomSession>(await host.api('/world-room/sessions', { method: 'POST', json: { worldId: world.id, invite: false } }), 201);
}, 90_000);

afterAll(async () => {
  // A dropped client's leave never completes: do not wait on it.
  for (const r of rooms) await Promise.race([r.leave().catch(() => undefined), new Promise((res) => setTimeout(res, 1000))]);
  await host?.stop();
});

describe('world room: the owner edits the hosted world', () => {
  it('moves, inspector edits, spawns, deletes and terrain saves reach the room and every player', async () => {
    const a = await join('Ada');
    await waitFor(async () => a.room.state.bodies?.get(crate.id)?.sleeping, 'the crate at rest', 20_000);

    // Moved in the editor (autosave upsert): the body starts over there, for everyone.
    await json(await host.api(`/world/worlds/${world.id}/entities`, { method: 'PUT', json: { entities: [{ id: crate.id, transform: { position: [-6, 3, 1], rotation: [0, 0, 0, 1], scale: [1, 1, 1] } }] } }));
    expect((await nextEntity(a.got, (e) => e.id === crate.id, 'the moved crate')).transform.position).toEqual([-6, 3, 1]);
    await waitFor(async () => Math.abs(a.room.state.bodies.get(crate.id)!.x + 6) < 0.01, 'the crate moved to x = -6 in the room');

    // An inspector edit (mass, name) rebuilds the body where it is: no jump.
    await waitFor(async () => a.room.state.bodies.get(crate.id)?.sleeping, 'the moved crate at rest', 20_000);
    const b0 = a.room.state.bodies.get(crate.id)!;
    const rest = { x: b0.x, y: b0.y, z: b0.z };
    await json(await host.api(`/world/entities/${crate.id}`, { method: 'PATCH', json: { name: 'heavy crate', physics: { massKg: 40 } } }));
    const renamed = await nextEntity(a.got, (e) => e.name === 'heavy crate', 'the renamed crate');
    expect(renamed.physics.massKg).toBe(40);
    await new Promise((r) => setTimeout(r, 300));
    const after = a.room.state.bodies.get(crate.id)!;
    expect(Math.hypot(after.x - rest.x, after.y - rest.y, after.z - rest.z)).toBeLessThan(0.05);

    // A spawn from the editor becomes a body of the room.
    const [spawned] = (await json<{ entities: Entity[] }>(await host.api(`/world/worlds/${world.id}/entities`, { method: 'PUT', json: { entities: [box('late crate', [2, 2, -3], 'dynamic')] } }))).entities;
    await nextEntity(a.got, (e) => e.id === spawned!.id, 'the spawned crate');
    await waitFor(async () => a.room.state.bodies.get(spawned!.id), 'the spawned crate in the room state');

    // A delete removes it from the room, and the room's next save does not bring it back.
    await json(await host.api(`/world/worlds/${world.id}/entities/delete`, { method: 'POST', json: { ids: [spawned!.id] } }));
    expect((await next(a.got, 'entity_removed')).ids).toEqual([spawned!.id]);
    await waitFor(async () => !a.room.state.bodies.has(spawned!.id), 'the deleted crate gone from the room state');
    await new Promise((r) => setTimeout(r, 2600)); // the room saves every 2 s
    expect((await entities()).map((e) => e.id).sort()).toEqual([crate.id, wall.id].sort());

    // A terrain save from the editor: the room takes the chunk, with a checksum the player reproduces.
    const t = createTerrain();
    const chunk = t.chunks.get('0,0')!;
    chunk.heights.fill(1.5);
    await json(await host.api(`/world/worlds/${world.id}/terrain`, { method: 'PUT', json: { chunks: [encodeChunk(chunk)], flatten: [] } }));
    const tc = await next(a.got, 'terrain_chunks');
    const got = tc.chunks.find((c: { cx: number; cz: number }) => c.cx === 0 && c.cz === 0);
    const mine = decodeChunk(got);
    expect(mine.heights[0]).toBeCloseTo(1.5, 5);
    expect(got.checksum).toBe(chunkChecksum(mine.heights, mine.splat));
    await waitFor(async () => a.room.state.chunks.get('0,0')?.checksum === got.checksum, 'state.chunks has the new checksum');
    // Our own room saves after this are not taken for edits: no second terrain_chunks.
    await new Promise((r) => setTimeout(r, 2600));
    expect(a.got.filter((m) => m.type === 'terrain_chunks')).toHaveLength(1);
  }, 90_000);

  it('drops a client that stops reading once its backlog passes the limit; the other player keeps its patches', async () => {
    const a = rooms[0] as Room<RoomStateShape>;
    const steady = track(a);
    const stalled = await join('Stalled');
    const sid = stalled.room.sessionId;
    // The stalled player's socket stops reading at once: what the host sends piles up in its buffers.
    (stalled.room.connection as unknown as { transport: { ws: { pause(): void } } }).transport.ws.pause();
    await waitFor(async () => a.state.players.get(sid), 'Ada sees the second player');
    const tickBefore = a.state.tick;

    // The owner places 500 detailed props (24 material overrides each, as a detailed GLB has) and
    // then re-tints them all at once, again and again: about 1.3 MB of entities_updated to each
    // player per edit. The stalled one must be dropped by its backlog well before the transport's
    // ping timeout (3 × 5 s) would cut it (that would keep a reconnection seat).
    const overrides = (round: number) =>
      Object.fromEntries(Array.from({ length: 24 }, (_, m) => [`material ${m} of a detailed prop ${'·'.repeat(40)}`, { color: `#${((round * 97 + m * 13) % 256).toString(16).padStart(2, '0')}6633`, roughness: 0.5, metalness: 0.1 }]));
    const props = Array.from({ length: 500 }, (_, i) => ({ ...box(`prop ${i}`, [((i % 25) - 12) * 2, 0, Math.floor(i / 25) * 2 - 50], 'static'), render: { tint: null, castShadow: true, receiveShadow: true, materialOverrides: overrides(0) } }));
    // (The API takes a body of up to 1 MB: 250 props a request, as the editor's autosave splits too.)
    const put = async (list: unknown[]) => {
      const out: Entity[] = [];
      for (let k = 0; k < list.length; k += 250) out.push(...(await json<{ entities: Entity[] }>(await host.api(`/world/worlds/${world.id}/entities`, { method: 'PUT', json: { entities: list.slice(k, k + 250) } }))).entities);
      return out;
    };
    const made = await put(props);
    let round = 0;
    await waitFor(
      async () => {
        if (!a.state.players.has(sid)) return true;
        round++;
        await put(made.map((e) => ({ id: e.id, render: { ...e.render, materialOverrides: overrides(round) } })));
        return false;
      },
      'the stalled player dropped',
      60_000,
      20,
    );
    // Dropped for the right reason, and for good (no reconnection seat kept for it).
    expect(host.stderr()).toMatch(/dropped .*stopped reading: \d+ bytes unsent/);
    await new Promise((r) => setTimeout(r, 1000));
    expect(a.state.players.has(sid)).toBe(false);
    // The steady player got every edit and its patches kept coming.
    const colour = overrides(round)[`material 0 of a detailed prop ${'·'.repeat(40)}`]!.color;
    const ofRound = () => steady.filter((m) => m.type === 'entities_updated' && (m.payload.entities as Entity[]).some((e) => Object.values(e.render.materialOverrides)[0]?.color === colour));
    await waitFor(async () => ofRound().flatMap((m) => m.payload.entities as Entity[]).length === made.length, `all of round ${round} on Ada`, 30_000);
    // In batches, not a message per entity (two requests of 250: at most three messages each).
    expect(ofRound().length).toBeLessThanOrEqual(6);
    expect(Math.max(...ofRound().map((m) => (m.payload.entities as Entity[]).length))).toBeLessThanOrEqual(ENTITY_BATCH);
    const tick = a.state.tick;
    await waitFor(async () => a.state.tick > tick + 30, 'patches still coming to Ada', 10_000);
    expect(a.state.tick).toBeGreaterThan(tickBefore);
  }, 120_000);

  it('limits chat per player with a message that says when to try again', async () => {
    const a = rooms[0] as Room<RoomStateShape>;
    const got = track(a);
    for (let i = 0; i < 7; i++) a.send('chat', { text: `<b>line ${i}</b>` });
    const q = await next(got, 'quota', (p) => p.quota === 'chat');
    expect(q.message).toMatch(/at most 5 chat messages every 10 s/);
    expect(q.retryAfterMs).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500));
    const lines = got.filter((m) => m.type === 'chat').map((m) => m.payload.text);
    expect(lines).toEqual([0, 1, 2, 3, 4].map((i) => `<b>line ${i}</b>`));
  }, 30_000);
});
