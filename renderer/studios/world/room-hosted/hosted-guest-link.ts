import QRCode from 'qrcode';
import { worldRoomGuestPath } from '../../../../shared/world/room-guest-path.js';

/**
 * The browser join link of a relay-hosted room: the relay serves the world-room guest page at
 * /world-room/<roomId>/t/<invite>/ on its own origin (relay/rooms/world/hosted-guest-routes.ts).
 */
export function hostedGuestLink(relayUrl: string, roomId: string, invite: string): string {
  return `${relayUrl.replace(/\/$/, '')}${worldRoomGuestPath(roomId, invite)}`;
}

/** Its QR code as an <img> src, drawn like the LAN invite's (svg, margin 1, level M). */
export async function hostedGuestQr(link: string): Promise<string> {
  const svg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
