import { LOD, Vector3, type Mesh, type Object3D } from 'three';
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
    /**
     * The move gizmo: which entity it is on, and where its x arrow is on the page (CSS px, the
     * middle of the arrow's pick area) so a test can drag it as a person would.
     */
    gizmo(): { attachedTo: string | null; xArrow: [number, number] | null; origin: [number, number] | null } {
      const g = sceneRefs.gizmo as (Object3D & { object?: Object3D; gizmo?: { picker?: { translate?: Object3D } } }) | null;
      const { camera, gl } = sceneRefs;
      const attachedTo = (g?.visible && (g.object?.userData.entityId as string | undefined)) || null;
      if (!g || !attachedTo || !camera || !gl) return { attachedTo, xArrow: null, origin: null };
      g.updateMatrixWorld();
      const rect = gl.domElement.getBoundingClientRect();
      const toPage = (v: Vector3): [number, number] => {
        const p = v.project(camera);
        return [rect.left + ((p.x + 1) / 2) * rect.width, rect.top + ((1 - p.y) / 2) * rect.height];
      };
      // The handles' offsets are baked into their geometry: the arrow is its box's centre.
      const arrow = g.gizmo?.picker?.translate?.children.find((c): c is Mesh => c.name === 'X' && (c as Mesh).isMesh === true);
      arrow?.geometry.computeBoundingBox();
      return {
        attachedTo,
        xArrow: arrow?.geometry.boundingBox ? toPage(arrow.geometry.boundingBox.getCenter(new Vector3()).applyMatrix4(arrow.matrixWorld)) : null,
        origin: g.object ? toPage(g.object.getWorldPosition(new Vector3())) : null,
      };
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
