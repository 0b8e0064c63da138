import { LOD } from 'three';
import { sampleHeight } from '../../../../shared/world/terrain.js';
import { useWorldStore } from '../store/world-store.js';
import { playState } from './PlayController.js';
import { sceneRefs } from './registry.js';

/**
 * A small read-only view for end-to-end tests and the bench (window.__auteurWorld): what the
 * scene shows and where physics has things, which pixels alone cannot tell; frameMs redraws the
 * current view to time it. It changes nothing.
 */
export function installTestHook(): () => void {
  const hook = {
    /** Ground height the editor has at a world point (terrain as loaded and sculpted). */
    terrainHeight(x: number, z: number): number {
      return sampleHeight(useWorldStore.getState().terrain, x, z);
    },
    /** Milliseconds per frame of the current view, drawn `frames` times and waited for (bench). */
    frameMs(frames: number): number {
      const { gl, scene, camera } = sceneRefs;
      if (!gl || !scene || !camera) return Number.NaN;
      const px = new Uint8Array(4);
      const ctx = gl.getContext();
      const t0 = performance.now();
      for (let i = 0; i < frames; i++) {
        gl.render(scene, camera);
        ctx.readPixels(0, 0, 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, px);
      }
      return (performance.now() - t0) / frames;
    },
    /** First draws of placeholder boxes at or after `since` (performance.now() ms). */
    drawnSince(since: number): Array<{ entityId: string; at: number }> {
      return sceneRefs.drawLog.filter((d) => d.at >= since);
    },
    snapshot() {
      const s = useWorldStore.getState();
      const poses = sceneRefs.physics?.poses();
      return {
        mode: s.mode,
        selection: [...s.selection],
        save: s.save.state,
        undo: s.history.past.map((c) => c.label),
        redo: s.history.future.map((c) => c.label),
        holding: playState.holding,
        avatar: playState.avatar,
        lastThrow: playState.lastThrow,
        view: playState.view,
        entities: Object.values(s.entities).map((e) => {
          const obj = sceneRefs.objects.get(e.id);
          let glbLoaded = false;
          let lodLevels = 0;
          let lodLevel: number | null = null;
          obj?.traverse((o) => {
            if (o.userData.glbLoaded) glbLoaded = true;
            if (o.userData.lodLevels) lodLevels = o.userData.lodLevels as number;
            if (o instanceof LOD) lodLevel = o.getCurrentLevel();
          });
          return {
            id: e.id,
            name: e.name,
            status: e.status,
            assetId: e.assetId,
            massKg: e.physics.massKg,
            position: e.transform.position,
            livePosition: poses?.get(e.id)?.position ?? null,
            glbLoaded,
            lodLevels,
            lodLevel,
            collider: sceneRefs.physics?.colliderShape(e.id) ?? null,
          };
        }),
      };
    },
  };
  (window as unknown as { __auteurWorld?: typeof hook }).__auteurWorld = hook;
  return () => {
    delete (window as unknown as { __auteurWorld?: typeof hook }).__auteurWorld;
  };
}
