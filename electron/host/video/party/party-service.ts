import { randomUUID } from 'node:crypto';
import {
  PARTY_LIMITS,
  type Party,
  type PartyChat,
  type PartyClientMessage,
  type PartyMember,
  type PartyPlayback,
  type PartyServerMessage,
  type PartyTarget,
} from '../../../../shared/schemas/video-party.js';
import { expectedPosition } from '../../../../shared/video/party/party-sync.js';
import { AppError, notFound } from '../../errors.js';
import type { LanService } from '../../lan/lan-service.js';

export interface PartyConn {
  send(m: PartyServerMessage): void;
  close(code: number, reason: string): void;
}

interface Live {
  id: string;
  title: string;
  target: PartyTarget;
  createdAt: string;
  closedAt: string | null;
  hostMemberId: string | null;
  members: Map<string, { member: PartyMember; conn: PartyConn }>;
  playback: PartyPlayback;
  invite: { id: string; token: string; expiresAt: string } | null;
  chat: PartyChat[];
  stats: { refusedMessages: number; droppedSockets: number };
}

export const PARTY_SCOPE = 'party';
/** How often the server repeats where playback is, so a missed message heals itself. */
const HEARTBEAT_MS = 3000;

/**
 * Live watch parties (in memory: a party is a session, not a document). The host-of-party's
 * play/pause/seek set the server's playback timeline; every sync carries server time so each
 * viewer derives the same position from its own offset-corrected clock.
 */
export class PartyService {
  private readonly parties = new Map<string, Live>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly lan: LanService,
    private readonly now: () => number = Date.now,
  ) {
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  create(input: { target: PartyTarget; title: string; inviteTtlMinutes: number }): Party {
    const p: Live = {
      id: randomUUID(),
      title: input.title,
      target: input.target,
      createdAt: new Date(this.now()).toISOString(),
      closedAt: null,
      hostMemberId: null,
      members: new Map(),
      playback: { state: 'paused', position: 0, at: this.now() },
      invite: null,
      chat: [],
      stats: { refusedMessages: 0, droppedSockets: 0 },
    };
    this.parties.set(p.id, p);
    this.newInvite(p.id, input.inviteTtlMinutes);
    return this.view(p);
  }

  list(): Party[] {
    return [...this.parties.values()].filter((p) => !p.closedAt).map((p) => this.view(p));
  }

  find(id: string): Party | null {
    const p = this.parties.get(id);
    return p ? this.view(p) : null;
  }

  get(id: string): Party {
    return this.view(this.live(id));
  }

  /** The raw token of the current invite (kept in memory only, to show the link again). */
  inviteToken(id: string): { token: string; expiresAt: string } | null {
    const inv = this.live(id).invite;
    return inv ? { token: inv.token, expiresAt: inv.expiresAt } : null;
  }

  /** A fresh link; the previous one stops working. */
  newInvite(id: string, ttlMinutes: number): Party {
    const p = this.open(id);
    if (p.invite) this.lan.invites.revoke(p.invite.id);
    const { invite, token } = this.lan.invites.create({ scope: PARTY_SCOPE, resourceId: p.id, ttlSec: ttlMinutes * 60, label: p.title });
    p.invite = { id: invite.id, token, expiresAt: invite.expiresAt };
    return this.view(p);
  }

  /** Kills the link and drops the guests who came through it; studio members stay. */
  revokeInvite(id: string): Party {
    const p = this.open(id);
    this.lan.invites.revokeResource(PARTY_SCOPE, p.id);
    p.invite = null;
    for (const { member, conn } of [...p.members.values()]) {
      if (member.via === 'lan') {
        conn.send({ type: 'closed', reason: 'The host revoked the invite' });
        conn.close(4003, 'invite revoked');
      }
    }
    return this.view(p);
  }

  close(id: string): Party {
    const p = this.live(id);
    if (p.closedAt) return this.view(p);
    p.closedAt = new Date(this.now()).toISOString();
    this.lan.invites.revokeResource(PARTY_SCOPE, p.id);
    p.invite = null;
    for (const { conn } of p.members.values()) {
      conn.send({ type: 'closed', reason: 'The host ended the party' });
      conn.close(4000, 'party closed');
    }
    p.members.clear();
    p.hostMemberId = null;
    return this.view(p);
  }

  /** A socket said hello: it becomes a member (the first one, or the studio user of an empty party, hosts). */
  join(id: string, via: PartyMember['via'], name: string, conn: PartyConn): PartyMember {
    const p = this.open(id);
    if (p.members.size >= PARTY_LIMITS.maxMembers) throw new AppError(409, 'party_full', `A party holds at most ${PARTY_LIMITS.maxMembers} people`);
    const member: PartyMember = { id: randomUUID(), name, via, isPartyHost: false, joinedAt: new Date(this.now()).toISOString() };
    p.members.set(member.id, { member, conn });
    if (!p.hostMemberId) this.setHost(p, member.id);
    conn.send({ type: 'welcome', memberId: member.id, party: this.view(p), chat: p.chat, serverTime: this.now() });
    conn.send(this.syncMessage(p, p.playback.state === 'playing' ? 'play' : 'pause', null));
    this.presence(p);
    return member;
  }

  /** A member's socket closed. A leaving host hands off to whoever has been there longest. */
  leave(id: string, memberId: string): void {
    const p = this.parties.get(id);
    if (!p || !p.members.delete(memberId)) return;
    if (p.hostMemberId === memberId) {
      const next = [...p.members.values()].sort((a, b) => a.member.joinedAt.localeCompare(b.member.joinedAt))[0];
      p.hostMemberId = null;
      if (next) this.setHost(p, next.member.id);
    }
    this.presence(p);
  }

  countRefused(id: string, dropped: boolean): void {
    const p = this.parties.get(id);
    if (!p) return;
    p.stats.refusedMessages++;
    if (dropped) p.stats.droppedSockets++;
  }

  /** A validated message from a member. Returns an error to send back, or null. */
  handle(id: string, memberId: string, m: PartyClientMessage): PartyServerMessage | null {
    const p = this.parties.get(id);
    const me = p?.members.get(memberId);
    if (!p || !me || p.closedAt) return { type: 'error', code: 'not_in_party', message: 'You are not in this party' };
    switch (m.type) {
      case 'hello':
        return { type: 'error', code: 'already_joined', message: 'Already joined' };
      case 'ping':
        me.conn.send({ type: 'pong', t0: m.t0, serverTime: this.now() });
        return null;
      case 'sync': {
        if (p.hostMemberId !== memberId) return { type: 'error', code: 'not_party_host', message: 'Only the host of the party controls playback' };
        const t = this.now();
        const state = m.action === 'play' ? 'playing' : m.action === 'pause' ? 'paused' : p.playback.state;
        p.playback = { state, position: m.position, at: t };
        this.broadcast(p, this.syncMessage(p, m.action, memberId));
        return null;
      }
      case 'chat': {
        const msg: PartyChat = { id: randomUUID(), from: memberId, name: me.member.name, text: m.text, at: this.now() };
        p.chat.push(msg);
        if (p.chat.length > PARTY_LIMITS.chatHistory) p.chat.shift();
        this.broadcast(p, { type: 'chat', message: msg });
        return null;
      }
      case 'handoff': {
        // The host passes control on; the studio user (the machine's owner) may also take it back.
        if (p.hostMemberId !== memberId && me.member.via !== 'studio') return { type: 'error', code: 'not_party_host', message: 'Only the host of the party can hand it off' };
        if (!p.members.has(m.to)) return { type: 'error', code: 'no_such_member', message: 'That person is not in the party' };
        this.setHost(p, m.to);
        this.presence(p);
        return null;
      }
    }
  }

  dispose(): void {
    clearInterval(this.heartbeat);
    for (const p of this.parties.values()) for (const { conn } of p.members.values()) conn.close(1001, 'host shutting down');
  }

  private setHost(p: Live, memberId: string): void {
    for (const { member } of p.members.values()) member.isPartyHost = member.id === memberId;
    p.hostMemberId = memberId;
  }

  private syncMessage(p: Live, action: 'play' | 'pause' | 'seek', by: string | null): PartyServerMessage {
    // Position as of now, so the message stands alone (serverTime + position is the whole timeline).
    const t = this.now();
    return { type: 'sync', action, position: expectedPosition(p.playback, t), serverTime: t, by };
  }

  private beat(): void {
    for (const p of this.parties.values()) {
      if (!p.closedAt && p.members.size) this.broadcast(p, this.syncMessage(p, p.playback.state === 'playing' ? 'play' : 'pause', null));
    }
  }

  private presence(p: Live): void {
    this.broadcast(p, { type: 'presence', members: [...p.members.values()].map((m) => m.member), hostMemberId: p.hostMemberId });
  }

  private broadcast(p: Live, m: PartyServerMessage): void {
    for (const { conn } of p.members.values()) conn.send(m);
  }

  private live(id: string): Live {
    const p = this.parties.get(id);
    if (!p) throw notFound(`Party ${id}`);
    return p;
  }

  private open(id: string): Live {
    const p = this.live(id);
    if (p.closedAt) throw new AppError(409, 'party_closed', 'This party has ended');
    return p;
  }

  private view(p: Live): Party {
    return {
      id: p.id,
      title: p.title,
      target: p.target,
      createdAt: p.createdAt,
      closedAt: p.closedAt,
      hostMemberId: p.hostMemberId,
      members: [...p.members.values()].map((m) => ({ ...m.member })),
      playback: { ...p.playback },
      invite: p.invite ? { id: p.invite.id, expiresAt: p.invite.expiresAt } : null,
      stats: { ...p.stats },
    };
  }
}
