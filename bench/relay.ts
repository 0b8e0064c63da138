// Community relay benchmarks (`BENCH_ONLY=relay npm run bench`): the trending feed under 200
// concurrent clients on PGlite and on PostgreSQL (when its binaries exist), against /health
// under the same load in the same run (the HTTP + process floor), and Stripe webhook events
// processed per second (signed with the SDK, credited idempotently). The relay runs as a real
// child process started with its documented command.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Stripe from 'stripe';
import { percentile, row, type BenchRow } from './table.js';

const ROOT = new URL('../', import.meta.url).pathname.replace(/\/dist\/$/, '/');
const CLIENTS = 200;
const ROUNDS = 5;
const ITEMS = 200;
const EVENTS = 400;
const WEBHOOK_SECRET = 'whsec_bench';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

function pgBin(): string | null {
  const v = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').filter((x) => /^\d+$/.test(x)).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  return v && existsSync(`/usr/lib/postgresql/${v}/bin/initdb`) ? `/usr/lib/postgresql/${v}/bin` : null;
}

/** A throwaway PostgreSQL in a temp dir (as `postgres` when root), or null without binaries. */
async function startPostgres(): Promise<{ url: string; stop(): void } | null> {
  const bin = pgBin();
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-pg-'));
  chmodSync(dir, 0o777);
  const root = process.getuid?.() === 0;
  const run = (b: string, args: string[]) => {
    const r = root ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, b), ...args], { encoding: 'utf8' }) : spawnSync(join(bin, b), args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${b}: ${r.stderr}`);
  };
  run('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync']);
  const port = await freePort();
  run('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startRelay(env: Record<string, string>): Promise<{ url: string; proc: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-'));
  const port = await freePort();
  const proc = spawn(process.execPath, [join(ROOT, 'bin/auteur-relay.js')], {
    env: { ...process.env, RELAY_PORT: String(port), RELAY_DATA_DIR: dir, RELAY_RATE_ANON_PER_MIN: '1000000', RELAY_RATE_USER_PER_MIN: '1000000', STRIPE_SECRET_KEY: 'sk_test_bench', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: 'http://127.0.0.1:9', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`relay did not start in 180 s\n${out}`)), 180_000);
    const on = (d: Buffer) => {
      out += d.toString();
      if (out.includes('listening at')) clearTimeout(t), resolve();
    };
    proc.stdout!.on('data', on);
    proc.stderr!.on('data', on);
    proc.once('exit', (c) => reject(new Error(`relay exited ${c}\n${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, proc, dir };
}

const json = async (url: string, init: RequestInit = {}) => (await fetch(url, init)).json() as Promise<any>;

/** 200 clients, each issuing ROUNDS requests back to back; every request's latency in ms. */
async function load(url: string): Promise<number[]> {
  const lat: number[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const t = performance.now();
        const r = await fetch(url);
        await r.arrayBuffer();
        if (!r.ok) throw new Error(`${url}: ${r.status}`);
        lat.push(performance.now() - t);
      }
    }),
  );
  return lat;
}

async function benchOne(label: string, env: Record<string, string>, withWebhooks: boolean): Promise<BenchRow[]> {
  const relay = await startRelay(env);
  try {
    const reg = await json(`${relay.url}/api/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', email: 'bench@example.test', password: 'correct horse battery' }) });
    const auth = { authorization: `Bearer ${reg.accessToken}`, 'content-type': 'application/json' };
    // Free tier publishes 5 a month: make the bench account Studio through a signed webhook.
    const sign = (ev: object) => {
      const payload = JSON.stringify(ev);
      return { method: 'POST', headers: { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }), 'content-type': 'application/json' }, body: payload };
    };
    const now = Math.floor(Date.now() / 1000);
    await fetch(`${relay.url}/api/v1/payments/webhook`, sign({ id: 'evt_bench_sub', object: 'event', type: 'customer.subscription.created', created: now, data: { object: { id: 'sub_b', status: 'active', metadata: { user_id: reg.user.id, plan: 'studio' } } } }));
    for (let i = 0; i < ITEMS; i++) {
      const it = await json(`${relay.url}/api/v1/items`, { method: 'POST', headers: auth, body: JSON.stringify({ kind: 'shader', title: `bench ${i}`, payload: 'void mainImage(out vec4 c, in vec2 p){c=vec4(1);}' }) });
      if (i % 3 === 0) await fetch(`${relay.url}/api/v1/items/${it.id}/vote`, { method: 'POST', headers: auth, body: JSON.stringify({ value: 1 }) });
    }
    await load(`${relay.url}/api/v1/health`); // warm-up
    const base = await load(`${relay.url}/api/v1/health`);
    const feed = await load(`${relay.url}/api/v1/feed/trending?limit=20`);
    const rows = [row(`relay feed/trending, ${CLIENTS} clients, ${label} (p95 ${percentile(feed, 95).toFixed(0)} ms)`, feed, base)];
    if (withWebhooks) {
      const events = Array.from({ length: EVENTS }, (_, i) => sign({ id: `evt_bench_${i}`, object: 'event', type: 'payment_intent.succeeded', created: now, data: { object: { id: `pi_${i}`, metadata: { purpose: 'credits', pack: '20', user_id: reg.user.id } } } }));
      const per: number[] = [];
      const t0 = performance.now();
      for (let c = 0; c < EVENTS; c += 20) {
        await Promise.all(
          events.slice(c, c + 20).map(async (e) => {
            const t = performance.now();
            const r = await fetch(`${relay.url}/api/v1/payments/webhook`, e);
            await r.arrayBuffer();
            per.push(performance.now() - t);
          }),
        );
      }
      const rate = EVENTS / ((performance.now() - t0) / 1000);
      const me = await json(`${relay.url}/api/v1/me`, { headers: auth });
      if (me.aiCreditsRemaining !== EVENTS * 20) throw new Error(`webhooks credited ${me.aiCreditsRemaining}, expected ${EVENTS * 20}`);
      rows.push(row(`relay webhook events, 20 in flight, ${label} (${rate.toFixed(0)} events/s)`, per, base));
    }
    return rows;
  } finally {
    relay.proc.kill('SIGTERM');
    await new Promise((r) => relay.proc.once('exit', r));
    rmSync(relay.dir, { recursive: true, force: true });
  }
}

export async function benchRelay(): Promise<BenchRow[]> {
  if (spawnSync(process.execPath, [join(ROOT, 'bin/auteur-relay.js'), '--build'], { stdio: 'inherit' }).status !== 0) throw new Error('relay build failed');
  const rows = await benchOne('PGlite', {}, true);
  const pg = await startPostgres();
  if (!pg) process.stderr.write('bench relay: PostgreSQL binaries not found, skipping the Postgres rows\n');
  else {
    try {
      rows.push(...(await benchOne('PostgreSQL', { DATABASE_URL: pg.url }, true)));
    } finally {
      pg.stop();
    }
  }
  return rows;
}
