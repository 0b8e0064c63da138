import { Raycaster, Vector2, Vector3 } from 'three';
import type { Transform } from '../../../../shared/schemas/world.js';
import { sampleHeight } from '../../../../shared/world/terrain.js';
import { snapTo } from '../store/entity-ops.js';
import { useWorldStore } from '../store/world-store.js';
import { sceneRefs } from './registry.js';

/** Where the camera ray meets the ground (y = 0 plane, then the terrain height there), 3–30 m away. */
function groundAlong(origin: Vector3, dir: Vector3): Vector3 {
  let dist = 10;
  if (dir.y < -0.02) dist = Math.min(30, Math.max(3, -origin.y / dir.y));
  const p = origin.clone().addScaledVector(dir, dist);
  const s = useWorldStore.getState();
  p.x = snapTo(p.x, s.snap);
  p.z = snapTo(p.z, s.snap);
  p.y = sampleHeight(s.terrain, p.x, p.z);
  return p;
}

const at = (p: Vector3): Transform => ({ position: [p.x, p.y, p.z], rotation: [0, 0, 0, 1], scale: [1, 1, 1] });

/** A spawn transform in front of the camera, on the ground. */
export function spawnInFront(): Transform {
  const cam = sceneRefs.camera;
  if (!cam) return at(new Vector3(0, 0, 0));
  const dir = new Vector3(0, 0, -1).applyQuaternion(cam.quaternion);
  return at(groundAlong(cam.position.clone(), dir));
}

/** A spawn transform under a point of the canvas (a library drop), in CSS pixels of the canvas. */
export function spawnAtScreen(x: number, y: number, width: number, height: number): Transform {
  const cam = sceneRefs.camera;
  if (!cam) return spawnInFront();
  const ray = new Raycaster();
  ray.setFromCamera(new Vector2((x / width) * 2 - 1, -(y / height) * 2 + 1), cam);
  return at(groundAlong(ray.ray.origin.clone(), ray.ray.direction.clone()));
}
