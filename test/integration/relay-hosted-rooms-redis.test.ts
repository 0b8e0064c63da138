import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Room } from 'colyseus.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayClient } from '../helpers/relay-client.js';
import { joinHosted, leaveQuietly, snapshot, tinyGlb, until } from '../helpers/relay-hosted-rooms.js';
import { freePort, postgresMissing, redisMissing, startPostgres, startRedis, type Postgres, type RedisServer } from '../helpers/relay-services.js';

/**
 * Issue 14 proof for hosted rooms: two relay processes on one PostgreSQL and one Redis share a
 * world room. The room lives in one process; a player who asks the other process to join gets a
 * seat in it (Colyseus' Redis presence + driver) with the first process's publicAddress, and
 * both players see each other move. A revoke made through one process stops joins through the
 * other. Started with the documented command (bin/auteur-relay.js).
 */
const root = new URL('../../', import.meta.url).pathname;
const missing = postgresMissing() ?? redisMissing();
const PATH = '/api/v1/hosted-rooms/colyseus';

async function startRelay(env: Record<string, string>): Promise<{ url: string; port: number; child: ChildProcess; out: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'bin/auteur-relay.js')], { env: { ...process.env, ...env, RELAY_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`relay did not start in 120 s:\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Auteur relay listening at')) {
        clearTimeout(t);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`relay exited (${code}):\n${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, port, child, out: () => out };
}

if (missing) {
  process.stdout.write(`relay-hosted-rooms-redis: skipped — ${missing}\n`);
  describe.skip(`hosted rooms across two relay processes (${missing})`, () => it('needs PostgreSQL and Redis', () => {}));
} else {
  describe('hosted rooms across two relay processes on PostgreSQL + Redis', () => {
    let pgsql: Postgres;
    let redis: RedisServer;
    const relays: Array<Awaited<ReturnType<typeof startRelay>>> = [];
    const dirs: string[] = [];
    const open: Room[] = [];

    beforeAll(async () => {
      expect(spawnSync(process.execPath, [join(root, 'bin/auteur-relay.js'), '--build'], { stdio: 'inherit' }).status).toBe(0);
      [pgsql, redis] = await Promise.all([startPostgres(), startRedis()]);
      const env = (): Record<string, string> => {
        const dir = mkdtempSync(join(tmpdir(), 'relay-rooms-proc-'));
        dirs.push(dir);
        return { DATABASE_URL: pgsql.url, REDIS_URL: redis.url, RELAY_DATA_DIR: dir, TURNSTILE_SECRET: '', STRIPE_SECRET_KEY: '', RELAY_BCRYPT_COST: '4', RELAY_ROOM_RECONNECT_SEC: '0' };
      };
      relays.push(...(await Promise.all([startRelay(env()), startRelay(env())])));
    }, 240_000);

    afterAll(async () => {
      for (const r of open) await leaveQuietly(r);
      for (const r of relays) {
        if (r.child.exitCode === null) {
          r.child.kill('SIGTERM');
          await new Promise((res) => r.child.once('exit', res));
        }
      }
      await redis?.stop();
      await pgsql?.stop();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    it('lets a player who joins through one process play in the room living in the other', async () => {
      const [ra, rb] = relays as [(typeof relays)[0], (typeof relays)[0]];
      const a = relayClient(ra.url);
      const b = relayClient(rb.url);
      const reg = await a.post('/api/v1/auth/register', { username: 'roomhost', email: 'roomhost@example.test', password: 'correct horse battery' });
      expect(reg.status).toBe(201);
      const owner = reg.body.accessToken as string;
      const db = new pg.Client({ connectionString: pgsql.url });
      await db.connect();
      await db.query(`UPDATE users SET subscription_tier = 'pro' WHERE username = 'roomhost'`);
      await db.end();

      // Created through A, its GLB uploaded through B: one database.
      const glb = tinyGlb('crate');
      const created = await a.post('/api/v1/hosted-rooms', snapshot(glb), owner);
      expect(created.status).toBe(201);
      const { room, invite } = created.body;
      expect((await b.call('PUT', `/api/v1/hosted-rooms/${room.id}/assets/asset-crate`, { raw: glb, token: owner })).body.status).toBe('ready');

      // The owner joins through A: the room opens in A (B has not started its rooms yet).
      const host = await joinHosted(ra.url, room.id, { name: 'Owner', token: owner });
      open.push(host.room);
      await until(() => host.room.state.players?.size === 1, 'owner in the room');

      // A seat asked of B is in A's room, and names A's address for the socket.
      const seat = await b.call('POST', `${PATH}/matchmake/joinById/${room.id}`, { body: { name: 'Probe', invite: invite.token } });
      expect(seat.body.error).toBeUndefined();
      expect(seat.body.room).toMatchObject({ roomId: room.id, publicAddress: `127.0.0.1:${ra.port}${PATH}` });

      // A player joining through B plays with the owner in A's room.
      const guest = await joinHosted(rb.url, room.id, { name: 'Guest', invite: invite.token });
      open.push(guest.room);
      await until(() => host.room.state.players?.size === 2 && guest.room.state.players?.size === 2, 'both players seen by both');
      const me = guest.room.state.players.get(guest.room.sessionId)!;
      const to = [me.x + 0.5, me.y, me.z];
      guest.room.send('move', { seq: 1, position: to, yaw: 0.3, pitch: 0 });
      await until(() => host.room.state.players.get(guest.room.sessionId)?.seq === 1, 'the guest move seen by the owner');
      expect(host.room.state.players.get(guest.room.sessionId)!.x).toBeCloseTo(to[0]!, 3);

      // A revoke through A refuses a join through B at once.
      expect((await a.call('DELETE', `/api/v1/hosted-rooms/${room.id}/invite`, { token: owner })).status).toBe(200);
      await expect(joinHosted(rb.url, room.id, { name: 'Late', invite: invite.token })).rejects.toThrow(/revoked/);

      // Ending it through B closes the room living in A.
      const left = new Promise<number>((res) => host.room.onLeave((code) => res(code)));
      expect((await b.call('DELETE', `/api/v1/hosted-rooms/${room.id}`, { token: owner })).body.status).toBe('ended');
      await left;
      for (const r of relays) expect(r.out()).not.toMatch(/error:/);
    }, 90_000);
  });
}
