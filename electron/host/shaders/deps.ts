import type { CoreContext } from '../host-context.js';

/** The pieces of the studio core the shader services use (the HTTP host and `auteur mcp` both have them). */
export type ShaderDeps = Pick<CoreContext, 'database' | 'jobs' | 'bus' | 'media' | 'logger' | 'ownerUserId'>;

/** Who is acting: the local owner (admin) in the app; an API-key user for MCP submissions. */
export interface Actor {
  userId: string;
  isAdmin: boolean;
}

export const ownerActor = (deps: ShaderDeps): Actor => ({ userId: deps.ownerUserId, isAdmin: true });

export const API_BASE = '/api/v1';
