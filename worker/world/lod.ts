import { MeshoptSimplifier } from 'meshoptimizer';
import type { Bucket } from './mesh-builder.js';

/**
 * LODs with meshoptimizer: each bucket (node × material) is simplified toward its share of the
 * target triangle count — attribute-aware first (keeps the look), then without the error bound,
 * then sloppy (any topology) when a budget still is not met. Vertices unused afterwards are dropped.
 */

const triangles = (buckets: readonly Bucket[]) => buckets.reduce((t, b) => t + b.indices.length / 3, 0);

function compact(b: Bucket, indices: Uint32Array): Bucket {
  const remap = new Map<number, number>();
  const out: Bucket = { group: b.group, material: b.material, positions: [], normals: [], uvs: [], indices: [] };
  for (const i of indices) {
    let j = remap.get(i);
    if (j === undefined) {
      j = remap.size;
      remap.set(i, j);
      out.positions.push(b.positions[i * 3]!, b.positions[i * 3 + 1]!, b.positions[i * 3 + 2]!);
      out.normals.push(b.normals[i * 3]!, b.normals[i * 3 + 1]!, b.normals[i * 3 + 2]!);
      out.uvs.push(b.uvs[i * 2]!, b.uvs[i * 2 + 1]!);
    }
    out.indices.push(j);
  }
  return out;
}

function simplifyBucket(b: Bucket, targetTris: number, error: number, mode: 'attr' | 'free' | 'sloppy'): Bucket {
  const indices = Uint32Array.from(b.indices);
  if (indices.length / 3 <= targetTris) return b;
  const positions = Float32Array.from(b.positions);
  const target = Math.max(3, Math.floor(targetTris) * 3);
  let out: Uint32Array;
  if (mode === 'sloppy') [out] = MeshoptSimplifier.simplifySloppy(indices, positions, 3, null, target, error);
  else if (mode === 'attr') [out] = MeshoptSimplifier.simplifyWithAttributes(indices, positions, 3, Float32Array.from(b.normals), 3, [0.5, 0.5, 0.5], null, target, error, []);
  else [out] = MeshoptSimplifier.simplify(indices, positions, 3, target, error, ['Permissive']);
  // A bucket simplified away entirely would lose a part: keep the original then.
  return out.length >= 3 ? compact(b, out) : b;
}

export async function simplifyToBudget(buckets: readonly Bucket[], targetTris: number, maxTris: number): Promise<{ buckets: Bucket[]; triangles: number; method: string }> {
  await MeshoptSimplifier.ready;
  const total = triangles(buckets);
  if (total <= targetTris) return { buckets: [...buckets], triangles: total, method: 'none' };
  const passes: Array<['attr' | 'free' | 'sloppy', number]> = [['attr', 0.02], ['free', 0.1], ['free', 1], ['sloppy', 1]];
  let best: Bucket[] = [...buckets];
  let method = 'none';
  for (const [mode, error] of passes) {
    const ratio = targetTris / total;
    best = buckets.map((b) => simplifyBucket(b, Math.max(1, (b.indices.length / 3) * ratio), error, mode));
    method = `meshopt ${mode === 'attr' ? 'simplifyWithAttributes' : mode === 'free' ? 'simplify' : 'simplifySloppy'} (error ${error})`;
    if (triangles(best) <= Math.min(maxTris, targetTris * 1.25)) break;
  }
  return { buckets: best, triangles: triangles(best), method };
}
