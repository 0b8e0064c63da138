import type { CoreContext } from '../host-context.js';

/** The pieces of the studio core the Shots services use (the HTTP host and `auteur mcp` both have them). */
export type ShotsDeps = Pick<CoreContext, 'database' | 'jobs' | 'bus' | 'media' | 'logger' | 'ownerUserId' | 'providers' | 'dataDir'>;

export const API_BASE = '/api/v1';
