import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../relay/clock.js';
import { configFromEnv } from '../../relay/config.js';
import { createRelay, type Relay } from '../../relay/create-relay.js';
import { startHostProcess, type HostProcess } from '../helpers/host-process.js';

/**
 * Settings → Community through a real host against a relay started here (PGlite): register and
 * sign in through the host, tokens stored only encrypted, refresh on an expired access token,
 * sign out revoking at the relay, and clear messages for a relay that is down or not a relay.
 */
describe('community relay settings (host ↔ relay)', () => {
  let relay: Relay;
  let host: HostProcess;
  let dir: string;
  const clock = new ManualClock(Date.now());
  const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as any });
  const put = (relayUrl: string | null) => host.api('/community/settings', { method: 'PUT', json: { relayUrl } }).then(json);
  const post = (path: string, body?: unknown) => host.api(path, { method: 'POST', ...(body === undefined ? {} : { json: body }) }).then(json);
  const settingsRows = () => {
    const db = new Database(join(host.home, 'studio.db'), { readonly: true });
    try {
      return db.prepare(`SELECT key, value FROM settings WHERE key LIKE '%community%'`).all() as { key: string; value: string }[];
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'community-relay-'));
    relay = await createRelay(configFromEnv({ RELAY_PORT: '0', RELAY_DATA_DIR: dir, RELAY_BCRYPT_COST: '4' }), { clock, log: () => {} });
    host = await startHostProcess();
  }, 240_000);

  afterAll(async () => {
    await host?.stop();
    await relay?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts unconfigured and refuses a bad URL with a clear error', async () => {
    const s = await json(await host.api('/community'));
    expect(s.body).toMatchObject({ relayUrl: null, signedIn: false, user: null });
    const bad = await put('ftp://example.org');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
    const noRelay = await post('/community/sign-in', { email: 'a@example.test', password: 'x' });
    expect([noRelay.status, noRelay.body.error.code]).toEqual([409, 'community_not_configured']);
  });

  it('says so when the relay is down or the URL is not a relay', async () => {
    await put('http://127.0.0.1:9'); // discard port: nothing listens
    const down = await post('/community/sign-in', { email: 'a@example.test', password: 'whatever' });
    expect([down.status, down.body.error.code]).toEqual([502, 'relay_unreachable']);
    expect(down.body.error.message).toMatch(/could not be reached.*Settings → Community/);
    const check = await json(await host.api('/community/check'));
    expect(check.body).toMatchObject({ reachable: false });
    await put(host.base); // the host itself: answers, but not like a relay
    const wrong = await post('/community/sign-in', { email: 'a@example.test', password: 'whatever' });
    expect([wrong.status, wrong.body.error.code]).toEqual([502, 'relay_bad_response']);
    expect(wrong.body.error.message).toMatch(/not like an Auteur community relay/);
  });

  it('registers and signs in through the host; tokens are stored only encrypted', async () => {
    expect((await put(relay.url)).body).toMatchObject({ relayUrl: relay.url, signedIn: false });
    expect((await json(await host.api('/community/check'))).body).toMatchObject({ reachable: true });
    const reg = await post('/community/register', { username: 'grace', email: 'grace@example.test', password: 'correct horse battery' });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    expect(reg.body).toMatchObject({ signedIn: true, user: { username: 'grace', tier: 'free' }, problem: null });
    expect(JSON.stringify(reg.body)).not.toMatch(/accessToken|relay_refresh/);

    const out = await post('/community/sign-out');
    expect(out.body).toMatchObject({ signedIn: false, user: null });
    const wrongPw = await post('/community/sign-in', { email: 'grace@example.test', password: 'wrong password' });
    expect([wrongPw.status, wrongPw.body.error.code]).toEqual([400, 'relay_invalid_credentials']);
    const dup = await post('/community/register', { username: 'grace', email: 'grace@example.test', password: 'correct horse battery' });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'relay_already_registered']);
    const signIn = await post('/community/sign-in', { email: 'grace@example.test', password: 'correct horse battery' });
    expect(signIn.body).toMatchObject({ signedIn: true, user: { username: 'grace' } });

    const rows = settingsRows();
    const secret = rows.find((r) => r.key === 'secret:community.session');
    expect(secret, JSON.stringify(rows)).toBeTruthy();
    const stored = JSON.parse(secret!.value) as { codec: string; cipher: string };
    expect(stored.codec).toBe('aes-256-gcm');
    expect(stored.cipher).toMatch(/^v1:/);
    const everything = rows.map((r) => r.value).join('\n');
    expect(everything).not.toMatch(/relay_refresh|eyJ/); // no cookie, no JWT in clear
  });

  it('refreshes an expired access token once and keeps the sign-in', async () => {
    const before = settingsRows().find((r) => r.key === 'secret:community.session')!.value;
    clock.advance(16 * 60_000); // past the 15-minute access token
    const acct = await post('/community/account');
    expect(acct.status, JSON.stringify(acct.body)).toBe(200);
    expect(acct.body).toMatchObject({ signedIn: true, user: { username: 'grace' } });
    const after = settingsRows().find((r) => r.key === 'secret:community.session')!.value;
    expect(after).not.toBe(before); // rotated refresh cookie + new access token, re-encrypted
  });

  it('signs out (revoked at the relay) and forgets the tokens; changing relay signs out too', async () => {
    const out = await post('/community/sign-out');
    expect(out.body).toMatchObject({ signedIn: false, user: null, relayUrl: relay.url });
    expect(settingsRows().some((r) => r.key === 'secret:community.session')).toBe(false);
    const again = await post('/community/account');
    expect([again.status, again.body.error.code]).toEqual([409, 'community_signed_out']);

    await post('/community/sign-in', { email: 'grace@example.test', password: 'correct horse battery' });
    const moved = await put('http://127.0.0.1:9');
    expect(moved.body).toMatchObject({ relayUrl: 'http://127.0.0.1:9', signedIn: false, user: null });
  });
});
