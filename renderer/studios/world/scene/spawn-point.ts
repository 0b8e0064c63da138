import { Box3, Raycaster, Vector2, Vector3 } from 'three';
import type { Transform } from '../../../../shared/schemas/world.js';
import { sampleHeight } from '../../../../shared/world/terrain.js';
import { snapTo } from '../store/entity-ops.js';
import { freeSpot, type Footprint } from '../../../../shared/world/free-spot.js';
import { useWorldStore } from '../store/world-store.js';
import { rootObjects, sceneRefs } from './registry.js';

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

/** The ground point the camera looks at (a terrain stamp's centre). */
export function groundInFront(): Vector3 {
  const cam = sceneRefs.camera;
  if (!cam) return new Vector3(0, 0, 0);
  return groundAlong(cam.position.clone(), new Vector3(0, 0, -1).applyQuaternion(cam.quaternion));
}

/** Ground footprints of the objects in the world (root objects; a prefab's children are in its box). */
function takenFootprints(): Footprint[] {
  const box = new Box3();
  const out: Footprint[] = [];
  for (const [, obj] of rootObjects()) {
    box.setFromObject(obj);
    if (box.isEmpty()) continue;
    out.push({ x: (box.min.x + box.max.x) / 2, z: (box.min.z + box.max.z) / 2, halfX: (box.max.x - box.min.x) / 2, halfZ: (box.max.z - box.min.z) / 2 });
  }
  return out;
}

/**
 * A spawn transform in front of the camera, on the ground: where the camera looks, or the nearest
 * free spot around it for an object of `size` metres, so spawning twice does not stack two
 * objects in one place.
 */
export function spawnInFront(size: readonly [number, number, number] = [1, 1, 1]): Transform {
  const p = groundInFront();
  if (!sceneRefs.camera) return at(p);
  const s = useWorldStore.getState();
  const spot = freeSpot(p.x, p.z, size[0] / 2, size[2] / 2, takenFootprints(), s.snap);
  p.set(spot.x, sampleHeight(s.terrain, spot.x, spot.z), spot.z);
  return at(p);
}

/** A spawn transform under a point of the canvas (a library drop), in CSS pixels of the canvas. */
export function spawnAtScreen(x: number, y: number, width: number, height: number): Transform {
  const cam = sceneRefs.camera;
  if (!cam) return spawnInFront();
  const ray = new Raycaster();
  ray.setFromCamera(new Vector2((x / width) * 2 - 1, -(y / height) * 2 + 1), cam);
  return at(groundAlong(ray.ray.origin.clone(), ray.ray.direction.clone()));
}
