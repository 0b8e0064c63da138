import type { Camera, Object3D, Scene, WebGLRenderer } from 'three';
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
  /** Ask for a frame (the canvas renders on demand in build mode). */
  invalidate: () => void;
} = {
  camera: null,
  gl: null,
  scene: null,
  physics: null,
  objects: new Map(),
  invalidate: () => undefined,
};
