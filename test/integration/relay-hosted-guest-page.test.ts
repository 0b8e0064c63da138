import { Client, type Room } from 'colyseus.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../relay/clock.js';
import type { Relay } from '../../relay/create-relay.js';
import { users } from '../../relay/db/schema.js';
import { worldRoomGuestPath } from '../../shared/world/room-guest-path.js';
import { relayClient } from '../helpers/relay-client.js';
import { leaveQuietly, snapshot, startHostedRoomsRelay, tinyGlb, until, type Msg } from '../helpers/relay-hosted-rooms.js';

/**
 * The browser way into a relay-hosted room: /world-room/<roomId>/t/<invite>/ on the relay serves
 * the studio's guest page (the built renderer bundle, a strict CSP) and, under the same prefix,
 * session.json, the room's GLBs and Colyseus matchmaking — each request checks the invite, so a
 * wrong, revoked or expired one (or an ended room) gets 404 and nothing else of the relay shows.
 * Needs the renderer build (dist/renderer), like the LAN guest page test.
 */
describe('hosted room guest page on the relay', () => {
  let relay: Relay;
  let stopRelay: (() => Promise<void>) | undefined;
  let c: ReturnType<typeof relayClient>;
  let owner: string;
  const clock = new ManualClock(Date.now());
  const glb = tinyGlb('crate');
  const open: Room[] = [];

  beforeAll(async () => {
    ({ relay, stop: stopRelay } = await startHostedRoomsRelay('relay-guest-', clock));
    c = relayClient(relay.url);
    const r = await c.post('/api/v1/auth/register', { username: 'guesthost', email: 'guesthost@example.test', password: 'correct horse battery' });
    owner = r.body.accessToken;
    await relay.ctx.db.update(users).set({ subscriptionTier: 'pro' }).where(eq(users.id, r.body.user.id));
  }, 120_000);

  afterAll(async () => {
    for (const r of open) await leaveQuietly(r);
    await stopRelay?.();
  });

  it('serves the page, its bundle, session.json, GLBs and joins under the invite path only', async () => {
    const created = await c.post('/api/v1/hosted-rooms', snapshot(glb), owner);
    expect(created.status).toBe(201);
    const { room, invite } = created.body;
    const up = await c.call('PUT', `/api/v1/hosted-rooms/${room.id}/assets/asset-crate`, { raw: glb, token: owner, headers: { 'content-type': 'model/gltf-binary' } });
    expect(up.status).toBe(200);
    const base = worldRoomGuestPath(room.id, invite.token);
    const get = (path: string, init?: RequestInit) => fetch(`${relay.url}${path}`, { redirect: 'manual', ...init });

    // The page: the studio bundle with its asset URLs under the invite path and a strict CSP.
    const page = await get(base);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+;/);
    const html = await page.text();
    expect(html).not.toContain('"/assets/');
    const script = /src="([^"]+\.js)"/.exec(html)?.[1];
    expect(script?.startsWith(`${base}assets/`)).toBe(true);
    const js = await get(script!);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await get(`${base}assets/..%2Fpackage.json`)).status).toBe(404);

    // The link form from a QR code redirects to the path form; without the slash too.
    const q = await get(`/world-room/${room.id}?invite=${invite.token}`);
    expect(q.status).toBe(302);
    expect(q.headers.get('location')).toBe(base);
    expect((await get(base.slice(0, -1))).headers.get('location')).toBe(base);

    // What the page loads, under the same prefix.
    const session = await get(`${base}session.json`);
    expect(await session.json()).toEqual({ id: room.id, worldId: room.id, worldName: 'Hosted crates', maxPlayers: room.maxPlayers });
    const model = await get(`${base}glb/asset-crate`);
    expect(model.status).toBe(200);
    expect(model.headers.get('content-type')).toBe('model/gltf-binary');
    expect(Buffer.from(await model.arrayBuffer()).equals(glb)).toBe(true);
    expect((await get(`${base}glb/not-there`)).status).toBe(404);
    // Nothing else of the relay under the prefix.
    expect((await get(`${base}api/v1/health`)).status).toBe(404);
    expect((await get(`${base}session.json`, { method: 'POST' })).status).toBe(404);

    // A wrong invite or room id: 404 for the page and every endpoint, saying nothing about the room.
    const wrong = worldRoomGuestPath(room.id, 'x'.repeat(32));
    const refused = await get(wrong);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toMatch(/invite link is not valid/);
    expect(refused.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const p of ['session.json', 'glb/asset-crate', `assets/${script!.split('/').pop()}`]) expect((await get(`${wrong}${p}`)).status).toBe(404);
    expect((await get(`/world-room/${room.id}?invite=${'y'.repeat(32)}`)).status).toBe(404);
    expect((await get(worldRoomGuestPath('00000000-0000-4000-8000-000000000000', invite.token))).status).toBe(404);

    // colyseus.js under the prefix (as the page joins): a seat in this room; another room id is refused.
    const client = new Client(`${relay.url}${base}colyseus`);
    const joined = await client.joinById(room.id, { name: 'Browser guest', invite: invite.token });
    open.push(joined);
    const got: Msg[] = [];
    joined.onMessage('*', (type, payload) => got.push({ type: String(type), payload }));
    const welcome = await until(() => got.find((m) => m.type === 'welcome')?.payload, 'welcome');
    expect(welcome).toMatchObject({ worldName: 'Hosted crates', you: { isHost: false } });
    await expect(client.joinById('00000000-0000-4000-8000-000000000000', { name: 'x', invite: invite.token })).rejects.toThrow(/another room/);

    // A revoked invite stops the page at once; a new one works.
    await c.call('DELETE', `/api/v1/hosted-rooms/${room.id}/invite`, { token: owner });
    expect((await get(base)).status).toBe(404);
    expect((await get(`${base}session.json`)).status).toBe(404);
    const fresh = await c.post(`/api/v1/hosted-rooms/${room.id}/invite`, {}, owner);
    expect((await get(worldRoomGuestPath(room.id, fresh.body.token))).status).toBe(200);
    // Expired: the clock passes the invite's end.
    clock.advance(new Date(fresh.body.expiresAt).getTime() - clock.now().getTime() + 1000);
    expect((await get(`${worldRoomGuestPath(room.id, fresh.body.token)}session.json`)).status).toBe(404);
    // Ended: a current invite no longer opens anything (sign in again: the clock jump expired the access token).
    owner = (await c.post('/api/v1/auth/login', { email: 'guesthost@example.test', password: 'correct horse battery' })).body.accessToken;
    const last = await c.post(`/api/v1/hosted-rooms/${room.id}/invite`, {}, owner);
    expect(last.status, JSON.stringify(last.body)).toBe(201);
    expect((await get(`${worldRoomGuestPath(room.id, last.body.token)}session.json`)).status).toBe(200);
    expect((await c.call('DELETE', `/api/v1/hosted-rooms/${room.id}`, { token: owner })).status).toBe(200);
    expect((await get(worldRoomGuestPath(room.id, last.body.token))).status).toBe(404);
  }, 90_000);

  it('limits guest-page requests per IP on their own budget, apart from the API', async () => {
    const { relay: small, stop } = await startHostedRoomsRelay('relay-guest-rl-', clock, { RELAY_RATE_GUEST_PER_MIN: '5' });
    try {
      const link = `${small.url}${worldRoomGuestPath('00000000-0000-4000-8000-000000000000', 'a'.repeat(32))}session.json`;
      for (let i = 0; i < 5; i++) expect((await fetch(link)).status).toBe(404);
      const over = await fetch(link);
      expect(over.status).toBe(429);
      expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await over.json()) as { error: { message: string } }).error.message).toMatch(/5 requests per minute/);
      // The API keeps its own budget.
      expect((await fetch(`${small.url}/api/v1/health`)).status).toBe(200);
      expect((await fetch(`${small.url}/api/v1/feed/new`)).status).toBe(200);
    } finally {
      await stop();
    }
  }, 120_000);
});
