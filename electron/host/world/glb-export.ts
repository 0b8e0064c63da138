import { Document, NodeIO, type Node } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { mergeDocuments, prune, unpartition } from '@gltf-transform/functions';
import { MeshoptDecoder, MeshoptEncoder } from 'meshoptimizer';
import type { Entity } from '../../../shared/schemas/world.js';
import { badRequest } from '../errors.js';
import type { AssetStore } from './asset-store.js';
import type { EntityService } from './entity-service.js';
import type { WorldService } from './world-service.js';

/** Largest world export (entities); bigger worlds are refused rather than built for minutes. */
export const MAX_EXPORT_ENTITIES = 2000;

let io: Promise<NodeIO> | null = null;
/** One NodeIO that reads and writes every extension the generator may use (meshopt included). */
function glbIO(): Promise<NodeIO> {
  io ??= Promise.all([MeshoptDecoder.ready, MeshoptEncoder.ready]).then(() =>
    new NodeIO().registerExtensions(ALL_EXTENSIONS).registerDependencies({ 'meshopt.decoder': MeshoptDecoder, 'meshopt.encoder': MeshoptEncoder }),
  );
  return io;
}

function hexToLinear(hex: string): [number, number, number, number] {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return [c[0]!, c[1]!, c[2]!, 1];
}

/** A unit box mesh (pivot at the bottom centre, as placeholders stand), scaled to the placeholder's size. */
function placeholderBox(doc: Document, size: [number, number, number], color: string): Node {
  const [sx, sy, sz] = size.map((v) => v / 2) as [number, number, number];
  const p: number[] = [];
  const n: number[] = [];
  const idx: number[] = [];
  const faces: [number[], number[], number[]][] = [
    [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[-1, 0, 0], [0, 1, 0], [0, 0, -1]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]],
    [[0, -1, 0], [0, 0, -1], [1, 0, 0]], [[0, 0, 1], [1, 0, 0], [0, 1, 0]], [[0, 0, -1], [-1, 0, 0], [0, 1, 0]],
  ];
  for (const [normal, u, v] of faces) {
    const base = p.length / 3;
    for (const [a, b] of [[-1, -1], [1, -1], [1, 1], [-1, 1]] as const) {
      const x = normal[0]! + a * u[0]! + b * v[0]!, y = normal[1]! + a * u[1]! + b * v[1]!, z = normal[2]! + a * u[2]! + b * v[2]!;
      p.push(x * sx, y * sy + sy, z * sz);
      n.push(...normal);
    }
    idx.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }
  const buffer = doc.getRoot().listBuffers()[0] ?? doc.createBuffer();
  const prim = doc
    .createPrimitive()
    .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(new Float32Array(p)).setBuffer(buffer))
    .setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(new Float32Array(n)).setBuffer(buffer))
    .setIndices(doc.createAccessor().setType('SCALAR').setArray(new Uint16Array(idx)).setBuffer(buffer))
    .setMaterial(doc.createMaterial('placeholder').setBaseColorFactor(hexToLinear(color)).setRoughnessFactor(0.8));
  return doc.createNode('placeholder').setMesh(doc.createMesh('placeholder').addPrimitive(prim));
}

/**
 * The whole world as one GLB: a node per entity at its transform (children under their parent),
 * holding a copy of its asset's scene (each asset read once) or, for an entity still a
 * placeholder, a box of the placeholder's size and colour. Buffers are merged into one for GLB.
 */
export class GlbExporter {
  constructor(
    private readonly worlds: WorldService,
    private readonly entities: EntityService,
    private readonly assets: AssetStore,
  ) {}

  async asset(id: string): Promise<Buffer> {
    return this.assets.glb(id);
  }

  async world(worldId: string): Promise<{ name: string; bytes: Uint8Array }> {
    const world = this.worlds.get(worldId);
    const list = this.entities.list(worldId);
    if (list.length > MAX_EXPORT_ENTITIES) throw badRequest(`World has ${list.length} entities; exports take at most ${MAX_EXPORT_ENTITIES}`);
    const nodeIO = await glbIO();
    const doc = new Document();
    doc.createBuffer();
    const scene = doc.createScene(world.name);
    doc.getRoot().setDefaultScene(scene);
    // Each asset merged once; its scene's root nodes are the template every entity instance copies by reference to its meshes.
    const templates = new Map<string, Node[]>();
    const templateOf = async (assetId: string): Promise<Node[] | null> => {
      if (templates.has(assetId)) return templates.get(assetId)!;
      let roots: Node[] = [];
      try {
        const src = await nodeIO.readBinary(new Uint8Array(await this.assets.glb(assetId)));
        const map = mergeDocuments(doc, src);
        const srcScene = src.getRoot().getDefaultScene() ?? src.getRoot().listScenes()[0];
        roots = (srcScene?.listChildren() ?? []).map((n) => map.get(n) as Node);
        // mergeDocuments also copies the source scene; only its nodes are used here.
        for (const s of doc.getRoot().listScenes()) if (s !== scene) s.dispose();
      } catch {
        roots = [];
      }
      templates.set(assetId, roots);
      return roots;
    };
    // Instances share the merged meshes; the template nodes themselves stay out of the scene (pruned).
    const deepClone = (n: Node): Node => {
      const c = doc.createNode(n.getName()).setTranslation(n.getTranslation()).setRotation(n.getRotation()).setScale(n.getScale()).setMesh(n.getMesh());
      for (const ch of n.listChildren()) c.addChild(deepClone(ch));
      return c;
    };
    const nodes = new Map<string, Node>();
    const pending = [...list];
    const add = async (e: Entity) => {
      const node = doc.createNode(e.name || e.id).setTranslation(e.transform.position).setRotation(e.transform.rotation).setScale(e.transform.scale).setExtras({ entityId: e.id, assetId: e.assetId });
      const roots = e.assetId ? await templateOf(e.assetId) : null;
      if (roots?.length) {
        for (const r of roots) node.addChild(deepClone(r));
      } else if (e.placeholder) {
        node.addChild(placeholderBox(doc, e.placeholder.scaleMeters, e.placeholder.color));
      }
      nodes.set(e.id, node);
      const parent = e.parentId ? nodes.get(e.parentId) : null;
      if (parent) parent.addChild(node);
      else scene.addChild(node);
    };
    // Parents first, so children find their parent's node.
    for (let guard = 0; pending.length && guard < list.length + 1; guard++) {
      for (let i = 0; i < pending.length; ) {
        const e = pending[i]!;
        if (!e.parentId || nodes.has(e.parentId) || !list.some((x) => x.id === e.parentId)) {
          await add(e);
          pending.splice(i, 1);
        } else i++;
      }
    }
    await doc.transform(prune({ keepLeaves: true, keepAttributes: true }), unpartition());
    return { name: world.name, bytes: await nodeIO.writeBinary(doc) };
  }
}
