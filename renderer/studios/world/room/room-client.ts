import { Client, type Room } from 'colyseus.js';
import type { z } from 'zod';
import {
  CLIENT_MESSAGES,
  ROOM_NAME,
  SERVER_MESSAGES,
  type ClientMessageType,
  type JoinOptions,
  type RoomBodyShape,
  type RoomPlayerShape,
  type RoomStateShape,
  type ServerMessageType,
} from '../../../../shared/world/room-protocol.js';
import { Interpolator, type Pose, type V3 } from './interpolation.js';
import { applyServerMessage } from './room-messages.js';
import { useRoomStore, type RoomPlayer } from './room-store.js';

/**
 * One player's connection to a world room (colyseus.js 0.16): join by room id, decode the state
 * by reflection, feed poses into the interpolation buffers, apply server messages to the room
 * store, and come back after a dropped connection with the reconnection token (the host keeps
 * the avatar and the held object meanwhile). The studio user joins on the host's own port with
 * the API token; a LAN guest joins under the invite's URL prefix with the invite token.
 */

export interface RoomEndpoint {
  /** http(s) base the Colyseus matchmaker answers under (no trailing slash). */
  baseUrl: string;
  roomId: string;
  options: JoinOptions;
  /** The studio's API token (sent as Authorization on the matchmaking request and _authToken on the socket). */
  authToken?: string;
  /** URL and headers of an asset's GLB (studio: the API with the token; guest: the room's LAN asset route). */
  glb(assetId: string): { url: string; headers: Record<string, string> };
}

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 3000, 5000, 5000, 5000];

export class RoomClient {
  readonly interp = new Interpolator();
  private client: Client;
  private room: Room<RoomStateShape> | null = null;
  private closed = false;
  /** Latest own-player record from the state (ack seq + authoritative position). */
  own: { seq: number; position: V3 } | null = null;
  /** Listeners for own acks and rejections (the avatar controller's predictor). */
  onAck: ((seq: number, position: V3) => void) | null = null;
  onRejected: ((seq: number, position: V3) => void) | null = null;
  /** Far bodies (outside the near radius) keep their last pose from `far_bodies`. */
  readonly far = new Set<string>();
  lastTick = 0;

  constructor(readonly endpoint: RoomEndpoint) {
    this.client = new Client(endpoint.baseUrl);
    if (endpoint.authToken) this.client.http.authToken = endpoint.authToken;
  }

  get sessionId(): string | null {
    return this.room?.sessionId ?? null;
  }

  async join(): Promise<void> {
    const store = useRoomStore.getState();
    store.set({ status: 'connecting', error: null });
    try {
      const room = await this.client.joinById<RoomStateShape>(this.endpoint.roomId, this.endpoint.options);
      if (this.closed) {
        void room.leave(true);
        return;
      }
      this.attach(room);
      store.set({ status: 'joined', you: room.sessionId });
    } catch (err) {
      store.set({ status: 'error', error: joinErrorText(err) });
    }
  }

  /** Typed send: the payload is checked against the protocol first, so a bug here never reaches the host as a malformed message. */
  send<K extends ClientMessageType>(type: K, payload: z.input<(typeof CLIENT_MESSAGES)[K]>): boolean {
    const room = this.room;
    if (!room || useRoomStore.getState().status !== 'joined') return false;
    const parsed = CLIENT_MESSAGES[type].safeParse(payload);
    if (!parsed.success) {
      useRoomStore.getState().notify(`Not sent (${type}): ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return false;
    }
    room.send(type, parsed.data);
    return true;
  }

  async leave(): Promise<void> {
    this.closed = true;
    const room = this.room;
    this.room = null;
    if (room) await room.leave(true).catch(() => undefined);
    useRoomStore.getState().set({ status: 'left' });
  }

  /** Test and dev hook: drop the socket without leaving, as a network failure would. */
  dropConnection(): void {
    (this.room?.connection as unknown as { close?: () => void } | undefined)?.close?.();
  }

  private attach(room: Room<RoomStateShape>): void {
    this.room = room;
    for (const type of Object.keys(SERVER_MESSAGES) as ServerMessageType[]) {
      room.onMessage(type, (raw: unknown) => {
        const parsed = SERVER_MESSAGES[type].safeParse(raw);
        if (!parsed.success) {
          console.warn(`room: ignored a malformed ${type} message`, parsed.error.issues[0]);
          return;
        }
        applyServerMessage(this, { type, payload: parsed.data } as Parameters<typeof applyServerMessage>[1]);
      });
    }
    room.onStateChange((state) => this.onState(state));
    room.onError((code, message) => useRoomStore.getState().notify(`Room error ${code}: ${message ?? ''}`));
    room.onLeave((code, reason) => {
      if (this.room !== room) return;
      this.room = null;
      if (this.closed || code === 4000) {
        useRoomStore.getState().set({ status: 'left', error: reason ? `The session ended: ${reason}` : null });
        return;
      }
      void this.reconnect(room.roomId + ':' + room.reconnectionToken, code, reason);
    });
  }

  private async reconnect(token: string, code: number, reason?: string): Promise<void> {
    const store = useRoomStore.getState();
    store.set({ status: 'reconnecting' });
    store.notify(`Connection lost (${code}${reason ? `: ${reason}` : ''}); reconnecting…`, 'info');
    for (const delay of RECONNECT_DELAYS_MS) {
      await new Promise((r) => setTimeout(r, delay));
      if (this.closed) return;
      try {
        const room = await this.client.reconnect<RoomStateShape>(token);
        this.attach(room);
        store.set({ status: 'joined', you: room.sessionId });
        store.notify('Reconnected: your avatar and what you held are back.', 'info');
        return;
      } catch {
        /* next delay */
      }
    }
    store.set({ status: 'error', error: 'Could not reconnect to the session: the host may have stopped it, or the network is down.' });
  }

  private onState(state: RoomStateShape): void {
    const now = performance.now();
    this.lastTick = state.tick;
    const seen = new Set<string>();
    const holders: Record<string, string> = {};
    // A first state can arrive before the view-filtered bodies map (or the players map) has been
    // introduced to this client; the next patch brings it.
    state.bodies?.forEach((b: RoomBodyShape, id: string) => {
      seen.add(id);
      this.far.delete(id);
      this.interp.push(id, now, { position: [b.x, b.y, b.z], rotation: [b.qx, b.qy, b.qz, b.qw] });
      if (b.holder) holders[id] = b.holder;
    });
    const players: Record<string, RoomPlayer> = {};
    const you = this.room?.sessionId;
    state.players?.forEach((p: RoomPlayerShape, id: string) => {
      players[id] = { sessionId: id, name: p.name, color: p.color || '#3d7bd9', isHost: p.isHost, connected: p.connected, holding: p.holding };
      if (p.holding) holders[p.holding] = id;
      if (id === you) {
        const position: V3 = [p.x, p.y, p.z];
        if (!this.own || p.seq !== this.own.seq) this.onAck?.(p.seq, position);
        this.own = { seq: p.seq, position };
        return;
      }
      seen.add(`player:${id}`);
      this.interp.push(`player:${id}`, now, { position: [p.x, p.y, p.z], rotation: yawQuat(p.yaw) });
    });
    for (const id of [...this.interp.ids()]) if (!seen.has(id) && !this.far.has(id)) this.interp.drop(id);
    const s = useRoomStore.getState();
    if (!sameRecord(s.holders, holders) || !samePlayers(s.players, players)) s.set({ holders, players });
  }

  /** Bodies outside the near radius arrive a couple of times a second as plain tuples. */
  pushFar(bodies: Array<[string, number, number, number, number, number, number, number, string]>): void {
    const now = performance.now();
    for (const [id, x, y, z, qx, qy, qz, qw] of bodies) {
      this.far.add(id);
      const pose: Pose = { position: [x, y, z], rotation: [qx, qy, qz, qw] };
      this.interp.push(id, now, pose);
    }
  }
}

export function yawQuat(yaw: number): [number, number, number, number] {
  return [0, Math.sin(yaw / 2), 0, Math.cos(yaw / 2)];
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function samePlayers(a: Record<string, RoomPlayer>, b: Record<string, RoomPlayer>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/** Matchmaking refusals (wrong or expired invite, room full, room gone) as sentences. */
export function joinErrorText(err: unknown): string {
  const e = err as { code?: number; message?: string } | null;
  const msg = e?.message ?? String(err);
  if (e?.code === 4215) return `The host refused this invite: ${msg || 'it is wrong, expired or revoked'}. Ask the host for a new link.`;
  if (e?.code === 4212) return 'This session is not running any more (the host stopped it). Ask the host for a new link.';
  if (/full|maxClients|locked/i.test(msg)) return `The session is full: ${msg}`;
  if (/fetch|network|Failed to/i.test(msg)) return `Could not reach the host: ${msg}`;
  return `Could not join the session: ${msg}`;
}

export { ROOM_NAME };
