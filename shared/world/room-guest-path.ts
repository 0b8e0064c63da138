/**
 * Where a world room's browser guests land, on the desktop's LAN listener and on the community
 * relay alike: /world-room/<roomId>/t/<invite>/ (the renderer's guest entry matches the prefix;
 * every URL the page loads lives under it, so the invite travels in the path).
 */
export const WORLD_ROOM_GUEST_SCOPE = 'world-room';

export function worldRoomGuestPath(roomId: string, invite: string): string {
  return `/${WORLD_ROOM_GUEST_SCOPE}/${encodeURIComponent(roomId)}/t/${encodeURIComponent(invite)}/`;
}
