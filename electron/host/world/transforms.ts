import type { Quat, Transform, Vec3 } from '../../../shared/schemas/world.js';

/** Quaternion product a·b ([x, y, z, w]). */
export function quatMul(a: Quat, b: Quat): Quat {
  const [ax, ay, az, aw] = a;
  const [bx, by, bz, bw] = b;
  return [aw * bx + ax * bw + ay * bz - az * by, aw * by - ax * bz + ay * bw + az * bx, aw * bz + ax * by - ay * bx + az * bw, aw * bw - ax * bx - ay * by - az * bz];
}

export function rotate(q: Quat, v: Vec3): Vec3 {
  const [x, y, z, w] = q;
  const [vx, vy, vz] = v;
  // v' = v + 2w(q×v) + 2q×(q×v)
  const tx = 2 * (y * vz - z * vy), ty = 2 * (z * vx - x * vz), tz = 2 * (x * vy - y * vx);
  return [vx + w * tx + (y * tz - z * ty), vy + w * ty + (z * tx - x * tz), vz + w * tz + (x * ty - y * tx)];
}

const normalise = (q: Quat): Quat => {
  const n = Math.hypot(...q) || 1;
  return q.map((v) => v / n) as Quat;
};

/** parent ∘ child: the child's transform expressed in the parent's space. */
export function composeTransforms(parent: Transform, child: Transform): Transform {
  const scaled: Vec3 = [child.position[0] * parent.scale[0], child.position[1] * parent.scale[1], child.position[2] * parent.scale[2]];
  const p = rotate(parent.rotation, scaled);
  return {
    position: [parent.position[0] + p[0], parent.position[1] + p[1], parent.position[2] + p[2]],
    rotation: normalise(quatMul(parent.rotation, child.rotation)),
    scale: [parent.scale[0] * child.scale[0], parent.scale[1] * child.scale[1], parent.scale[2] * child.scale[2]],
  };
}

/** The world transform of `child` relative to `parent`'s position only (used for prefab roots). */
export function relativeTransform(origin: Vec3, t: Transform): Transform {
  return { ...t, position: [t.position[0] - origin[0], t.position[1] - origin[1], t.position[2] - origin[2]] };
}
