import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayClient } from '../helpers/relay-client.js';
import { freePort, postgresMissing, redisMissing, startPostgres, startRedis, type Postgres, type RedisServer } from '../helpers/relay-services.js';

/**
 * Two relay processes on one PostgreSQL and one Redis (the multi-process deployment): they share
 * rate limits, login throttling, accounts and signing keys. Started with the documented command.
 */
const root = new URL('../../', import.meta.url).pathname;
const missing = postgresMissing() ?? redisMissing();

async function startRelay(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
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
  return { url: `http://127.0.0.1:${port}`, child };
}

if (missing) {
  process.stdout.write(`relay-redis: skipped — ${missing}\n`);
  describe.skip(`two relay processes on Redis (${missing})`, () => it('needs PostgreSQL and Redis', () => {}));
} else {
  describe('two relay processes on PostgreSQL + Redis', () => {
    let pgsql: Postgres;
    let redis: RedisServer;
    const relays: ChildProcess[] = [];
    const dirs: string[] = [];
    let a: ReturnType<typeof relayClient>;
    let b: ReturnType<typeof relayClient>;

    beforeAll(async () => {
      expect(spawnSync(process.execPath, [join(root, 'bin/auteur-relay.js'), '--build'], { stdio: 'inherit' }).status).toBe(0);
      [pgsql, redis] = await Promise.all([startPostgres(), startRedis()]);
      const env = (): Record<string, string> => {
        const dir = mkdtempSync(join(tmpdir(), 'relay-proc-'));
        dirs.push(dir);
        return { DATABASE_URL: pgsql.url, REDIS_URL: redis.url, RELAY_DATA_DIR: dir, TURNSTILE_SECRET: '', STRIPE_SECRET_KEY: '', RELAY_TRUST_PROXY: '1' };
      };
      // Both start at once: migrations run under an advisory lock, the JWT key is created once.
      const [ra, rb] = await Promise.all([startRelay(env()), startRelay(env())]);
      relays.push(ra.child, rb.child);
      a = relayClient(ra.url);
      b = relayClient(rb.url);
    }, 240_000);

    afterAll(async () => {
      for (const r of relays) {
        if (r.exitCode === null) {
          r.kill('SIGTERM');
          await new Promise((res) => r.once('exit', res));
        }
      }
      await redis?.stop();
      await pgsql?.stop();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    it('says Redis is the rate-limit store and Turnstile and Stripe are off', async () => {
      expect((await a.get('/api/v1/health')).body).toMatchObject({ database: 'postgres', rateLimitStore: 'redis', turnstile: 'off', stripe: 'off' });
    });

    it('shares accounts, tokens and login throttling between the processes', async () => {
      const reg = await a.post('/api/v1/auth/register', { username: 'shared', email: 'shared@example.test', password: 'correct horse battery' });
      expect(reg.status).toBe(201);
      expect((await b.get('/api/v1/me', reg.body.accessToken)).body.username).toBe('shared');
      // Passwords are bcrypt with the seed's cost 12 (the default; only test suites lower it).
      const client = new pg.Client({ connectionString: pgsql.url });
      await client.connect();
      const { rows } = await client.query('SELECT password_hash FROM users WHERE username = $1', ['shared']);
      await client.end();
      expect(rows[0].password_hash).toMatch(/^\$2[aby]\$12\$/);
      expect((await b.post('/api/v1/desires', { promptText: 'anything' }, reg.body.accessToken)).body.error.code).toBe('tier_required');
      const wrong = { email: 'shared@example.test', password: 'wrong password' };
      for (const c of [a, b, a, b, a]) expect((await c.post('/api/v1/auth/login', wrong)).status).toBe(401);
      expect((await b.post('/api/v1/auth/login', { ...wrong, password: 'correct horse battery' })).status).toBe(429);
      expect((await a.post('/api/v1/desires', { promptText: 'x', tipCents: 500 }, reg.body.accessToken)).status).toBe(403);
    });

    it('shares the anonymous rate limit: 100 a minute across both processes', async () => {
      // A burst from one fresh client address (via the trusted proxy header), 60 requests to each
      // process: either process alone saw fewer than 100, so only a shared counter refuses any.
      const xff = { 'x-forwarded-for': '203.0.113.7' };
      const statuses = await Promise.all(Array.from({ length: 120 }, (_, i) => (i % 2 ? a : b).call('GET', '/api/v1/feed/new?limit=1', { headers: xff }).then((r) => r.status)));
      expect(statuses.filter((s) => s === 200)).toHaveLength(100);
      expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    });
  });
}
