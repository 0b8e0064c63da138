import type { Room } from 'colyseus.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../relay/clock.js';
import type { Relay } from '../../relay/create-relay.js';
import { hostedRooms, users } from '../../relay/db/schema.js';
import { NO_GENERATOR } from '../../relay/rooms/world/hosted-room-deps.js';
import { relayClient } from '../helpers/relay-client.js';
import { joinHosted, leaveQuietly, snapshot, startHostedRoomsRelay, tinyGlb, until, type Msg } from '../helpers/relay-hosted-rooms.js';

/**
 * Hosted rooms on one relay (PGlite, in process): a Pro user uploads a world snapshot and its
 * GLB (size, hash and GLB checks), players join the relay's world room with the Colyseus client
 * by room id + invite, prompts are refused honestly (no generator on the relay), a revoked or
 * expired invite stops joins, and the room saves settled bodies back to the database.
 */
describe('hosted world rooms on the relay', () => {
  let relay: Relay;
  let stopRelay: (() => Promise<void>) | undefined;
  let c: ReturnType<typeof relayClient>;
  let owner: string;
  let ownerId: string;
  let free: string;
  const clock = new ManualClock(Date.now());
  const glb = tinyGlb('crate');
  const open: Room[] = [];

  const register = async (name: string) => {
    const r = await c.post('/api/v1/auth/register', { username: name, email: `${name}@example.test`, password: 'correct horse battery' });
    expect(r.status).toBe(201);
    return { token: r.body.accessToken as string, id: r.body.user.id as string };
  };

  beforeAll(async () => {
    ({ relay, stop: stopRelay } = await startHostedRoomsRelay('relay-hosted-', clock));
    c = relayClient(relay.url);
    const o = await register('roomowner');
    owner = o.token;
    ownerId = o.id;
    free = (await register('freeplayer')).token;
    await relay.ctx.db.update(users).set({ subscriptionTier: 'pro' }).where(eq(users.id, ownerId));
  }, 120_000);

  afterAll(async () => {
    for (const r of open) await leaveQuietly(r);
    await stopRelay?.();
  });

  it('hosts an uploaded world for invited players, refuses prompts clearly, and ends', async () => {
    // Free tier may not host; a snapshot naming an undeclared asset is refused.
    expect((await c.post('/api/v1/hosted-rooms', snapshot(glb), free)).body.error.code).toBe('tier_required');
    const bad = snapshot(glb, { assets: [] });
    expect((await c.post('/api/v1/hosted-rooms', bad, owner)).body.error).toMatchObject({ code: 'validation_failed' });
    const badTerrain = await c.post('/api/v1/hosted-rooms', snapshot(glb, { terrain: [{ cx: 0, cz: 0, heights: 'AAAA', splat: '', revision: 0 }] }), owner);
    expect(badTerrain.body.error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/terrain chunk 0,0/) });

    const created = await c.post('/api/v1/hosted-rooms', snapshot(glb), owner);
    expect(created.status).toBe(201);
    const { room, invite } = created.body;
    expect(room).toMatchObject({ worldName: 'Hosted crates', status: 'uploading', missingAssets: ['asset-crate'], entityCount: 2, colyseusPath: '/api/v1/hosted-rooms/colyseus' });

    // GLB upload: wrong bytes (hash), not a GLB, then the real one.
    const put = (body: Buffer, token = owner) => c.call('PUT', `/api/v1/hosted-rooms/${room.id}/assets/asset-crate`, { raw: body, token, headers: { 'content-type': 'model/gltf-binary' } });
    const other = tinyGlb('other');
    expect((await put(other)).body.error.code).toMatch(/size_mismatch|hash_mismatch/);
    expect((await put(glb, free)).status).toBe(404);
    const up = await put(glb);
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'ready', missingAssets: [] });

    // Players fetch the GLB with the invite; without it they are refused.
    expect((await c.get(`/api/v1/hosted-rooms/${room.id}/glb/asset-crate`)).status).toBe(403);
    const got = await c.call('GET', `/api/v1/hosted-rooms/${room.id}/glb/asset-crate`, { headers: { 'x-hosted-room-invite': invite.token } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('model/gltf-binary');

    // No invite: refused. The owner joins as host; a player joins with the invite.
    await expect(joinHosted(relay.url, room.id, { name: 'Nobody' })).rejects.toThrow(/invite is needed/);
    const host = await joinHosted(relay.url, room.id, { name: 'Owner', token: owner });
    const guest = await joinHosted(relay.url, room.id, { name: 'Guest', invite: invite.token });
    open.push(host.room, guest.room);
    const welcome = await until(() => guest.got.find((m) => m.type === 'welcome')?.payload, 'welcome');
    expect(welcome).toMatchObject({ worldName: 'Hosted crates', you: { isHost: false }, generationOff: NO_GENERATOR });
    expect(welcome.entities.map((e: { id: string }) => e.id).sort()).toEqual(['box-2', 'crate-1']);
    expect((await until(() => host.got.find((m) => m.type === 'welcome')?.payload, 'owner welcome')).you.isHost).toBe(true);
    await until(() => guest.room.state.players?.size === 2 && guest.room.state.bodies?.size === 2, 'both players and both bodies replicated');

    // A prompt: the relay has no generator, and says so.
    guest.room.send('spawn_prompt', { prompt: 'a red chair', requestId: 'r1' });
    const refusal = await until(() => guest.got.find((m: Msg) => m.type === 'error' && m.payload.for === 'spawn_prompt')?.payload, 'prompt refusal');
    expect(refusal).toMatchObject({ code: 'generation_unavailable', message: NO_GENERATOR });

    // Revoking the invite stops new joins (players in the room stay).
    expect((await c.call('DELETE', `/api/v1/hosted-rooms/${room.id}/invite`, { token: owner })).body.invite.revoked).toBe(true);
    await expect(joinHosted(relay.url, room.id, { name: 'Late', invite: invite.token })).rejects.toThrow(/revoked/);
    // A new invite works; once it has expired it is refused.
    const fresh = await c.post(`/api/v1/hosted-rooms/${room.id}/invite`, { inviteTtlSec: 60 }, owner);
    expect(fresh.status).toBe(201);
    const late = await joinHosted(relay.url, room.id, { name: 'Late', invite: fresh.body.token });
    open.push(late.room);
    clock.advance(61_000);
    await expect(joinHosted(relay.url, room.id, { name: 'Later', invite: fresh.body.token })).rejects.toThrow(/expired/);

    // The room writes settled bodies back: the crates fell from y=0.5 onto the ground.
    await until(() => late.room.state.bodies?.get('crate-1')?.sleeping, 'crate settled', 20_000);
    let row: typeof hostedRooms.$inferSelect | undefined;
    for (let i = 0; i < 100; i++) {
      [row] = await relay.ctx.db.select().from(hostedRooms).where(eq(hostedRooms.id, room.id));
      if (row!.entities.find((e) => e.id === 'crate-1')!.transform.position[1] !== 0.5) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(row!.entities.find((e) => e.id === 'crate-1')!.transform.position[1]).not.toBe(0.5);

    // Ending the room disconnects everyone and refuses joins.
    const left = new Promise<number>((res) => guest.room.onLeave((code) => res(code)));
    const ended = await c.call('DELETE', `/api/v1/hosted-rooms/${room.id}`, { token: owner });
    expect(ended.body.status).toBe('ended');
    await left;
    await expect(joinHosted(relay.url, room.id, { name: 'After', invite: fresh.body.token })).rejects.toThrow(/ended|not found|No open/i);
  }, 90_000);
});
