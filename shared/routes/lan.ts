import { LanStatus, UpdateLanBody } from '../schemas/lan.js';
import type { RouteSpec } from './route-spec.js';

const L = { tag: 'lan', auth: 'token' } as const;

/** The LAN listener's switch. Off by default; what it serves is decided by invites, not here. */
export const LAN_ROUTES = {
  'lan.get': { ...L, method: 'get', path: '/lan', summary: 'Share on my network: setting, whether the listener runs, port and LAN addresses', response: LanStatus },
  'lan.update': {
    ...L, method: 'put', path: '/lan',
    summary: 'Turn "Share on my network" on or off (persisted) and pick its port; turning it off closes the listener and every guest socket',
    body: UpdateLanBody, response: LanStatus,
  },
} as const satisfies Record<string, RouteSpec>;
