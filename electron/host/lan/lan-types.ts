import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** What a verified invite token grants: one resource of one scope, until it expires or is revoked. */
export interface LanGrant {
  scope: string;
  resourceId: string;
  inviteId: string;
  /** The raw token as presented, so a scope can build further URLs under the same grant. */
  token: string;
  expiresAt: string;
}

/** Where a request landed inside a scope: /<scope>/<resourceId>/t/<token>/<subPath>. */
export interface LanRequestContext {
  grant: LanGrant;
  /** Path after the grant prefix, no leading slash ('' for the scope's root page). */
  subPath: string;
  /** `/<scope>/<resourceId>/t/<token>/` — prefix every URL you hand to the guest with it. */
  basePath: string;
  /** True when the token came as ?invite= (first page load) rather than in the path. */
  viaQuery: boolean;
}

/**
 * A feature served on the LAN listener. Only requests whose path starts with /<name>/ and that
 * carry a valid invite of this scope for the resource in the path ever reach these handlers.
 */
export interface LanScope {
  name: string;
  http(req: IncomingMessage, res: ServerResponse, at: LanRequestContext): unknown;
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, at: LanRequestContext): void;
}

export interface LanInvite {
  id: string;
  scope: string;
  resourceId: string;
  label?: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
}

export type VerifyResult = { ok: true; grant: LanGrant } | { ok: false; code: 'invite_required' | 'invite_invalid' | 'invite_expired' | 'invite_revoked' | 'invite_wrong_scope'; message: string };

export interface LanStatus {
  enabled: boolean;
  running: boolean;
  port: number;
  /** The machine's LAN IPv4 addresses guests can reach. */
  addresses: string[];
  /** http://<address>:<port> for each address (empty while not running). */
  urls: string[];
  error?: string;
}
