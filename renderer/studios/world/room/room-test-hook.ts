import { ownState } from './OwnAvatar.js';
import type { RoomClient } from './room-client.js';
import { useRoomStore } from './room-store.js';
import { roomObjects } from './RoomEntity.js';

/**
 * window.__auteurRoom for end-to-end tests: what this player's screen shows of the session
 * (players, where each body is drawn, who holds what), which pixels alone cannot tell, plus the
 * same pick-up / throw / look actions the keys trigger (aiming a key press at one object in a
 * headless browser is not reliable), and dropConnection to exercise reconnection.
 */
export function installRoomTestHook(client: RoomClient): () => void {
  const hook = {
    snapshot() {
      const s = useRoomStore.getState();
      const now = performance.now();
      return {
        status: s.status,
        you: s.you,
        isHost: s.isHost,
        worldId: s.worldId,
        own: ownState.position,
        players: Object.values(s.players).map((p) => ({
          sessionId: p.sessionId,
          name: p.name,
          connected: p.connected,
          holding: p.holding || null,
          position: p.sessionId === s.you ? ownState.position : (client.interp.sample(`player:${p.sessionId}`, now)?.position ?? null),
        })),
        holders: { ...s.holders },
        entities: Object.values(s.entities).map((e) => {
          const g = roomObjects.get(e.id);
          let glbLoaded = false;
          g?.traverse((o) => {
            if (o.userData.glbLoaded) glbLoaded = true;
          });
          return {
            id: e.id,
            name: e.name,
            status: e.status,
            assetId: e.assetId,
            bodyType: e.physics.bodyType,
            drawn: g ? ([g.position.x, g.position.y, g.position.z] as [number, number, number]) : null,
            server: client.interp.latest(e.id)?.position ?? null,
            glbLoaded,
          };
        }),
        notices: s.notices.map((n) => n.text),
        chat: s.chat.map((m) => ({ from: m.from, name: m.name, text: m.text })),
        chatRefusal: s.chatRefusal?.text ?? null,
        stats: s.stats,
      };
    },
    pickUp: (id?: string) => ownState.actions?.pickUp(id) ?? null,
    throwHeld: () => ownState.actions?.throwHeld() ?? false,
    face: (yaw: number, pitch: number) => ownState.actions?.face(yaw, pitch),
    dropConnection: () => client.dropConnection(),
  };
  (window as unknown as { __auteurRoom?: typeof hook }).__auteurRoom = hook;
  return () => {
    delete (window as unknown as { __auteurRoom?: typeof hook }).__auteurRoom;
  };
}
