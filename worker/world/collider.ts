import { Vector3 } from 'three';
import { ConvexHull } from 'three/examples/jsm/math/ConvexHull.js';
import type { WorldCollider } from '../../shared/jobs/world-generate.js';
import type { ColliderKind } from '../../shared/world/recipe.js';
import type { Bucket } from './mesh-builder.js';

/** Colliders (box / convex hull / trimesh) and the closed-mesh volume behind the mass. */

const mm = (v: number) => Math.round(v * 1000) / 1000 || 0; // no -0: JSON round trips equal

export interface Bounds {
  min: [number, number, number];
  max: [number, number, number];
}

export function boundsOf(buckets: readonly Bucket[]): Bounds {
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (const b of buckets) {
    for (let i = 0; i < b.positions.length; i += 3) {
      for (let k = 0; k < 3; k++) {
        const v = b.positions[i + k]!;
        if (v < min[k]!) min[k] = v;
        if (v > max[k]!) max[k] = v;
      }
    }
  }
  return { min, max };
}

/** Sum of signed tetrahedra over closed parts (overlapping parts count twice; capped by the hull). */
export function meshVolume(buckets: readonly Bucket[]): number {
  let vol = 0;
  for (const b of buckets) {
    const p = b.positions, ix = b.indices;
    for (let i = 0; i < ix.length; i += 3) {
      const a = ix[i]! * 3, c = ix[i + 1]! * 3, d = ix[i + 2]! * 3;
      vol += (p[a]! * (p[c + 1]! * p[d + 2]! - p[c + 2]! * p[d + 1]!) - p[a + 1]! * (p[c]! * p[d + 2]! - p[c + 2]! * p[d]!) + p[a + 2]! * (p[c]! * p[d + 1]! - p[c + 1]! * p[d]!)) / 6;
    }
  }
  return Math.abs(vol);
}

function hullOf(buckets: readonly Bucket[]): ConvexHull {
  const pts: Vector3[] = [];
  for (const b of buckets) for (let i = 0; i < b.positions.length; i += 3) pts.push(new Vector3(b.positions[i], b.positions[i + 1], b.positions[i + 2]));
  return new ConvexHull().setFromPoints(pts);
}

/** Volume of the convex hull (fan of tetrahedra from the origin over its faces). */
export function hullVolume(buckets: readonly Bucket[]): number {
  const hull = hullOf(buckets);
  let vol = 0;
  // Quickhull faces are triangles: three half-edge heads each.
  for (const face of hull.faces) {
    const a = face.edge.head().point, b = face.edge.next.head().point, c = face.edge.next.next.head().point;
    vol += a.dot(new Vector3().crossVectors(b, c)) / 6;
  }
  return Math.abs(vol);
}

export function buildCollider(kind: ColliderKind, lod0: readonly Bucket[], lowest: readonly Bucket[], bounds: Bounds): WorldCollider {
  if (kind === 'box') {
    return {
      type: 'box',
      center: [0, 1, 2].map((k) => mm((bounds.min[k]! + bounds.max[k]!) / 2)) as [number, number, number],
      halfExtents: [0, 1, 2].map((k) => mm((bounds.max[k]! - bounds.min[k]!) / 2)) as [number, number, number],
    };
  }
  if (kind === 'convex_hull') {
    // Hull of the lowest LOD keeps the point count small (Rapier rebuilds the hull from the points).
    const hull = hullOf(lowest.length ? lowest : lod0);
    const seen = new Set<string>();
    const points: number[] = [];
    for (const v of hull.vertices) {
      const p = [mm(v.point.x), mm(v.point.y), mm(v.point.z)];
      const key = p.join(',');
      if (!seen.has(key)) {
        seen.add(key);
        points.push(...p);
      }
    }
    return { type: 'convex_hull', points };
  }
  // Trimesh: the lowest LOD welded at millimetres.
  const index = new Map<string, number>();
  const vertices: number[] = [];
  const indices: number[] = [];
  for (const b of lowest) {
    for (const i of b.indices) {
      const p = [mm(b.positions[i * 3]!), mm(b.positions[i * 3 + 1]!), mm(b.positions[i * 3 + 2]!)];
      const key = p.join(',');
      let j = index.get(key);
      if (j === undefined) {
        j = vertices.length / 3;
        index.set(key, j);
        vertices.push(...p);
      }
      indices.push(j);
    }
  }
  // Drop triangles that welding collapsed.
  const clean: number[] = [];
  for (let t = 0; t < indices.length; t += 3) {
    const [a, b, c] = [indices[t]!, indices[t + 1]!, indices[t + 2]!];
    if (a !== b && b !== c && a !== c) clean.push(a, b, c);
  }
  return { type: 'trimesh', vertices, indices: clean };
}
