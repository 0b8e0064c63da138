import type { WorldCollider } from '../../../../shared/jobs/world-generate.js';
import type { BodyType, ColliderShape } from '../../../../shared/schemas/world.js';

/**
 * Which Rapier shape an entity gets (pure, so it is unit-tested without Rapier):
 * - a placeholder (no asset yet) or an asset whose collider file has not arrived: a box;
 * - `convex_hull`: the hull of the file's points (a trimesh file's vertices serve as points);
 * - `trimesh`: the welded triangles, but only on a static body — Rapier gives a trimesh no mass
 *   and lets it miss other trimeshes, so a dynamic or kinematic one falls back to its convex hull;
 * - `sphere` / `capsule`: fitted to the box size; `box`: the box.
 */

export type ColliderPlan =
  | { shape: 'box' }
  | { shape: 'ball' }
  | { shape: 'capsule' }
  | { shape: 'convex_hull'; points: number[] }
  | { shape: 'trimesh'; vertices: number[]; indices: number[] };

export function chooseCollider(wanted: ColliderShape, bodyType: BodyType, file: WorldCollider | null, isPlaceholder: boolean): ColliderPlan {
  if (isPlaceholder) return { shape: 'box' };
  if (wanted === 'sphere') return { shape: 'ball' };
  if (wanted === 'capsule') return { shape: 'capsule' };
  if (wanted === 'box' || !file || file.type === 'box') return { shape: 'box' };
  const points = file.type === 'convex_hull' ? file.points : file.vertices;
  if (wanted === 'trimesh' && bodyType === 'static' && file.type === 'trimesh' && file.indices.length >= 3) {
    return { shape: 'trimesh', vertices: file.vertices, indices: file.indices };
  }
  // Four points at least span a volume; fewer cannot make a hull.
  return points.length >= 12 ? { shape: 'convex_hull', points } : { shape: 'box' };
}
