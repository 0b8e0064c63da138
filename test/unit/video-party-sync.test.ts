import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InviteStore } from '../../electron/host/lan/invite-store.js';
import { hostAllowed, originAllowed } from '../../electron/host/lan/lan-addresses.js';
import { parseClientMessage } from '../../electron/host/video/party/party-messages.js';
import { Misbehaviour, TokenBucket } from '../../electron/host/video/party/rate-limit.js';
import { PARTY_LIMITS, PartyServerMessage } from '../../shared/schemas/video-party.js';
import { ClockOffset, driftCorrection, expectedPosition } from '../../shared/video/party/party-sync.js';

describe('party drift controller', () => {
  it('extrapolates a playing timeline and holds a paused one', () => {
    expect(expectedPosition({ state: 'playing', position: 10, at: 1000 }, 3500)).toBeCloseTo(12.5);
    expect(expectedPosition({ state: 'paused', position: 10, at: 1000 }, 9000)).toBe(10);
  });

  it('nudges the rate for small drift, within ±5 %, and seeks when far off', () => {
    expect(driftCorrection(10, 10.01)).toEqual({ kind: 'rate', rate: 1 });
    const behind = driftCorrection(10, 10.2);
    expect(behind.kind).toBe('rate');
    expect(behind.kind === 'rate' && behind.rate).toBeGreaterThan(1);
    const ahead = driftCorrection(10.5, 10);
    expect(ahead.kind === 'rate' && ahead.rate).toBeCloseTo(0.95);
    expect(driftCorrection(10, 10.9)).toEqual({ kind: 'rate', rate: 1.05 });
    expect(driftCorrection(10, 11.5)).toEqual({ kind: 'seek', to: 11.5 });
    expect(driftCorrection(Number.NaN, 4)).toEqual({ kind: 'seek', to: 4 });
  });

  it('converges: a simulated guest 0.8 s behind is within 0.3 s after 20 s of ±5 % nudging, never seeking', () => {
    let actual = 20;
    let expected = 20.8;
    for (let t = 0; t < 80; t++) {
      const c = driftCorrection(actual, expected);
      const rate = c.kind === 'rate' ? c.rate : 1;
      expect(c.kind).toBe('rate');
      actual += 0.25 * rate;
      expected += 0.25;
    }
    expect(Math.abs(expected - actual)).toBeLessThan(0.3);
  });

  it('estimates the clock offset from the lowest-RTT ping', () => {
    const c = new ClockOffset();
    c.add(1000, 6050, 1100); // rtt 100 → offset 5000
    c.add(2000, 7005, 2010); // rtt 10 → offset 5000
    c.add(3000, 9000, 3400); // rtt 400, queued → ignored
    expect(c.offset).toBe(5000);
    expect(c.rtt).toBe(10);
  });
});

describe('party message validation', () => {
  it('accepts the protocol and refuses anything else', () => {
    expect(parseClientMessage(JSON.stringify({ type: 'sync', action: 'play', position: 1.5 }))).toMatchObject({ ok: true });
    expect(parseClientMessage('{nope')).toMatchObject({ ok: false, code: 'not_json' });
    expect(parseClientMessage(JSON.stringify({ type: 'sync', action: 'rewind', position: 1 }))).toMatchObject({ ok: false, code: 'invalid_message' });
    expect(parseClientMessage(JSON.stringify({ type: 'sync', action: 'play', position: -3 }))).toMatchObject({ ok: false });
    expect(parseClientMessage(JSON.stringify({ type: 'chat', text: '   ' }))).toMatchObject({ ok: false });
    expect(parseClientMessage(JSON.stringify({ type: 'chat', text: 'x'.repeat(PARTY_LIMITS.maxMessageBytes) }))).toMatchObject({ ok: false, code: 'too_large' });
    expect(parseClientMessage(Buffer.from([1, 2, 3]), true)).toMatchObject({ ok: false });
    expect(PartyServerMessage.safeParse({ type: 'sync', action: 'seek', position: 3, serverTime: 1, by: null }).success).toBe(true);
    expect(PartyServerMessage.safeParse({ type: 'sync', action: 'seek', position: 3 }).success).toBe(false);
  });
});

describe('party rate limit', () => {
  it('allows a burst, refills at the rate, and marks a flood for dropping', () => {
    let now = 0;
    const b = new TokenBucket(10, 30, () => now);
    let ok = 0;
    for (let i = 0; i < 100; i++) if (b.take()) ok++;
    expect(ok).toBe(30);
    now += 1000;
    ok = 0;
    for (let i = 0; i < 100; i++) if (b.take()) ok++;
    expect(ok).toBe(10);
    const m = new Misbehaviour(PARTY_LIMITS);
    m.overLimit = PARTY_LIMITS.overLimitBeforeDrop;
    expect(m.drop).toBe(false);
    m.overLimit++;
    expect(m.drop).toBe(true);
  });
});

describe('LAN invites and host checks', () => {
  it('stores hashes only, expires, revokes and binds to scope + resource', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const file = join(mkdtempSync(join(tmpdir(), 'lan-inv-')), 'invites.json');
    const store = new InviteStore(file, () => now);
    const { invite, token } = store.create({ scope: 'party', resourceId: 'p1', ttlSec: 600 });
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(JSON.stringify(new InviteStore(file, () => now).list())).not.toContain(token);
    expect(store.verify(token, { scope: 'party', resourceId: 'p1' }).ok).toBe(true);
    expect(store.verify(token, { scope: 'party', resourceId: 'p2' })).toMatchObject({ ok: false, code: 'invite_wrong_scope' });
    expect(store.verify(token, { scope: 'world-room' })).toMatchObject({ ok: false, code: 'invite_wrong_scope' });
    expect(store.verify(undefined, { scope: 'party' })).toMatchObject({ ok: false, code: 'invite_required' });
    // A restarted host (new store on the same file) still knows the invite.
    expect(new InviteStore(file, () => now).verify(token, { scope: 'party' }).ok).toBe(true);
    now += 601_000;
    expect(store.verify(token, { scope: 'party' })).toMatchObject({ ok: false, code: 'invite_expired' });
    const second = store.create({ scope: 'party', resourceId: 'p1', ttlSec: 600 });
    expect(store.revoke(second.invite.id)).toBe(true);
    expect(store.verify(second.token, { scope: 'party' })).toMatchObject({ ok: false, code: 'invite_revoked' });
    expect(invite.scope).toBe('party');
  });

  it('accepts only IP-literal or localhost Hosts on the LAN port, and same-origin Origins', () => {
    expect(hostAllowed('192.168.1.20:7318', 7318)).toBe(true);
    expect(hostAllowed('localhost:7318', 7318)).toBe(true);
    expect(hostAllowed('evil.example:7318', 7318)).toBe(false);
    expect(hostAllowed('192.168.1.20:80', 7318)).toBe(false);
    expect(hostAllowed('999.1.1.1:7318', 7318)).toBe(false);
    expect(hostAllowed(undefined, 7318)).toBe(false);
    expect(originAllowed(undefined, '10.0.0.2:7318')).toBe(true);
    expect(originAllowed('http://10.0.0.2:7318', '10.0.0.2:7318')).toBe(true);
    expect(originAllowed('http://evil.example', '10.0.0.2:7318')).toBe(false);
  });
});
