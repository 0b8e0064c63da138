import { Room, SchemaSerializer, ServerError, type AuthContext, type Client, type Serializer } from '@colyseus/core';
import { StateView } from '@colyseus/schema';
import type { Entity } from '../../shared/schemas/world.js';
import { FAR_HZ, JoinOptions, bodyStateHash, type DevStats, NEAR_RADIUS_M, PATCH_HZ, QUOTAS, TICK_HZ } from '../../shared/world/room-protocol.js';
import { Authority, type Holder } from './authority.js';
import { RoomEdits } from './room-edits.js';
import { sendFar, updateInterest, viewRows } from './room-interest.js';
import { registerRoomMessages } from './room-messages.js';
import { worldRoomDeps, type RoomAuth, type WorldRoomDeps } from './room-deps.js';
import { RoomJobs } from './room-jobs.js';
import { RoomPersistence } from './room-persistence.js';
import { ClientMeter, pingForRtt, TickTimer } from './room-stats.js';
import { RoomTerrain } from './room-terrain.js';
import { ServerPhysics, loadRapier } from './physics.js';
import { RoomBody, RoomChunk, RoomPlayer, encodedBytesBound, newRoomState, type WorldRoomState } from './state.js';
import { ViewSafeSerializer } from './view-serializer.js';

type Vec3 = [number, number, number];

export type { RoomAuth };
export interface PlayerData {
  meter: ClientMeter;
  lastMoveAt: number;
  name: string;
  /** Dropped by the host (flooding, not reading): no reconnection seat. */
  kicked?: boolean;
  /** Last tick whose far-body changes this client got. */
  farTick: number;
}
export type RoomClient = Client<PlayerData, RoomAuth>;

export interface WorldRoomOptions {
  worldId: string;
  maxPlayers: number;
  createKey: string;
}

const COLORS = ['#e4572e', '#29335c', '#f3a712', '#669bbc', '#a8c686', '#8e44ad', '#16a085', '#d35400'];
const STEP_MS = 1000 / TICK_HZ;
const PATCHES_PER_INTEREST = Math.max(1, Math.round(PATCH_HZ / 4));
const PATCHES_PER_FAR = Math.max(1, Math.round(PATCH_HZ / FAR_HZ));

/**
 * One hosted world (issue 12): owns the world's Rapier simulation at a fixed 60 Hz, replicates
 * avatars and moving bodies at 20 Hz (near bodies through each client's StateView, far ones as
 * 2 Hz `far_bodies` messages with only what changed), moves authority over held bodies between
 * the server and holders, turns prompts into generation jobs, applies terrain brush ops in order,
 * and writes settled transforms and terrain back to its store (room-persistence.ts). Where it
 * runs (the desktop host, the relay) comes in through WorldRoomDeps (room-deps.ts). The room id
 * is the world id; it stays up (autoDispose off) until the host stops hosting it.
 */
export class WorldRoom extends Room<WorldRoomState, unknown, PlayerData, RoomAuth> {
  deps!: WorldRoomDeps;
  worldId = '';
  worldName = '';
  gravity = -9.81;
  maxPlayers: number = QUOTAS.defaultMaxPlayers;
  physics!: ServerPhysics;
  authority!: Authority;
  terrain!: RoomTerrain;
  jobs!: RoomJobs;
  persistence!: RoomPersistence;
  /** The owner's edits made outside the room while it runs (room-edits.ts). */
  edits!: RoomEdits;
  readonly holders = new Map<string, Holder>();
  readonly ticks = new TickTimer();
  readonly tickCpu = new TickTimer();
  readonly patchTimes = new TickTimer();
  /** entityId → the patch tick its replicated pose last changed (far-body deltas). */
  readonly changedAt = new Map<string, number>();
  private sizes = new Map<string, Vec3>();
  private patches = 0;
  private lastStepAt = 0;
  private colorIx = 0;
  createdAt = new Date();

  override async onCreate(options: WorldRoomOptions): Promise<void> {
    this.deps = worldRoomDeps();
    if (options?.createKey !== this.deps.createKey) throw new ServerError(403, this.deps.createRefusal);
    this.roomId = options.worldId;
    this.worldId = options.worldId;
    this.maxPlayers = Math.min(QUOTAS.maxPlayersLimit, Math.max(1, options.maxPlayers | 0 || QUOTAS.defaultMaxPlayers));
    // Colyseus' own cap is a backstop; onAuth refuses the player past maxPlayers with a clear message.
    this.maxClients = this.maxPlayers + 2;
    this.autoDispose = false;
    await loadRapier();
    const store = this.deps.store;
    await store.load?.(this.worldId);
    const world = store.world(this.worldId);
    this.worldName = world.name;
    this.gravity = world.gravity;
    this.physics = new ServerPhysics(this.gravity);
    this.authority = new Authority(this.physics);
    this.terrain = new RoomTerrain(this.worldId, store, this.physics);
    this.setState(newRoomState(this.worldId));
    for (const [key] of this.terrain.terrain.chunks) this.syncChunk(key);
    this.loadEntities(store.entities(this.worldId));
    this.edits = new RoomEdits(this);
    this.persistence = new RoomPersistence(this);
    this.jobs = new RoomJobs(this.worldId, this.deps.generation, store, {
      placeholder: (entity, job, assetId, requestId, note) => {
        this.addEntity(entity);
        this.broadcast('placeholder', { entity, jobId: job.jobId, assetId, by: job.by, requestId, note });
        this.state.activeJobs = this.jobs.active();
      },
      ready: (entity, jobId) => {
        this.addEntity(entity);
        this.broadcast('asset_ready', { entityId: entity.id, assetId: entity.assetId!, jobId, entity });
        this.state.activeJobs = this.jobs.active();
      },
      failed: (entityId, jobId, error) => {
        this.broadcast('job_failed', { entityId, jobId, error });
        this.state.activeJobs = this.jobs.active();
      },
    });
    registerRoomMessages(this);
    this.lastStepAt = performance.now();
    this.setSimulationInterval(() => this.tick(), STEP_MS);
    this.patchRate = 1000 / PATCH_HZ;
  }

  /** Setting `state` installs Colyseus' stock serializer; this room's view needs ViewSafeSerializer. */
  override setSerializer(serializer: Serializer<WorldRoomState>): void {
    if (!(serializer instanceof SchemaSerializer) || serializer instanceof ViewSafeSerializer) return super.setSerializer(serializer);
    const bound = encodedBytesBound();
    const overflow = (needed: number, had: number) => this.deps.logger.error(`world room ${this.worldId}: a patch needed ${needed} bytes, over the ${had} reserved; clients may have missed part of it`);
    super.setSerializer(new ViewSafeSerializer<WorldRoomState>(() => bound(this.state), overflow));
  }

  // ---- entities -------------------------------------------------------------------------

  sizeOf(e: Entity): Vec3 {
    if (e.assetId) {
      let size = this.sizes.get(e.assetId);
      if (!size) {
        const b = this.deps.store.assetBounds(e.assetId);
        if (b) this.sizes.set(e.assetId, (size = b.max.map((v, i) => Math.max(0.01, v - b.min[i]!)) as Vec3));
      }
      if (size) return size;
    }
    return (e.placeholder?.scaleMeters as Vec3 | undefined) ?? [1, 1, 1];
  }

  private loadEntities(list: Entity[]): void {
    const byId = new Map(list.map((e) => [e.id, e]));
    const rootOf = (e: Entity): string => {
      let cur = e;
      for (let i = 0; i < 32 && cur.parentId && byId.has(cur.parentId); i++) cur = byId.get(cur.parentId)!;
      return cur.id;
    };
    const children = new Map<string, Entity[]>();
    for (const e of list) {
      const root = rootOf(e);
      if (root !== e.id) children.set(root, [...(children.get(root) ?? []), e]);
    }
    for (const e of list) if (rootOf(e) === e.id) this.physics.setEntity(e, children.get(e.id) ?? [], (x) => this.sizeOf(x));
  }

  /** A new or changed root entity (placeholder, asset ready): its body keeps its current pose. */
  addEntity(e: Entity): void {
    this.edits?.note(e);
    if (e.parentId && this.physics.has(e.parentId)) return;
    this.physics.setEntity(e, [], (x) => this.sizeOf(x));
  }

  syncChunk(key: string): void {
    const rev = this.terrain.revision(key);
    const sum = this.terrain.checksum(key);
    const have = this.state.chunks.get(key);
    if (have && have.revision === rev && have.checksum === sum) return;
    const c = have ?? new RoomChunk();
    c.key = key;
    c.revision = rev;
    c.checksum = sum;
    if (!have) this.state.chunks.set(key, c);
  }

  // ---- players --------------------------------------------------------------------------

  override async onAuth(client: RoomClient, options: unknown, context: AuthContext): Promise<RoomAuth> {
    const parsed = JoinOptions.safeParse(options ?? {});
    if (!parsed.success) throw new ServerError(400, `Bad join options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const auth = await this.deps.authenticate(this.worldId, parsed.data, context);
    if (this.holders.size >= this.maxPlayers) {
      throw new ServerError(403, `This world is full: ${this.holders.size} of ${this.maxPlayers} players (the host can allow up to ${QUOTAS.maxPlayersLimit})`);
    }
    return auth;
  }

  override onJoin(client: RoomClient, options: unknown, auth: RoomAuth): void {
    const name = JoinOptions.parse(options ?? {}).name;
    const meter = new ClientMeter();
    const raw = client.raw.bind(client);
    client.raw = (data: Uint8Array | Buffer, opts?: unknown, cb?: (err?: Error) => void) => {
      meter.count(data.byteLength);
      raw(data, opts as never, cb);
    };
    client.userData = { meter, lastMoveAt: Date.now(), name, farTick: -1 };
    const slot = this.holders.size;
    const x = (slot % 4) * 1.5 - 2.25;
    const z = 6 + Math.floor(slot / 4) * 1.5;
    const feet: Vec3 = [x, this.terrain.groundAt(x, z) + 0.05, z];
    this.holders.set(client.sessionId, { sessionId: client.sessionId, feet, yaw: 0, pitch: 0 });
    const p = new RoomPlayer();
    Object.assign(p, { sessionId: client.sessionId, name, isHost: auth.isHost, connected: true, x: feet[0], y: feet[1], z: feet[2], yaw: 0, pitch: 0, seq: 0, holding: '' });
    p.color = COLORS[this.colorIx++ % COLORS.length]!;
    this.state.players.set(client.sessionId, p);
    this.physics.addAvatar(client.sessionId, feet);
    client.view = new StateView();
    updateInterest(this, client);
    client.send('welcome', {
      worldId: this.worldId,
      worldName: this.worldName,
      gravity: this.gravity,
      entities: this.deps.store.entities(this.worldId),
      terrain: this.terrain.stored(),
      brushLog: [],
      you: { sessionId: client.sessionId, isHost: auth.isHost },
      rates: { tickHz: TICK_HZ, patchHz: PATCH_HZ, farHz: FAR_HZ, nearRadiusM: NEAR_RADIUS_M },
      quotas: { maxPlayers: this.maxPlayers, concurrentJobs: QUOTAS.concurrentJobsPerRoom, submissionsPerMinute: QUOTAS.submissionsPerPlayerPerMinute },
      generationOff: this.deps.generation.unavailable ?? null,
    });
  }

  override async onLeave(client: RoomClient, consented: boolean): Promise<void> {
    const p = this.state.players.get(client.sessionId);
    if (p && !consented && !client.userData?.kicked && this.deps.reconnectSec > 0) {
      p.connected = false;
      try {
        await this.allowReconnection(client, this.deps.reconnectSec);
        p.connected = true;
        return;
      } catch {
        // The seat expired: the player is gone.
      }
    }
    this.removePlayer(client.sessionId);
  }

  private removePlayer(sessionId: string): void {
    for (const id of this.authority.releaseAll(sessionId)) this.bodyState(id);
    this.physics.removeAvatar(sessionId);
    this.holders.delete(sessionId);
    this.state.players.delete(sessionId);
  }

  /**
   * Drops a client without a reconnection seat (flooding, or not reading its socket). A client
   * that stopped reading would never read a close frame either: its socket is cut at once
   * (`hard`), so it leaves the room now rather than after the close handshake times out.
   */
  kick(client: RoomClient, why: string, hard = false): void {
    if (client.userData) client.userData.kicked = true;
    this.deps.logger.warn(`world room ${this.worldId}: dropped ${client.sessionId} (${why})`);
    const ws = client.ref as { terminate?: () => void } | undefined;
    if (hard && typeof ws?.terminate === 'function') ws.terminate();
    else client.leave(4008, why);
  }

  // ---- simulation and replication ----------------------------------------------------------

  private tick(): void {
    if (!this.persistence) return;
    // Fixed 60 Hz steps for the real time that passed (at most 4 per call when the host lags).
    const now = performance.now();
    let due = Math.min(4, Math.floor((now - this.lastStepAt) / STEP_MS));
    if (due <= 0) return;
    this.lastStepAt = due === 4 ? now : this.lastStepAt + due * STEP_MS;
    const wall = Date.now();
    while (due-- > 0) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      this.authority.drive(this.holders, wall);
      this.physics.step();
      this.ticks.add(performance.now() - t0);
      const c = process.cpuUsage(c0);
      this.tickCpu.add((c.user + c.system) / 1000);
    }
    this.persistence.maybeSave(wall);
  }

  /** The replicated body of an entity brought up to date with the simulation. */
  bodyState(id: string): RoomBody | null {
    const pose = this.physics.pose(id);
    if (!pose) return null;
    let b = this.state.bodies.get(id);
    const fresh = !b;
    if (!b) {
      b = new RoomBody();
      b.id = id;
    }
    const [x, y, z] = pose.position.map(Math.fround) as Vec3;
    const [qx, qy, qz, qw] = pose.rotation.map(Math.fround);
    const holder = this.authority.holderOf(id);
    if (fresh || b.x !== x || b.y !== y || b.z !== z || b.qx !== qx || b.qy !== qy || b.qz !== qz || b.qw !== qw || b.holder !== holder) {
      Object.assign(b, { x, y, z, qx, qy, qz, qw, holder });
      this.changedAt.set(id, this.state.tick);
    }
    if (b.sleeping !== pose.sleeping) b.sleeping = pose.sleeping;
    if (fresh) this.state.bodies.set(id, b);
    return b;
  }

  override onUncaughtException(err: Error, method: string): void {
    this.deps?.logger.error(`world room ${this.worldId}: ${method} failed: ${err.stack ?? err}`);
  }

  override onBeforePatch(): void {
    // Colyseus starts its patch timer before onCreate has finished loading the world.
    if (!this.persistence) return;
    try {
      this.prepare();
    } catch (err) {
      // A throw here would be uncaught in Colyseus' timer and take the host down.
      this.deps.logger.error(`world room ${this.worldId}: patch failed: ${(err as Error).stack ?? err}`);
    }
  }

  private prepare(): void {
    const t0 = performance.now();
    this.edits.apply();
    this.state.tick = this.physics.stepCount;
    const live = new Set<string>();
    for (const id of this.physics.movableIds()) {
      live.add(id);
      // A body that was asleep at the last patch and still is has nothing new: skip reading its pose.
      const have = this.state.bodies.get(id);
      if (have?.sleeping && this.physics.asleep(id) && have.holder === this.authority.holderOf(id)) continue;
      this.bodyState(id);
    }
    for (const id of [...this.state.bodies.keys()]) if (!live.has(id)) this.state.bodies.delete(id);
    this.patches++;
    const interest = this.patches % PATCHES_PER_INTEREST === 0;
    const far = this.patches % PATCHES_PER_FAR === 0;
    for (const client of this.clients as unknown as RoomClient[]) {
      const d = client.userData;
      if (!d || d.kicked) continue;
      const buffered = (client as unknown as { ref?: { bufferedAmount?: number } }).ref?.bufferedAmount ?? 0;
      if (buffered > this.deps.maxBacklogBytes) {
        this.kick(client, `stopped reading: ${buffered} bytes unsent`, true);
        continue;
      }
      if (this.patches % PATCH_HZ === 0) pingForRtt(client.ref, d.meter);
      if (interest || d.farTick < 0) updateInterest(this, client);
      if (far || d.farTick < 0) sendFar(this, client);
      if (d.meter.hashes) d.meter.record(this.state.tick, viewRows(this, client));
    }
    if (this.patches % PATCH_HZ === 0) this.sendStats();
    this.patchTimes.add(performance.now() - t0);
  }

  devStats(): DevStats {
    return {
      tick: this.physics.stepCount,
      tickMs: this.ticks.percentiles(),
      tickCpuMs: this.tickCpu.percentiles(),
      patchMs: this.patchTimes.percentiles(),
      bodies: this.state.bodies.size,
      players: [...this.state.players.values()].map((p) => {
        const c = (this.clients as unknown as RoomClient[]).find((x) => x.sessionId === p.sessionId);
        let inView = 0;
        if (c?.view) for (const b of this.state.bodies.values()) if (c.view.has(b)) inView++;
        return { sessionId: p.sessionId, name: p.name, bytesPerSec: c?.userData?.meter.bytesPerSec ?? 0, entitiesInView: inView, rttMs: c?.userData?.meter.rttMs ?? null, connected: p.connected };
      }),
      authority: this.authority.map(),
      jobs: this.jobs.list(),
    };
  }

  /** The shared bodies as replicated at the last patch, with their state hash (GET …/bodies). */
  bodiesReport() {
    const rows = [...this.state.bodies.values()];
    const h = bodyStateHash(rows);
    return {
      tick: this.state.tick,
      hash: h.hash,
      count: h.count,
      bodies: rows.map((b) => ({ id: b.id, position: [b.x, b.y, b.z] as Vec3, rotation: [b.qx, b.qy, b.qz, b.qw] as [number, number, number, number], holder: b.holder, sleeping: b.sleeping })),
    };
  }

  private sendStats(): void {
    const want = (this.clients as unknown as RoomClient[]).filter((c) => c.userData?.meter.wantsStats);
    if (!want.length) return;
    const stats = this.devStats();
    for (const c of want) c.send('dev_stats', stats);
  }

  override async onDispose(): Promise<void> {
    this.jobs?.dispose();
    this.edits?.dispose();
    try {
      this.persistence?.saveAll();
    } catch (err) {
      this.deps.logger.error(`world room ${this.worldId}: could not save on dispose: ${(err as Error).message}`);
    }
    this.physics?.free();
  }
}
