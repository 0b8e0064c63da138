import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchMaker } from '@colyseus/core';
import QRCode from 'qrcode';
import type { StartWorldRoomBody, WorldRoomInvite, WorldRoomSession } from '../../../../shared/schemas/world-room.js';
import { ROOM_NAME } from '../../../../shared/world/room-protocol.js';
import { AppError, notFound } from '../../errors.js';
import type { HostContext } from '../../host-context.js';
import type { LanService } from '../../lan/lan-service.js';
import { worldServices } from '../services.js';
import type { WorldRoom } from '../../../../rooms/world/world-room.js';

interface StoredSession {
  worldId: string;
  maxPlayers: number;
  createdAt: string;
}

const LAN_OFF = 'LAN sharing is off: turn on Settings → Share on my network, then make an invite here';

/**
 * Hosted world sessions ("Invite players"): one Colyseus room per world, its id the world id.
 * The list of hosted worlds is kept in <dataDir>/world-room/sessions.json, so a host restart
 * (even after a kill) brings every session back from SQLite; stopping one removes it. Invites
 * are party-lan's (scope 'world-room', resource = the world id); the link holds the token, so
 * it is only known to the host process that made it (after a restart: make a new one).
 */
export class RoomSessions {
  private stored = new Map<string, StoredSession>();
  private invites = new Map<string, WorldRoomInvite>();
  private file: string;

  constructor(
    private readonly ctx: HostContext,
    private readonly lan: LanService | null,
    private readonly createKey: string,
  ) {
    const dir = join(ctx.dataDir.root, 'world-room');
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'sessions.json');
    if (existsSync(this.file)) {
      try {
        for (const s of JSON.parse(readFileSync(this.file, 'utf8')) as StoredSession[]) this.stored.set(s.worldId, s);
      } catch (err) {
        ctx.logger.warn(`world rooms: ignoring unreadable ${this.file}: ${(err as Error).message}`);
      }
    }
  }

  private persist(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify([...this.stored.values()], null, 2));
    renameSync(tmp, this.file);
  }

  room(id: string): WorldRoom | null {
    return (matchMaker.getLocalRoomById(id) as WorldRoom | undefined) ?? null;
  }

  private async open(s: StoredSession): Promise<WorldRoom> {
    const have = this.room(s.worldId);
    if (have) return have;
    await matchMaker.createRoom(ROOM_NAME, { worldId: s.worldId, maxPlayers: s.maxPlayers, createKey: this.createKey });
    const room = this.room(s.worldId);
    if (!room) throw new AppError(500, 'room_failed', `The room for world ${s.worldId} did not start`);
    return room;
  }

  /** At host start: every session that was hosted comes back (worlds deleted since are dropped). */
  async restore(): Promise<void> {
    for (const s of [...this.stored.values()]) {
      try {
        await this.open(s);
        this.ctx.logger.info(`world rooms: resumed hosting world ${s.worldId}`);
      } catch (err) {
        this.ctx.logger.warn(`world rooms: could not resume world ${s.worldId}: ${(err as Error).message}`);
        this.stored.delete(s.worldId);
        this.persist();
      }
    }
  }

  async start(body: StartWorldRoomBody): Promise<WorldRoomSession> {
    worldServices(this.ctx).worlds.get(body.worldId); // 404 for an unknown world
    const prior = this.stored.get(body.worldId);
    const s: StoredSession = { worldId: body.worldId, maxPlayers: prior && this.room(body.worldId) ? prior.maxPlayers : body.maxPlayers, createdAt: prior?.createdAt ?? new Date().toISOString() };
    this.stored.set(s.worldId, s);
    this.persist();
    try {
      await this.open(s);
    } catch (err) {
      this.stored.delete(s.worldId);
      this.persist();
      throw err;
    }
    if (body.invite && !this.invites.has(s.worldId) && this.lan?.running) await this.invite(s.worldId, body.inviteTtlSec);
    return this.get(s.worldId);
  }

  async invite(id: string, ttlSec: number): Promise<WorldRoomInvite> {
    this.need(id);
    const origin = this.lan?.guestOrigin();
    if (!this.lan || !origin) throw new AppError(409, 'lan_off', LAN_OFF);
    this.lan.invites.revokeResource('world-room', id);
    const { invite, token } = this.lan.invites.create({ scope: 'world-room', resourceId: id, ttlSec, label: 'world room' });
    const url = `${origin}/world-room/${encodeURIComponent(id)}?invite=${token}`;
    const out: WorldRoomInvite = { url, qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }), expiresAt: invite.expiresAt, inviteId: invite.id };
    this.invites.set(id, out);
    return out;
  }

  revokeInvite(id: string): void {
    this.need(id);
    this.lan?.invites.revokeResource('world-room', id);
    this.invites.delete(id);
  }

  private need(id: string): WorldRoom {
    const room = this.room(id);
    if (!room || !this.stored.has(id)) throw notFound(`Hosted world session ${id}`);
    return room;
  }

  get(id: string): WorldRoomSession {
    const room = this.need(id);
    const s = this.stored.get(id)!;
    const lanOn = !!this.lan?.running;
    return {
      id,
      worldId: id,
      worldName: room.worldName,
      maxPlayers: room.maxPlayers,
      players: [...room.state.players.values()].map((p) => ({ sessionId: p.sessionId, name: p.name, isHost: p.isHost, connected: p.connected, holding: p.holding || null })),
      createdAt: s.createdAt,
      endpoint: `${this.ctx.origin.url}/api/v1/world-room/colyseus`,
      lanEndpoint: lanOn ? `/world-room/${id}/t/<token>/colyseus` : null,
      invite: this.invites.get(id) ?? null,
      inviteProblem: this.invites.has(id) ? null : lanOn ? 'No invite yet: make one' : LAN_OFF,
    };
  }

  list(): WorldRoomSession[] {
    return [...this.stored.keys()].filter((id) => this.room(id)).map((id) => this.get(id));
  }

  /** Stop hosting: the room saves the world and disconnects everyone; the invite is revoked. */
  async stop(id: string): Promise<void> {
    const room = this.need(id);
    this.lan?.invites.revokeResource('world-room', id);
    this.invites.delete(id);
    this.stored.delete(id);
    this.persist();
    await room.disconnect();
  }
}
