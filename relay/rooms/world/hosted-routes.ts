import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import express, { type Request, type Router } from 'express';
import { CreateHostedRoomBody, HOSTED_ROOM_RULES, HOSTED_ROOMS_COLYSEUS_PATH, HostedRoomInviteBody, type HostedRoom, type HostedRoomCreated, type HostedRoomInvite } from '../../../shared/schemas/relay-hosted-rooms.js';
import { decodeChunk } from '../../../shared/world/terrain.js';
import { requireUser } from '../../auth/identify.js';
import { sha256 } from '../../auth/tokens.js';
import type { RelayContext } from '../../context.js';
import { hostedRoomAssets, hostedRooms } from '../../db/schema.js';
import { HttpError, parse, uuidParam } from '../../http/errors.js';
import type { HostedRoomsLauncher } from './hosted-rooms-server.js';

type Row = typeof hostedRooms.$inferSelect;

/** glTF 2.0 binary: "glTF" magic, version 2, total length = the file's size (GLB spec §4.4). */
function checkGlb(buf: Buffer): string | null {
  if (buf.length < 20 || buf.toString('latin1', 0, 4) !== 'glTF') return 'not a GLB file (no glTF magic)';
  if (buf.readUInt32LE(4) !== 2) return `GLB version ${buf.readUInt32LE(4)} (only glTF 2.0 is accepted)`;
  if (buf.readUInt32LE(8) !== buf.length) return `the GLB header says ${buf.readUInt32LE(8)} bytes but ${buf.length} arrived`;
  if (buf.toString('latin1', 16, 20) !== 'JSON') return 'the first GLB chunk is not JSON';
  return null;
}

async function uploaded(ctx: RelayContext, roomId: string): Promise<Set<string>> {
  const rows = await ctx.db.select({ assetId: hostedRoomAssets.assetId }).from(hostedRoomAssets).where(eq(hostedRoomAssets.roomId, roomId));
  return new Set(rows.map((r) => r.assetId));
}

async function view(ctx: RelayContext, row: Row): Promise<HostedRoom> {
  const have = await uploaded(ctx, row.id);
  const missingAssets = row.assets.map((a) => a.assetId).filter((id) => !have.has(id));
  return {
    id: row.id,
    ownerId: row.ownerId,
    worldName: row.worldName,
    maxPlayers: row.maxPlayers,
    status: row.endedAt ? 'ended' : missingAssets.length ? 'uploading' : 'ready',
    missingAssets,
    entityCount: row.entities.length,
    invite: row.inviteHash && row.inviteExpiresAt ? { expiresAt: row.inviteExpiresAt.toISOString(), revoked: row.inviteRevoked } : null,
    colyseusPath: HOSTED_ROOMS_COLYSEUS_PATH,
    createdAt: row.createdAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
  };
}

function newInvite(ctx: RelayContext, roomId: string, ttlSec: number): { invite: HostedRoomInvite; set: Partial<Row> } {
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(ctx.clock.now().getTime() + ttlSec * 1000);
  return { invite: { roomId, token, expiresAt: expiresAt.toISOString() }, set: { inviteHash: sha256(token), inviteExpiresAt: expiresAt, inviteRevoked: false } };
}

/**
 * Hosted world rooms on the relay (issue 14): the owner (Pro or Studio) uploads a world
 * snapshot and its GLBs, gets an invite, and players join with the Colyseus client by room id
 * + invite (hosted-rooms-server.ts). Ended rooms keep their row (the owner's history) but
 * refuse joins.
 */
export function hostedRoomRoutes(ctx: RelayContext, rooms: HostedRoomsLauncher): Router {
  const r = express.Router();

  /** The room if the caller owns it (404 otherwise, so ids of others' rooms are not confirmed). */
  async function owned(req: Request): Promise<Row> {
    const u = await requireUser(ctx, req);
    const id = uuidParam(req.params.id, 'hosted room');
    const [row] = await ctx.db.select().from(hostedRooms).where(and(eq(hostedRooms.id, id), eq(hostedRooms.ownerId, u.id)));
    if (!row) throw new HttpError(404, 'not_found', 'No such hosted room of yours');
    return row;
  }

  r.all(/^\/hosted-rooms\/colyseus\/.*/, async (req, res) => {
    const server = await rooms.get();
    req.url = req.originalUrl;
    await server.matchmake(req, res);
  });

  r.post('/hosted-rooms', express.json({ limit: HOSTED_ROOM_RULES.maxSnapshotBytes }), async (req, res) => {
    const u = await requireUser(ctx, req);
    if (!HOSTED_ROOM_RULES.hostTiers.includes(u.subscriptionTier)) {
      throw new HttpError(403, 'tier_required', `Hosting a world on the relay needs a Pro or Studio subscription (yours: ${u.subscriptionTier})`, { tier: u.subscriptionTier, required: HOSTED_ROOM_RULES.hostTiers });
    }
    const body = parse(CreateHostedRoomBody, req.body);
    const declared = new Set(body.assets.map((a) => a.assetId));
    if (declared.size !== body.assets.length) throw new HttpError(400, 'validation_failed', 'An asset is declared twice in assets');
    const undeclared = [...new Set(body.entities.map((e) => e.assetId).filter((id): id is string => !!id && !declared.has(id)))];
    if (undeclared.length) throw new HttpError(400, 'validation_failed', `Entities use assets not declared in assets (each needs its sha256, size and bounds): ${undeclared.slice(0, 5).join(', ')}`, { undeclared });
    // A chunk the room could not decode would only fail later, when a player opens the room.
    for (const c of body.terrain) {
      try {
        decodeChunk(c);
      } catch (err) {
        throw new HttpError(400, 'validation_failed', `Invalid ${(err as Error).message}`);
      }
    }
    const total = body.assets.reduce((n, a) => n + a.bytes, 0);
    if (total > HOSTED_ROOM_RULES.maxTotalGlbBytes) throw new HttpError(413, 'too_large', `The GLBs add up to ${total} bytes; a hosted room may hold ${HOSTED_ROOM_RULES.maxTotalGlbBytes}`);
    const [open] = await ctx.db.select({ n: count() }).from(hostedRooms).where(and(eq(hostedRooms.ownerId, u.id), isNull(hostedRooms.endedAt)));
    if ((open?.n ?? 0) >= HOSTED_ROOM_RULES.maxOpenPerUser) {
      throw new HttpError(409, 'too_many_rooms', `You already host ${open!.n} rooms (the limit is ${HOSTED_ROOM_RULES.maxOpenPerUser}): end one first (DELETE /api/v1/hosted-rooms/<id>)`);
    }
    const [row] = await ctx.db
      .insert(hostedRooms)
      .values({ ownerId: u.id, worldName: body.worldName, gravity: body.gravity, maxPlayers: body.maxPlayers, entities: body.entities, terrain: body.terrain, assets: body.assets })
      .returning();
    const { invite, set } = newInvite(ctx, row!.id, body.inviteTtlSec);
    const [withInvite] = await ctx.db.update(hostedRooms).set(set).where(eq(hostedRooms.id, row!.id)).returning();
    const answer: HostedRoomCreated = { room: await view(ctx, withInvite!), invite };
    res.status(201).json(answer);
  });

  r.get('/hosted-rooms', async (req, res) => {
    const u = await requireUser(ctx, req);
    const rows = await ctx.db.select().from(hostedRooms).where(eq(hostedRooms.ownerId, u.id)).orderBy(sql`${hostedRooms.createdAt} desc`).limit(50);
    res.json({ rooms: await Promise.all(rows.map((row) => view(ctx, row))) });
  });

  r.get('/hosted-rooms/:id', async (req, res) => {
    res.json(await view(ctx, await owned(req)));
  });

  r.put('/hosted-rooms/:id/assets/:assetId', express.raw({ type: () => true, limit: HOSTED_ROOM_RULES.maxGlbBytes }), async (req, res) => {
    const row = await owned(req);
    if (row.endedAt) throw new HttpError(409, 'room_ended', 'This hosted room has ended');
    const decl = row.assets.find((a) => a.assetId === req.params.assetId);
    if (!decl) throw new HttpError(404, 'not_declared', `Asset ${String(req.params.assetId).slice(0, 64)} is not declared in this room's snapshot`);
    const buf = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (buf.length !== decl.bytes) throw new HttpError(400, 'size_mismatch', `Declared ${decl.bytes} bytes, received ${buf.length}`);
    const digest = createHash('sha256').update(buf).digest('hex');
    if (digest !== decl.sha256) throw new HttpError(400, 'hash_mismatch', `The upload's SHA-256 is ${digest}, the snapshot declared ${decl.sha256}`);
    const bad = checkGlb(buf);
    if (bad) throw new HttpError(415, 'unsupported_type', `Asset ${decl.assetId}: ${bad}`);
    await ctx.db
      .insert(hostedRoomAssets)
      .values({ roomId: row.id, assetId: decl.assetId, sha256: digest, bytes: buf.length, data: buf })
      .onConflictDoUpdate({ target: [hostedRoomAssets.roomId, hostedRoomAssets.assetId], set: { sha256: digest, bytes: buf.length, data: buf } });
    res.json(await view(ctx, row));
  });

  /** A GLB for the room's players: the owner signed in, or anyone with the current invite (X-Hosted-Room-Invite or ?invite=). */
  r.get('/hosted-rooms/:id/glb/:assetId', async (req, res) => {
    const id = uuidParam(req.params.id, 'hosted room');
    const [row] = await ctx.db.select().from(hostedRooms).where(eq(hostedRooms.id, id));
    if (!row || row.endedAt) throw new HttpError(404, 'not_found', 'No open hosted room with this id');
    const invite = req.get('x-hosted-room-invite') ?? (typeof req.query.invite === 'string' ? req.query.invite : undefined);
    const owner = req.caller?.userId === row.ownerId;
    const inviteOk = !!invite && row.inviteHash === sha256(invite) && !row.inviteRevoked && !!row.inviteExpiresAt && row.inviteExpiresAt > ctx.clock.now();
    if (!owner && !inviteOk) throw new HttpError(403, 'invite_required', 'A current invite for this room (or the owner\'s sign-in) is needed');
    const [asset] = await ctx.db
      .select()
      .from(hostedRoomAssets)
      .where(and(eq(hostedRoomAssets.roomId, id), eq(hostedRoomAssets.assetId, String(req.params.assetId))));
    if (!asset) throw new HttpError(404, 'not_found', 'This GLB has not been uploaded (players keep its placeholder)');
    res.setHeader('Content-Type', 'model/gltf-binary');
    res.setHeader('Cache-Control', 'private, max-age=3600, immutable');
    res.setHeader('ETag', `"${asset.sha256}"`);
    res.end(asset.data);
  });

  r.post('/hosted-rooms/:id/invite', express.json({ limit: '1kb' }), async (req, res) => {
    const row = await owned(req);
    if (row.endedAt) throw new HttpError(409, 'room_ended', 'This hosted room has ended');
    const { inviteTtlSec } = parse(HostedRoomInviteBody, req.body ?? {});
    const { invite, set } = newInvite(ctx, row.id, inviteTtlSec);
    await ctx.db.update(hostedRooms).set(set).where(eq(hostedRooms.id, row.id));
    res.status(201).json(invite);
  });

  r.delete('/hosted-rooms/:id/invite', async (req, res) => {
    const row = await owned(req);
    const [next] = await ctx.db.update(hostedRooms).set({ inviteRevoked: true }).where(eq(hostedRooms.id, row.id)).returning();
    res.json(await view(ctx, next!));
  });

  /** Ends the room: joins are refused from now on and players in it are disconnected (the world as it was is kept). */
  r.delete('/hosted-rooms/:id', async (req, res) => {
    const row = await owned(req);
    const [next] = row.endedAt ? [row] : await ctx.db.update(hostedRooms).set({ endedAt: ctx.clock.now(), inviteRevoked: true }).where(eq(hostedRooms.id, row.id)).returning();
    await (await rooms.get()).shut(row.id);
    res.json(await view(ctx, next!));
  });

  return r;
}
