import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { LanGrant, LanInvite, VerifyResult } from './lan-types.js';
import { readJsonFile, writeJsonFile } from './lan-file.js';

interface StoredInvite extends LanInvite {
  /** sha256 of the token, hex: the token itself is never stored. */
  hash: string;
}

export const MAX_INVITE_TTL_SEC = 7 * 24 * 3600;
const TOKEN_BYTES = 24; // 192 bits

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const isStore = (v: unknown): v is { invites: StoredInvite[] } => !!v && typeof v === 'object' && Array.isArray((v as { invites?: unknown }).invites);

/**
 * Per-resource invite tokens for the LAN listener: random 192-bit, bound to a scope and resource
 * id, expiring, revocable, stored only as sha256 hashes in <dataDir>/lan/invites.json (so a host
 * restart keeps links that were handed out, and a copied data dir does not leak usable tokens).
 */
export class InviteStore {
  private invites: StoredInvite[];

  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {
    this.invites = readJsonFile(file, { invites: [] }, isStore).invites;
    this.prune();
  }

  create(input: { scope: string; resourceId: string; ttlSec: number; label?: string }): { invite: LanInvite; token: string } {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(input.scope)) throw new Error(`Invalid LAN scope name "${input.scope}"`);
    if (!input.resourceId || input.resourceId.length > 128 || input.resourceId.includes('/')) throw new Error('Invalid resource id for an invite');
    const ttl = Math.min(Math.max(Math.floor(input.ttlSec), 60), MAX_INVITE_TTL_SEC);
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const t = this.now();
    const stored: StoredInvite = {
      id: randomUUID(),
      scope: input.scope,
      resourceId: input.resourceId,
      ...(input.label ? { label: input.label.slice(0, 120) } : {}),
      createdAt: new Date(t).toISOString(),
      expiresAt: new Date(t + ttl * 1000).toISOString(),
      hash: hashOf(token),
    };
    this.invites.push(stored);
    this.save();
    return { invite: publicOf(stored), token };
  }

  revoke(id: string): boolean {
    const inv = this.invites.find((i) => i.id === id);
    if (!inv || inv.revokedAt) return false;
    inv.revokedAt = new Date(this.now()).toISOString();
    this.save();
    return true;
  }

  /** Revokes every invite of one resource (a party closed, a world no longer hosted). */
  revokeResource(scope: string, resourceId: string): number {
    let n = 0;
    for (const inv of this.invites) {
      if (inv.scope === scope && inv.resourceId === resourceId && !inv.revokedAt) {
        inv.revokedAt = new Date(this.now()).toISOString();
        n++;
      }
    }
    if (n) this.save();
    return n;
  }

  list(scope?: string, resourceId?: string): LanInvite[] {
    return this.invites.filter((i) => (!scope || i.scope === scope) && (!resourceId || i.resourceId === resourceId)).map(publicOf);
  }

  /** Checks a presented token against a scope (and the resource the request names, when given). */
  verify(token: string | null | undefined, want: { scope: string; resourceId?: string }): VerifyResult {
    if (!token) return { ok: false, code: 'invite_required', message: 'This link needs an invite token' };
    if (token.length > 128) return { ok: false, code: 'invite_invalid', message: 'This invite is not valid' };
    const h = Buffer.from(hashOf(token), 'hex');
    const inv = this.invites.find((i) => timingSafeEqual(Buffer.from(i.hash, 'hex'), h));
    if (!inv) return { ok: false, code: 'invite_invalid', message: 'This invite is not valid' };
    if (inv.scope !== want.scope || (want.resourceId !== undefined && inv.resourceId !== want.resourceId)) {
      return { ok: false, code: 'invite_wrong_scope', message: 'This invite is for something else' };
    }
    if (inv.revokedAt) return { ok: false, code: 'invite_revoked', message: 'This invite was revoked by the host' };
    if (Date.parse(inv.expiresAt) <= this.now()) return { ok: false, code: 'invite_expired', message: 'This invite has expired; ask the host for a new link' };
    const grant: LanGrant = { scope: inv.scope, resourceId: inv.resourceId, inviteId: inv.id, token, expiresAt: inv.expiresAt };
    return { ok: true, grant };
  }

  /** Drops invites that ended more than a day ago so the file stays small. */
  private prune(): void {
    const cutoff = this.now() - 24 * 3600 * 1000;
    const before = this.invites.length;
    this.invites = this.invites.filter((i) => Date.parse(i.revokedAt ?? i.expiresAt) > cutoff);
    if (this.invites.length !== before) this.save();
  }

  private save(): void {
    writeJsonFile(this.file, { invites: this.invites });
  }
}

function publicOf(s: StoredInvite): LanInvite {
  const { hash: _hash, ...pub } = s;
  return pub;
}
