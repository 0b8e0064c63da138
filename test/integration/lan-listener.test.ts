import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LanStatus } from '../../shared/schemas/lan.js';
import type { Party, PartyJoinInfo, PartyServerMessage } from '../../shared/schemas/video-party.js';
import type { Video } from '../../shared/schemas/video.js';
import { errorOf, json } from '../helpers/api-json.js';
import { startHostProcess, tempHome, waitFor, type HostProcess } from '../helpers/host-process.js';
import { makeLibraryVideos } from '../../bench/liveloop-fixture.js';

// The opt-in LAN listener through a real host: off by default; when on it serves only the party
// scope to invite holders (every other path 404, no API/MCP, bad/revoked tokens refused, foreign
// Host refused); the party socket refuses malformed messages and drops floods; turning sharing
// off closes the listener and its sockets.
let host: HostProcess;
let videoId: string;
let party: Party;
let lan: LanStatus;
let token: string;

beforeAll(async () => {
  const home = tempHome('auteur-lan-');
  [videoId] = (await makeLibraryVideos(home, [{ title: 'Party Clip', color: 'teal', height: 240, seconds: 4 }])) as [string];
  host = await startHostProcess(home);
}, 90_000);
afterAll(async () => {
  await host?.stop();
});

const lanUrl = (path: string) => `http://127.0.0.1:${lan.port}${path}`;

/** A socket that records every message; `next(type)` waits for the next one of that type. */
function client(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  const seen: PartyServerMessage[] = [];
  const waiters: { type: string; after: number; resolve: (m: PartyServerMessage) => void }[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as PartyServerMessage;
    seen.push(m);
    for (const w of [...waiters]) if (m.type === w.type) waiters.splice(waiters.indexOf(w), 1) && w.resolve(m);
  });
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  const opened = new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('error', rej);
  });
  return {
    ws,
    seen,
    closed,
    opened,
    send: (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    next: <T extends PartyServerMessage['type']>(type: T) =>
      new Promise<Extract<PartyServerMessage, { type: T }>>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no ${type} message`)), 10_000);
        waiters.push({ type, after: seen.length, resolve: (m) => (clearTimeout(t), resolve(m as Extract<PartyServerMessage, { type: T }>)) });
      }),
  };
}

function rawGet(port: number, path: string, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('LAN listener', () => {
  it('is off by default, and a party says how to let people join', async () => {
    const s = await json<LanStatus>(await host.api('/lan'));
    expect(s).toMatchObject({ enabled: false, running: false });
    party = await json<Party>(await host.api('/video/parties', { method: 'POST', json: { target: { kind: 'video', videoId } } }), 201);
    expect(party.title).toBe('Party Clip');
    const info = await json<PartyJoinInfo>(await host.api(`/video/parties/${party.id}/join`));
    expect(info).toMatchObject({ lanRunning: false, url: null, qrSvg: null });
    expect(info.message).toMatch(/Share on my network/);
  });

  it('refuses a party on a video without HLS or a bad body', async () => {
    expect((await errorOf(await host.api('/video/parties', { method: 'POST', json: { target: { kind: 'video', videoId: 'nope' } } }), 404)).code).toBe('not_found');
    expect((await errorOf(await host.api('/video/parties', { method: 'POST', json: { target: { kind: 'film' } } }), 400)).code).toBe('validation_failed');
    expect((await errorOf(await host.api('/lan', { method: 'PUT', json: { enabled: true, port: 80 } }), 400)).code).toBe('validation_failed');
  });

  it('when on, serves the invite link and QR', async () => {
    lan = await json<LanStatus>(await host.api('/lan', { method: 'PUT', json: { enabled: true, port: 0 } }));
    expect(lan.running).toBe(true);
    expect(lan.port).toBeGreaterThan(0);
    const info = await json<PartyJoinInfo>(await host.api(`/video/parties/${party.id}/join`));
    expect(info.lanRunning).toBe(true);
    expect(info.qrSvg).toMatch(/^<svg/);
    const m = /\/party\/([^?]+)\?invite=([A-Za-z0-9_-]+)$/.exec(info.url!);
    expect(m?.[1]).toBe(party.id);
    token = m![2]!;
    expect(token.length).toBeGreaterThanOrEqual(22); // ≥128 bits of base64url
  });

  it('refuses every non-party route and any request without a valid invite', async () => {
    for (const path of ['/', '/api/v1/health', '/api/v1/system', '/mcp', '/shaders', '/index.html', `/nope/${party.id}/t/${token}/`, '/party']) {
      const r = await fetch(lanUrl(path), { redirect: 'manual' });
      expect(r.status, path).toBe(404);
      const body = await r.text();
      expect(body).not.toMatch(/Party Clip|auteur|version/i);
    }
    expect((await fetch(lanUrl(`/party/${party.id}`))).status).toBe(401);
    expect((await fetch(lanUrl(`/party/${party.id}?invite=${'x'.repeat(32)}`))).status).toBe(401);
    expect((await fetch(lanUrl(`/party/${party.id}/t/${'y'.repeat(32)}/guest.js`))).status).toBe(401);
    // The token is bound to its party.
    expect((await fetch(lanUrl(`/party/other-party/t/${token}/`))).status).toBe(403);
    // DNS rebinding: a foreign Host is refused even with the token.
    expect(await rawGet(lan.port, `/party/${party.id}/t/${token}/`, `evil.example:${lan.port}`)).toBe(403);
    // The studio API is not reachable with the invite either.
    expect((await fetch(lanUrl(`/api/v1/videos?invite=${token}`))).status).toBe(404);
  });

  it('serves the guest page with a strict CSP and only the video’s HLS files', async () => {
    const first = await fetch(lanUrl(`/party/${party.id}?invite=${token}`), { redirect: 'manual' });
    expect(first.status).toBe(302);
    const base = first.headers.get('location')!;
    expect(base).toBe(`/party/${party.id}/t/${token}/`);
    const page = await fetch(lanUrl(base));
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const video = await json<Video>(await host.api(`/videos/${videoId}`));
    const master = await fetch(lanUrl(`${base}media/${video.hlsMasterMediaId}/file`));
    expect(master.status).toBe(200);
    const text = await master.text();
    expect(text).toContain('#EXTM3U');
    const variant = /^\.\.\/([^/]+)\/file$/m.exec(text)![1]!;
    const playlist = await (await fetch(lanUrl(`${base}media/${variant}/file`))).text();
    const segment = /^\.\.\/([^/]+)\/file$/m.exec(playlist)![1]!;
    const seg = await fetch(lanUrl(`${base}media/${segment}/file`));
    expect(seg.status).toBe(200);
    expect(seg.headers.get('content-type')).toBe('video/mp2t');
    // The final MP4 is a media file of the same video but not part of the HLS package.
    expect((await fetch(lanUrl(`${base}media/${video.final!.mediaId}/file`))).status).toBe(404);
  });

  it('runs the party socket: host-of-party control with server time, handoff, malformed and flood drops', async () => {
    const studio = client(`${host.base.replace('http', 'ws')}/api/v1/video/parties/${party.id}/ws?token=${host.token}`);
    await studio.opened;
    const sw = studio.next('welcome');
    studio.send({ type: 'hello', name: 'Studio' });
    const sWelcome = await sw;
    expect(sWelcome.party.hostMemberId).toBe(sWelcome.memberId);

    const guestUrl = `ws://127.0.0.1:${lan.port}/party/${party.id}/t/${token}/ws`;
    const guest = client(guestUrl);
    await guest.opened;
    const gw = guest.next('welcome');
    guest.send({ type: 'hello', name: 'Guest' });
    const gWelcome = await gw;
    expect(gWelcome.serverTime).toBeGreaterThan(0);

    // Only the host of the party drives playback.
    const denied = guest.next('error');
    guest.send({ type: 'sync', action: 'play', position: 3 });
    expect((await denied).code).toBe('not_party_host');
    const gs = guest.next('sync');
    studio.send({ type: 'sync', action: 'seek', position: 2.5 });
    const sync = await gs;
    expect(sync).toMatchObject({ type: 'sync', action: 'seek', by: sWelcome.memberId });
    expect(sync.position).toBeCloseTo(2.5, 1);
    expect(typeof sync.serverTime).toBe('number');
    const pong = guest.next('pong');
    guest.send({ type: 'ping', t0: 123 });
    expect((await pong).t0).toBe(123);
    const chat = studio.next('chat');
    guest.send({ type: 'chat', text: 'hello there' });
    expect((await chat).message).toMatchObject({ name: 'Guest', text: 'hello there' });

    // Manual handoff, then the new host leaving hands it back automatically.
    const handed = studio.next('presence');
    studio.send({ type: 'handoff', to: gWelcome.memberId });
    expect((await handed).hostMemberId).toBe(gWelcome.memberId);
    const back = studio.next('presence');
    guest.ws.close();
    expect((await back).hostMemberId).toBe(sWelcome.memberId);

    // Malformed messages are refused and counted, then the socket is dropped.
    const bad = client(guestUrl);
    await bad.opened;
    for (let i = 0; i < 12; i++) bad.send(i % 2 ? '{not json' : { type: 'sync', action: 'explode', position: -1 });
    expect(await bad.closed).toBe(1008);
    expect(bad.seen.some((m) => m.type === 'error' && m.code === 'invalid_message')).toBe(true);

    // A flood is rate-limited, then dropped.
    const flood = client(guestUrl);
    await flood.opened;
    flood.send({ type: 'hello', name: 'Flood' });
    for (let i = 0; i < 200; i++) flood.send({ type: 'ping', t0: i });
    expect(await flood.closed).toBe(1008);
    expect(flood.seen.some((m) => m.type === 'error' && m.code === 'rate_limited')).toBe(true);

    const stats = (await json<Party>(await host.api(`/video/parties/${party.id}`))).stats;
    expect(stats.refusedMessages).toBeGreaterThanOrEqual(11);
    expect(stats.droppedSockets).toBeGreaterThanOrEqual(2);

    // A revoked invite stops the link and disconnects guests who came through it.
    const late = client(guestUrl);
    await late.opened;
    const lw = late.next('welcome');
    late.send({ type: 'hello', name: 'Late' });
    await lw;
    await json<Party>(await host.api(`/video/parties/${party.id}/invite`, { method: 'DELETE' }));
    expect(await late.closed).toBe(4003);
    const refused = await fetch(lanUrl(`/party/${party.id}/t/${token}/`));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('invite_revoked');
    studio.ws.close();
  });

  it('turning sharing off closes the listener and its sockets', async () => {
    const fresh = await json<Party>(await host.api(`/video/parties/${party.id}/invite`, { method: 'POST', json: {} }));
    const info = await json<PartyJoinInfo>(await host.api(`/video/parties/${fresh.id}/join`));
    const t2 = /invite=([A-Za-z0-9_-]+)$/.exec(info.url!)![1]!;
    const guest = client(`ws://127.0.0.1:${lan.port}/party/${party.id}/t/${t2}/ws`);
    await guest.opened;
    const off = await json<LanStatus>(await host.api('/lan', { method: 'PUT', json: { enabled: false } }));
    expect(off).toMatchObject({ enabled: false, running: false });
    await guest.closed;
    await expect(fetch(lanUrl(`/party/${party.id}/t/${t2}/`))).rejects.toThrow();
    await waitFor(async () => (await json<Party>(await host.api(`/video/parties/${party.id}`))).members.length === 0, 'guest to leave');
    const closed = await json<Party>(await host.api(`/video/parties/${party.id}/close`, { method: 'POST', json: {} }));
    expect(closed.closedAt).not.toBeNull();
  });
});
