import { CommunityRegisterBody, CommunityRelayCheck, CommunitySettingsBody, CommunitySignInBody, CommunityStatus } from '../schemas/community.js';
import type { RouteSpec } from './route-spec.js';

/** Settings → Community: the relay this studio publishes to, and the account used there. */
export const COMMUNITY_ROUTES = {
  'community.status': {
    auth: 'token', tag: 'community', method: 'get', path: '/community', response: CommunityStatus,
    summary: 'Relay URL and who is signed in there (tokens stay in the host, encrypted at rest)',
  },
  'community.settings': {
    auth: 'token', tag: 'community', method: 'put', path: '/community/settings', body: CommunitySettingsBody, response: CommunityStatus,
    summary: 'Set or clear the relay URL; changing it signs out of the old relay',
  },
  'community.check': {
    auth: 'token', tag: 'community', method: 'get', path: '/community/check', response: CommunityRelayCheck,
    summary: "Ask the configured relay's /health whether it is reachable and what it runs",
  },
  'community.signIn': {
    auth: 'token', tag: 'community', method: 'post', path: '/community/sign-in', body: CommunitySignInBody, response: CommunityStatus,
    summary: 'Sign in to the relay; the access and refresh tokens are stored encrypted',
  },
  'community.register': {
    auth: 'token', tag: 'community', method: 'post', path: '/community/register', body: CommunityRegisterBody, response: CommunityStatus, status: 201,
    summary: 'Create a relay account and sign in with it',
  },
  'community.account': {
    auth: 'token', tag: 'community', method: 'post', path: '/community/account', response: CommunityStatus,
    summary: 'Re-read the signed-in account from the relay (tier after an upgrade), refreshing the access token when it has expired',
  },
  'community.signOut': {
    auth: 'token', tag: 'community', method: 'post', path: '/community/sign-out', response: CommunityStatus,
    summary: 'Sign out: revoke the tokens at the relay when it answers, and forget them here either way',
  },
} as const satisfies Record<string, RouteSpec>;
