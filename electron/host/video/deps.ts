import type { CoreContext } from '../host-context.js';

/** The pieces of the studio core the Video services use (the HTTP host and `auteur mcp` both have them). */
export type VideoDeps = Pick<CoreContext, 'database' | 'jobs' | 'bus' | 'media' | 'logger' | 'ownerUserId' | 'providers' | 'dataDir' | 'hooks'>;
