/**
 * Where a LAN guest's invite link points: /world-room/<worldId>?invite=<token> (the link and QR)
 * or /world-room/<worldId>/t/<token>/ (every later URL: the token travels in the path).
 */
export interface GuestLocation {
  worldId: string;
  token: string;
  /** /world-room/<worldId>/t/<token>/ */
  basePath: string;
}

const SCOPE = 'world-room';

/** The session a guest URL names, or null when the path is not a world-room guest path. */
export function parseGuestLocation(pathname: string, search: string): GuestLocation | null {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== SCOPE || !parts[1]) return null;
  const worldId = parts[1];
  const token = parts[2] === 't' && parts[3] ? parts[3] : new URLSearchParams(search).get('invite');
  if (!token) return null;
  return { worldId, token, basePath: `/${SCOPE}/${encodeURIComponent(worldId)}/t/${encodeURIComponent(token)}/` };
}

export function isGuestPath(pathname: string): boolean {
  return pathname.startsWith(`/${SCOPE}/`);
}
