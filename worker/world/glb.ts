import { Document, NodeIO, type Material, type Texture } from '@gltf-transform/core';
import type { Bucket, GroupInfo } from './mesh-builder.js';

/**
 * Packages buckets as a GLB with @gltf-transform/core: one root node named after the asset, one
 * child node per group (a character's segments, with the joint as the node's translation), one
 * primitive per material, PBR metallic-roughness materials with the baked albedo textures.
 */

export interface GlbMaterial {
  name: string;
  roughness: number;
  metalness: number;
  /** Glass-like: alpha-blended at 45 % opacity. */
  blend: boolean;
}

export interface GlbInput {
  name: string;
  materials: readonly GlbMaterial[];
  buckets: readonly Bucket[];
  groups: ReadonlyMap<string, GroupInfo>;
  /** PNG per material slot. */
  textures: readonly Uint8Array[];
  extras: Record<string, unknown>;
}

export async function writeGlb(input: GlbInput): Promise<Uint8Array> {
  const doc = new Document();
  doc.getRoot().getAsset().generator = 'Auteur world generator (gltf-transform)';
  const buffer = doc.createBuffer();
  const scene = doc.createScene(input.name);
  const root = doc.createNode(input.name).setExtras({ auteur: input.extras });
  scene.addChild(root);

  const textures: Texture[] = input.textures.map((png, i) => doc.createTexture(`albedo_${i}`).setImage(png).setMimeType('image/png'));
  const materials: Material[] = input.materials.map((m, i) =>
    doc
      .createMaterial(m.name)
      .setBaseColorTexture(textures[i] ?? null)
      .setRoughnessFactor(m.roughness)
      .setMetallicFactor(m.metalness)
      .setAlphaMode(m.blend ? 'BLEND' : 'OPAQUE')
      .setBaseColorFactor(m.blend ? [1, 1, 1, 0.45] : [1, 1, 1, 1]),
  );

  const byGroup = new Map<string, Bucket[]>();
  for (const b of input.buckets) if (b.indices.length) byGroup.set(b.group, [...(byGroup.get(b.group) ?? []), b]);
  for (const [group, buckets] of byGroup) {
    const pivot = input.groups.get(group)?.pivot ?? [0, 0, 0];
    const mesh = doc.createMesh(group);
    for (const b of buckets) {
      const pos = new Float32Array(b.positions.length);
      for (let i = 0; i < pos.length; i += 3) {
        pos[i] = b.positions[i]! - pivot[0];
        pos[i + 1] = b.positions[i + 1]! - pivot[1];
        pos[i + 2] = b.positions[i + 2]! - pivot[2];
      }
      const count = pos.length / 3;
      const prim = doc
        .createPrimitive()
        .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(pos).setBuffer(buffer))
        .setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(Float32Array.from(b.normals)).setBuffer(buffer))
        .setAttribute('TEXCOORD_0', doc.createAccessor().setType('VEC2').setArray(Float32Array.from(b.uvs)).setBuffer(buffer))
        .setIndices(doc.createAccessor().setType('SCALAR').setArray(count < 65536 ? Uint16Array.from(b.indices) : Uint32Array.from(b.indices)).setBuffer(buffer))
        .setMaterial(materials[b.material] ?? materials[0]!);
      mesh.addPrimitive(prim);
    }
    root.addChild(doc.createNode(group).setTranslation([pivot[0], pivot[1], pivot[2]]).setMesh(mesh));
  }
  return new NodeIO().writeBinary(doc);
}
