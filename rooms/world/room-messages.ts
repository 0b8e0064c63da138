import type { z } from 'zod';
import { CLIENT_MESSAGES, QUOTAS, type ClientMessageType } from '../../shared/world/room-protocol.js';
import { Refusal } from './authority.js';
import { checkMove, forwardOf } from './movement.js';
import { QuotaRefusal } from './room-jobs.js';
import { updateInterest } from './room-interest.js';
import type { RoomClient, WorldRoom } from './world-room.js';

type Vec3 = [number, number, number];
type Handler<K extends ClientMessageType> = (client: RoomClient, msg: z.infer<(typeof CLIENT_MESSAGES)[K]>) => void;

/** Seconds of flooding after which a client is dropped. */
const FLOOD_DROP_MS = 3000;

/**
 * Every client → server message of the room: counted against the client's message rate,
 * parsed with its zod schema (shared/world/room-protocol.ts), then handled. Anything refused
 * answers `error` (or `quota`) naming the message; nothing refused changes the world.
 */
export function registerRoomMessages(room: WorldRoom): void {
  const refuse = (client: RoomClient, type: string, code: string, message: string) => client.send('error', { code, message, for: type });

  /** Message rate: past QUOTAS.messagesPerSecond the rest of the second is refused; 3 s of that drops the client. */
  const admit = (client: RoomClient, type: string): boolean => {
    const m = client.userData?.meter;
    if (!m) return false;
    const now = Date.now();
    if (now - m.msgWindowStart >= 1000) {
      if (m.msgCount <= QUOTAS.messagesPerSecond) m.floodingSince = null;
      m.msgWindowStart = now;
      m.msgCount = 0;
    }
    if (++m.msgCount <= QUOTAS.messagesPerSecond) return true;
    m.floodingSince ??= now;
    if (now - m.floodingSince > FLOOD_DROP_MS) room.kick(client, `flooding: over ${QUOTAS.messagesPerSecond} messages/s for ${FLOOD_DROP_MS / 1000} s`);
    else if (m.msgCount === QUOTAS.messagesPerSecond + 1) {
      client.send('quota', { quota: 'messages', message: `Too many messages (over ${QUOTAS.messagesPerSecond} a second): the rest of this second is ignored (${type})`, retryAfterMs: 1000 - (now - m.msgWindowStart) });
    }
    return false;
  };

  function on<K extends ClientMessageType>(type: K, handler: Handler<K>): void {
    room.onMessage(type, (client: RoomClient, payload: unknown) => {
      if (!admit(client, type)) return;
      const parsed = CLIENT_MESSAGES[type].safeParse(payload);
      if (!parsed.success) {
        return refuse(client, type, 'bad_message', `Invalid ${type}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ')}`);
      }
      try {
        handler(client, parsed.data as z.infer<(typeof CLIENT_MESSAGES)[K]>);
      } catch (err) {
        if (err instanceof QuotaRefusal) client.send('quota', { quota: err.quota, message: err.message, retryAfterMs: err.retryAfterMs });
        else if (err instanceof Refusal) refuse(client, type, err.code, err.message);
        else {
          room.deps.logger.error(`world room ${room.worldId}: ${type} failed: ${(err as Error).stack ?? err}`);
          refuse(client, type, 'internal', `The host could not handle ${type}: ${(err as Error).message}`);
        }
      }
    });
  }

  room.onMessage('*', (client: RoomClient, type: string | number) => {
    if (!admit(client, String(type))) return;
    refuse(client, String(type), 'unknown_message', `Unknown message type "${String(type).slice(0, 40)}": one of ${Object.keys(CLIENT_MESSAGES).join(', ')}`);
  });

  const holder = (client: RoomClient) => {
    const h = room.holders.get(client.sessionId);
    if (!h) throw new Refusal('not_joined', 'You are not in this room');
    return h;
  };

  on('move', (client, m) => {
    const p = room.state.players.get(client.sessionId);
    const h = holder(client);
    if (!p || m.seq <= p.seq) return; // an old or repeated move
    const now = Date.now();
    const to = m.position as Vec3;
    const why = checkMove(h.feet, to, now - client.userData!.lastMoveAt, room.terrain.groundAt(to[0], to[2]));
    p.seq = m.seq;
    if (why) {
      client.send('move_rejected', { seq: m.seq, position: h.feet, reason: why });
      return;
    }
    h.feet = to;
    h.yaw = m.yaw;
    h.pitch = m.pitch;
    client.userData!.lastMoveAt = now;
    Object.assign(p, { x: to[0], y: to[1], z: to[2], yaw: m.yaw, pitch: m.pitch });
    room.physics.moveAvatar(client.sessionId, to);
  });

  on('pick_up', (client, m) => {
    const p = room.state.players.get(client.sessionId)!;
    room.authority.pickUp(holder(client), m.entityId, p.holding);
    p.holding = m.entityId;
    room.bodyState(m.entityId);
    updateInterest(room, client);
  });

  on('hold', (client, m) => {
    room.authority.steer(holder(client), m.entityId, m.position as Vec3, Date.now());
  });

  const letGo = (client: RoomClient, entityId: string) => {
    const p = room.state.players.get(client.sessionId);
    if (p && p.holding === entityId) p.holding = '';
    room.bodyState(entityId);
  };

  on('throw', (client, m) => {
    try {
      room.authority.throwIt(holder(client), m.entityId, m.direction as Vec3, m.speed);
    } finally {
      if (room.authority.holderOf(m.entityId) !== client.sessionId) letGo(client, m.entityId);
    }
  });

  on('release', (client, m) => {
    room.authority.release(client.sessionId, m.entityId);
    letGo(client, m.entityId);
  });

  on('spawn_prompt', (client, m) => {
    const h = holder(client);
    let at = m.position as Vec3 | undefined;
    if (!at) {
      const f = forwardOf(h.yaw, 0);
      const x = h.feet[0] + f[0] * 3;
      const z = h.feet[2] + f[2] * 3;
      at = [x, room.terrain.groundAt(x, z), z];
    }
    room.jobs.submit(client.sessionId, client.userData!.name, m.prompt, at, m.requestId ?? null, Date.now());
  });

  on('terrain_brush', (client, m) => {
    const { seq, checksums } = room.terrain.apply(m);
    for (const key of Object.keys(checksums)) room.syncChunk(key);
    room.broadcast('terrain_op', { seq, op: m, by: client.sessionId, checksums });
  });

  // Chat has its own, slower limit (seed §17 quotas): a line past it is refused with when to try again.
  const chatTimes = new WeakMap<object, number[]>();
  on('chat', (client, m) => {
    const now = Date.now();
    const key = client.userData!;
    const recent = (chatTimes.get(key) ?? []).filter((t) => now - t < QUOTAS.chatWindowMs);
    if (recent.length >= QUOTAS.chatPerWindow) {
      const retryAfterMs = QUOTAS.chatWindowMs - (now - recent[0]!);
      client.send('quota', { quota: 'chat', message: `Slow down: at most ${QUOTAS.chatPerWindow} chat messages every ${QUOTAS.chatWindowMs / 1000} s. Your message was not sent.`, retryAfterMs });
      chatTimes.set(key, recent);
      return;
    }
    recent.push(now);
    chatTimes.set(key, recent);
    room.broadcast('chat', { from: client.sessionId, name: client.userData!.name, text: m.text, at: Date.now() });
  });

  on('ping', (client, m) => {
    client.send('pong', { t: m.t, serverTime: Date.now() });
  });

  on('dev_stats', (client, m) => {
    client.userData!.meter.wantsStats = m.on;
    if (m.on) client.send('dev_stats', room.devStats());
  });

  on('verify', (client, m) => {
    const meter = client.userData!.meter;
    if (!meter.hashes) {
      meter.hashes = new Map();
      client.send('verify_result', { tick: m.tick, ok: false, serverHash: null, serverCount: 0, reason: 'verification starts now: send verify again for a later patch' });
      return;
    }
    const rec = meter.hashes.get(m.tick);
    if (!rec) {
      client.send('verify_result', { tick: m.tick, ok: false, serverHash: null, serverCount: 0, reason: `patch ${m.tick} is not among the last ones the host recorded` });
      return;
    }
    const ok = rec[0] === m.hash && rec[1] === m.count;
    client.send('verify_result', { tick: m.tick, ok, serverHash: rec[0], serverCount: rec[1], reason: ok ? null : 'your view of the bodies differs from the host' });
  });

}
