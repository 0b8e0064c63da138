import { z } from 'zod';
import { Id } from './common.js';

/**
 * Watch party (issue 10): one host-of-party drives play/pause/seek of a library video or a
 * LiveLoop channel for guests on the LAN. Every WebSocket message both ways is one of the
 * discriminated unions below; anything else is refused and counted.
 */

export const PartyTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('video'), videoId: Id }),
  z.object({ kind: z.literal('channel'), channelId: Id }),
]);
export type PartyTarget = z.infer<typeof PartyTarget>;

export const MemberName = z.string().trim().min(1).max(40);

export const PartyMember = z.object({
  id: Id,
  name: z.string(),
  /** studio = the studio user on the main host; lan = a guest through the LAN listener. */
  via: z.enum(['studio', 'lan']),
  isPartyHost: z.boolean(),
  joinedAt: z.string(),
});
export type PartyMember = z.infer<typeof PartyMember>;

/** Where playback is: `position` seconds at server time `at` (ms since epoch), advancing while playing. */
export const PartyPlayback = z.object({
  state: z.enum(['playing', 'paused']),
  position: z.number().min(0),
  at: z.number(),
});
export type PartyPlayback = z.infer<typeof PartyPlayback>;

export const Party = z.object({
  id: Id,
  title: z.string(),
  target: PartyTarget,
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  hostMemberId: Id.nullable(),
  members: z.array(PartyMember),
  playback: PartyPlayback,
  /** The current invite (the link/QR); null once revoked or the party closed. */
  invite: z.object({ id: Id, expiresAt: z.string() }).nullable(),
  stats: z.object({ refusedMessages: z.number().int(), droppedSockets: z.number().int() }),
});
export type Party = z.infer<typeof Party>;

export const PartyList = z.object({ parties: z.array(Party) });

export const CreatePartyBody = z.object({
  target: PartyTarget,
  title: z.string().trim().min(1).max(120).optional(),
  /** How long the invite link works. */
  inviteTtlMinutes: z.number().int().min(5).max(24 * 60).default(240),
});

/** What the host shows to invite people: link, QR (SVG) and whether the LAN listener is on. */
export const PartyJoinInfo = z.object({
  partyId: Id,
  lanRunning: z.boolean(),
  /** http://<lan-ip>:<port>/party/<id>?invite=… — null while sharing is off or no invite is live. */
  url: z.string().nullable(),
  /** Every LAN address's variant of the link (several network interfaces). */
  urls: z.array(z.string()),
  qrSvg: z.string().nullable(),
  expiresAt: z.string().nullable(),
  message: z.string().optional(),
});
export type PartyJoinInfo = z.infer<typeof PartyJoinInfo>;

export const NewInviteBody = z.object({ inviteTtlMinutes: z.number().int().min(5).max(24 * 60).default(240) });

// ---- WebSocket protocol -------------------------------------------------------------------

export const SyncAction = z.enum(['play', 'pause', 'seek']);
const Position = z.number().min(0).max(7 * 24 * 3600);

/** Client → server. */
export const PartyClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), name: MemberName }),
  /** The seed's sync message; only the host-of-party may send it. */
  z.object({ type: z.literal('sync'), action: SyncAction, position: Position }),
  z.object({ type: z.literal('ping'), t0: z.number() }),
  z.object({ type: z.literal('chat'), text: z.string().trim().min(1).max(500) }),
  z.object({ type: z.literal('handoff'), to: Id }),
]);
export type PartyClientMessage = z.infer<typeof PartyClientMessage>;

export const PartyChat = z.object({ id: Id, from: Id, name: z.string(), text: z.string(), at: z.number() });
export type PartyChat = z.infer<typeof PartyChat>;

/** Server → client. serverTime is ms since epoch on the host's clock. */
export const PartyServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), memberId: Id, party: Party, chat: z.array(PartyChat), serverTime: z.number() }),
  z.object({ type: z.literal('sync'), action: SyncAction, position: Position, serverTime: z.number(), by: Id.nullable() }),
  z.object({ type: z.literal('presence'), members: z.array(PartyMember), hostMemberId: Id.nullable() }),
  z.object({ type: z.literal('chat'), message: PartyChat }),
  z.object({ type: z.literal('pong'), t0: z.number(), serverTime: z.number() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('closed'), reason: z.string() }),
]);
export type PartyServerMessage = z.infer<typeof PartyServerMessage>;

/** Limits shared by both ends. */
export const PARTY_LIMITS = {
  maxMessageBytes: 2048,
  /** Token bucket: sustained messages per second and burst. */
  ratePerSec: 10,
  burst: 30,
  /** Messages over the limit tolerated before the socket is dropped. */
  overLimitBeforeDrop: 20,
  /** Malformed messages tolerated before the socket is dropped. */
  malformedBeforeDrop: 10,
  maxMembers: 32,
  chatHistory: 50,
} as const;
