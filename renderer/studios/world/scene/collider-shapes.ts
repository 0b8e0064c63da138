import type RAPIER_NS from '@dimforge/rapier3d-compat';
import { Matrix4, Quaternion, Vector3 } from 'three';
import type { ColliderPlan } from './collider-choice.js';

type Rapier = typeof RAPIER_NS;
type Vec3 = [number, number, number];

/**
 * A Rapier collider description for one shape in its body's space. `local` places the entity in
 * the body (scale for a root; the parent chain for a prefab child). Boxes, balls and capsules sit
 * on the pivot (ground contact); hull points and trimesh vertices come in asset space and are
 * baked through `local`, so non-uniform scale is exact. A degenerate hull falls back to the box.
 */
export function colliderDesc(R: Rapier, plan: ColliderPlan, size: Vec3, local: Matrix4): RAPIER_NS.ColliderDesc {
  if (plan.shape === 'convex_hull' || plan.shape === 'trimesh') {
    const src = plan.shape === 'convex_hull' ? plan.points : plan.vertices;
    const pts = new Float32Array(src.length);
    const v = new Vector3();
    for (let i = 0; i + 2 < src.length; i += 3) {
      v.set(src[i]!, src[i + 1]!, src[i + 2]!).applyMatrix4(local);
      pts[i] = v.x;
      pts[i + 1] = v.y;
      pts[i + 2] = v.z;
    }
    const desc = plan.shape === 'trimesh' ? R.ColliderDesc.trimesh(pts, Uint32Array.from(plan.indices)) : R.ColliderDesc.convexHull(pts);
    if (desc) return desc;
  }
  const pos = new Vector3();
  const rot = new Quaternion();
  const scl = new Vector3();
  local.decompose(pos, rot, scl);
  const half = size.map((s, i) => Math.max(0.005, (s * Math.abs([scl.x, scl.y, scl.z][i]!)) / 2)) as Vec3;
  // The entity's pivot is at ground contact: the shape sits on it.
  const centre = new Vector3(0, half[1], 0).applyQuaternion(rot).add(pos);
  let desc: RAPIER_NS.ColliderDesc;
  if (plan.shape === 'ball') desc = R.ColliderDesc.ball(Math.max(...half));
  else if (plan.shape === 'capsule') {
    const radius = Math.max(half[0], half[2]);
    desc = R.ColliderDesc.capsule(Math.max(0.005, half[1] - radius), radius);
  } else desc = R.ColliderDesc.cuboid(...half);
  return desc.setTranslation(centre.x, centre.y, centre.z).setRotation({ x: rot.x, y: rot.y, z: rot.z, w: rot.w });
}
