import { NodeIO } from '@gltf-transform/core';
import { Matrix3, Matrix4, Vector3 } from 'three';
import type { Bucket, GroupInfo } from './mesh-builder.js';

/**
 * A provider's GLB (text-to-3D, image-to-3D) flattened into the pipeline's buckets: every
 * triangle primitive of the default scene in object space (node transforms applied), one bucket
 * per material, with its base colour image kept as the material's texture. Then the same
 * post-process as procedural assets applies (metres, pivot, LODs, collider, mass, validation).
 */

export interface ImportedMaterial {
  name: string;
  roughness: number;
  metalness: number;
  blend: boolean;
  /** The base colour image (PNG/JPEG bytes), if the material has one. */
  image: Uint8Array | null;
}

export interface ImportedMesh {
  buckets: Bucket[];
  groups: Map<string, GroupInfo>;
  materials: ImportedMaterial[];
}

export async function importGlb(bytes: Uint8Array): Promise<ImportedMesh> {
  let doc;
  try {
    doc = await new NodeIO().readBinary(bytes);
  } catch (err) {
    throw new Error(`the provider's GLB could not be read: ${(err as Error).message.split('\n')[0]}`);
  }
  const root = doc.getRoot();
  const scene = root.getDefaultScene() ?? root.listScenes()[0];
  if (!scene) throw new Error("the provider's GLB has no scene");
  const materials: ImportedMaterial[] = [];
  const slot = new Map<unknown, number>();
  const buckets = new Map<number, Bucket>();
  const p = new Vector3(), n = new Vector3();
  scene.traverse((node) => {
    const mesh = node.getMesh();
    if (!mesh) return;
    const world = new Matrix4().fromArray(node.getWorldMatrix());
    const normalM = new Matrix3().getNormalMatrix(world);
    for (const prim of mesh.listPrimitives()) {
      if (prim.getMode() !== 4) continue; // triangles only (points and lines are not solids)
      const pos = prim.getAttribute('POSITION');
      if (!pos) continue;
      const nrm = prim.getAttribute('NORMAL');
      const uv = prim.getAttribute('TEXCOORD_0');
      const mat = prim.getMaterial();
      let s = slot.get(mat ?? 'none');
      if (s === undefined) {
        s = materials.length;
        slot.set(mat ?? 'none', s);
        const tex = mat?.getBaseColorTexture();
        materials.push({ name: mat?.getName() || `material_${s}`, roughness: mat?.getRoughnessFactor() ?? 0.8, metalness: mat?.getMetallicFactor() ?? 0, blend: mat?.getAlphaMode() === 'BLEND', image: tex?.getImage() ?? null });
      }
      let b = buckets.get(s);
      if (!b) buckets.set(s, (b = { group: 'body', material: s, positions: [], normals: [], uvs: [], indices: [] }));
      const base = b.positions.length / 3;
      const count = pos.getCount();
      const el: number[] = [];
      for (let i = 0; i < count; i++) {
        pos.getElement(i, el);
        p.set(el[0]!, el[1]!, el[2]!).applyMatrix4(world);
        b.positions.push(p.x, p.y, p.z);
        if (nrm) {
          nrm.getElement(i, el);
          n.set(el[0]!, el[1]!, el[2]!).applyMatrix3(normalM).normalize();
        } else n.set(0, 1, 0);
        b.normals.push(n.x, n.y, n.z);
        if (uv) {
          uv.getElement(i, el);
          b.uvs.push(el[0]!, el[1]!);
        } else b.uvs.push(0, 0);
      }
      const idx = prim.getIndices();
      if (idx) for (let i = 0; i < idx.getCount(); i++) b.indices.push(base + idx.getScalar(i));
      else for (let i = 0; i < count; i++) b.indices.push(base + i);
    }
  });
  const list = [...buckets.values()].filter((b) => b.indices.length >= 3);
  if (!list.length) throw new Error("the provider's GLB has no triangles");
  return { buckets: list, groups: new Map([['body', { name: 'body', pivot: [0, 0, 0] }]]), materials };
}
