import type { Camera, Object3D, Scene, WebGLRenderer } from 'three';
import { useWorldStore } from '../store/world-store.js';
import type { PhysicsWorld } from './physics.js';

/**
 * Imperative handles the React tree shares with panels outside the Canvas (spawn in front of
 * the camera, the play controller driving objects): one open world at a time.
 */
export const sceneRefs: {
  camera: Camera | null;
  gl: WebGLRenderer | null;
  scene: Scene | null;
  physics: PhysicsWorld | null;
  /** Root three object of each entity, by entity id. */
  objects: Map<string, Object3D>;
  /** The editor's one transform gizmo (attached to the primary selection, or to nothing). */
  gizmo: Object3D | null;
  /** Ask for a frame (the canvas renders on demand in build mode). */
  invalidate: () => void;
  /** When each placeholder box was first drawn (performance.now(), newest last, bounded): the bench's Enter → drawn. */
  drawLog: Array<{ entityId: string; at: number }>;
} = {
  camera: null,
  gl: null,
  scene: null,
  physics: null,
  objects: new Map(),
  gizmo: null,
  invalidate: () => undefined,
  drawLog: [],
};

/**
 * Draws the scene now, outside the demand loop: an optimistic spawn is on screen in the task that
 * handled Enter, before the next animation frame (which a loaded machine may delay past the
 * host's answer).
 */
export function renderNow(): void {
  const { gl, scene, camera } = sceneRefs;
  if (gl && scene && camera) gl.render(scene, camera);
}

/** Notes the first draw of an entity's placeholder (called from the mesh's onAfterRender). */
export function logFirstDraw(entityId: string): void {
  const log = sceneRefs.drawLog;
  for (let i = log.length - 1; i >= 0 && i >= log.length - 8; i--) if (log[i]!.entityId === entityId) return;
  log.push({ entityId, at: performance.now() });
  if (log.length > 64) log.splice(0, log.length - 64);
}

/** The scene objects of root entities (a prefab's children are inside their root's object). */
export function* rootObjects(): Generator<[string, Object3D]> {
  const entities = useWorldStore.getState().entities;
  for (const [id, obj] of sceneRefs.objects) {
    const e = entities[id];
    if (e && !(e.parentId && entities[e.parentId])) yield [id, obj];
  }
}
