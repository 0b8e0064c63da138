import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { HOSTED_ROOM_RULES, HostedRoom, HostedRoomCreated, HostedRoomInvite, type CreateHostedRoomBody } from '../../../../shared/schemas/relay-hosted-rooms.js';
import type { HostedWorldInviteBody, HostedWorldList, HostedWorldStarted, StartHostedWorldBody } from '../../../../shared/schemas/world-hosted.js';
import { communityFor } from '../../community/community-service.js';
import { expectOk } from '../../community/relay-http.js';
import { AppError } from '../../errors.js';
import type { CoreContext } from '../../host-context.js';
import { worldServices } from '../services.js';

type Asset = { assetId: string; sha256: string; bytes: number; bounds: { min: [number, number, number]; max: [number, number, number] }; glb: Buffer };

/** Parses the relay's answer with the shared schema, so a different relay version is a clear error. */
function shaped<S extends z.ZodType>(schema: S, body: unknown, base: string, what: string): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) throw new AppError(502, 'relay_bad_response', `${what}: ${base} answered in an unexpected shape (an older relay without hosted rooms?)`);
  return r.data;
}

/**
 * The world as the relay's room needs it: entities, edited terrain, and each referenced asset's
 * GLB with its hash, size and bounds. An asset without a stored GLB or bounds, or over the
 * relay's size limit, is left out (its entities keep their placeholder) and reported.
 */
function snapshotOf(ctx: CoreContext, body: z.infer<typeof StartHostedWorldBody>): { snapshot: CreateHostedRoomBody; assets: Asset[]; skipped: HostedWorldStarted['skippedAssets'] } {
  const s = worldServices(ctx);
  const world = s.worlds.get(body.worldId);
  const entities = s.entities.list(world.id);
  const assets: Asset[] = [];
  const skipped: HostedWorldStarted['skippedAssets'] = [];
  let total = 0;
  for (const assetId of new Set(entities.flatMap((e) => (e.assetId ? [e.assetId] : [])))) {
    const a = s.assets.find(assetId);
    if (!a?.files.glbMediaId || !a.bounds) {
      skipped.push({ assetId, reason: 'no stored GLB yet' });
      continue;
    }
    const glb = s.assets.glb(assetId);
    if (glb.length > HOSTED_ROOM_RULES.maxGlbBytes || total + glb.length > HOSTED_ROOM_RULES.maxTotalGlbBytes) {
      skipped.push({ assetId, reason: `${glb.length} bytes is over the relay's limit` });
      continue;
    }
    total += glb.length;
    assets.push({ assetId, sha256: createHash('sha256').update(glb).digest('hex'), bytes: glb.length, bounds: a.bounds, glb });
  }
  const sent = new Set(assets.map((a) => a.assetId));
  const snapshot: CreateHostedRoomBody = {
    worldName: world.name,
    gravity: world.settings.gravity,
    entities: entities.map((e) => (e.assetId && !sent.has(e.assetId) ? { ...e, assetId: null } : e)),
    terrain: s.terrain.get(world.id).chunks,
    assets: assets.map(({ glb: _glb, ...decl }) => decl),
    maxPlayers: body.maxPlayers,
    inviteTtlSec: body.inviteTtlSec,
  };
  return { snapshot, assets, skipped };
}

/** "Host on community relay": upload the snapshot, then each GLB; the room opens on the first join. */
export async function hostOnRelay(ctx: CoreContext, body: z.infer<typeof StartHostedWorldBody>): Promise<HostedWorldStarted> {
  const community = communityFor(ctx);
  const base = community.requireRelay();
  const { snapshot, assets, skipped } = snapshotOf(ctx, body);
  const created = shaped(HostedRoomCreated, expectOk(base, await community.authed('POST', '/api/v1/hosted-rooms', { json: snapshot, timeoutMs: 60_000 }), 'Hosting the world'), base, 'Hosting the world');
  let room = created.room;
  for (const a of assets) {
    const put = await community.authed('PUT', `/api/v1/hosted-rooms/${room.id}/assets/${encodeURIComponent(a.assetId)}`, { raw: { bytes: a.glb, contentType: 'model/gltf-binary' }, timeoutMs: 120_000 });
    room = shaped(HostedRoom, expectOk(base, put, `Uploading the GLB of ${a.assetId}`), base, 'Uploading a GLB');
  }
  return { relayUrl: base, room, invite: created.invite, skippedAssets: skipped };
}

export async function listHosted(ctx: CoreContext): Promise<HostedWorldList> {
  const community = communityFor(ctx);
  const base = community.requireRelay();
  const body = expectOk(base, await community.authed('GET', '/api/v1/hosted-rooms'), 'Listing hosted rooms') as { rooms?: unknown };
  return { relayUrl: base, rooms: shaped(HostedRoom.array(), body?.rooms, base, 'Listing hosted rooms') };
}

export async function endHosted(ctx: CoreContext, id: string): Promise<HostedRoom> {
  const community = communityFor(ctx);
  const base = community.requireRelay();
  return shaped(HostedRoom, expectOk(base, await community.authed('DELETE', `/api/v1/hosted-rooms/${encodeURIComponent(id)}`), 'Ending the hosted room'), base, 'Ending the hosted room');
}

export async function newHostedInvite(ctx: CoreContext, id: string, body: z.infer<typeof HostedWorldInviteBody>): Promise<HostedRoomInvite> {
  const community = communityFor(ctx);
  const base = community.requireRelay();
  return shaped(HostedRoomInvite, expectOk(base, await community.authed('POST', `/api/v1/hosted-rooms/${encodeURIComponent(id)}/invite`, { json: body }), 'Making an invite'), base, 'Making an invite');
}
