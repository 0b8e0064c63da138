import { z } from 'zod';
import { RelayMe, RelayUsername } from './relay-accounts.js';

/**
 * The desktop side of the community relay (issue 14): which relay this studio talks to and
 * who is signed in there. The renderer never talks to the relay itself; the host does.
 */

/** An http(s) relay base URL, e.g. http://127.0.0.1:4880 or https://relay.example.org. */
export const CommunityRelayUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'an http:// or https:// address without credentials, e.g. http://127.0.0.1:4880');

export const CommunitySettingsBody = z.object({ relayUrl: CommunityRelayUrl.nullable() });
export type CommunitySettingsBody = z.infer<typeof CommunitySettingsBody>;

export const CommunitySignInBody = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});
export type CommunitySignInBody = z.infer<typeof CommunitySignInBody>;

export const CommunityRegisterBody = z.object({
  username: RelayUsername,
  email: z.email().max(254),
  password: z.string().min(10, 'at least 10 characters').max(200),
});
export type CommunityRegisterBody = z.infer<typeof CommunityRegisterBody>;

/** Where the studio stands with its relay. Tokens never leave the host. */
export const CommunityStatus = z.object({
  relayUrl: z.string().nullable(),
  signedIn: z.boolean(),
  /** The signed-in account as the relay last reported it. */
  user: RelayMe.pick({ id: true, username: true, email: true, tier: true }).nullable(),
  /** A stored sign-in that can no longer be used (undecryptable, revoked): why, so the user signs in again. */
  problem: z.string().nullable(),
  /** How the stored tokens are protected at rest (same codec as provider keys). */
  encryption: z.string(),
});
export type CommunityStatus = z.infer<typeof CommunityStatus>;

/** The relay's /health as seen from the host, or why it could not be reached. */
export const CommunityRelayCheck = z.object({
  relayUrl: z.string(),
  reachable: z.boolean(),
  message: z.string(),
  health: z.record(z.string(), z.unknown()).nullable(),
});
export type CommunityRelayCheck = z.infer<typeof CommunityRelayCheck>;
