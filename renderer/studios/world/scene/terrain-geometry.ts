import { BufferAttribute, BufferGeometry, Color } from 'three';
import { CELL_M, VERTS, type TerrainChunk } from '../../../../shared/world/terrain.js';

// One heightmap chunk as a mesh, for the editor's terrain and a session's ground: the grid once,
// then heights and splat colours refilled in place after each brush operation.
const LAYER_COLORS = [new Color('#5f8f3e'), new Color('#7d7468'), new Color('#d8c48f')];

export function buildGeometry(): BufferGeometry {
  const g = new BufferGeometry();
  const pos = new Float32Array(VERTS * VERTS * 3);
  for (let iz = 0; iz < VERTS; iz++) for (let ix = 0; ix < VERTS; ix++) {
    const i = iz * VERTS + ix;
    pos[i * 3] = ix * CELL_M;
    pos[i * 3 + 2] = iz * CELL_M;
  }
  const index: number[] = [];
  for (let iz = 0; iz < VERTS - 1; iz++) for (let ix = 0; ix < VERTS - 1; ix++) {
    const a = iz * VERTS + ix;
    const b = a + 1;
    const c = a + VERTS;
    const d = c + 1;
    index.push(a, c, b, b, c, d);
  }
  g.setIndex(index);
  g.setAttribute('position', new BufferAttribute(pos, 3));
  g.setAttribute('color', new BufferAttribute(new Float32Array(VERTS * VERTS * 3), 3));
  return g;
}

export function fillGeometry(g: BufferGeometry, chunk: TerrainChunk): void {
  const pos = g.getAttribute('position') as BufferAttribute;
  const col = g.getAttribute('color') as BufferAttribute;
  const tmp = new Color();
  for (let i = 0; i < VERTS * VERTS; i++) {
    pos.setY(i, chunk.heights[i]!);
    tmp.setRGB(0, 0, 0);
    for (let k = 0; k < 3; k++) {
      const w = chunk.splat[i * 3 + k]! / 255;
      tmp.r += LAYER_COLORS[k]!.r * w;
      tmp.g += LAYER_COLORS[k]!.g * w;
      tmp.b += LAYER_COLORS[k]!.b * w;
    }
    col.setXYZ(i, tmp.r, tmp.g, tmp.b);
  }
  pos.needsUpdate = true;
  col.needsUpdate = true;
  g.computeVertexNormals();
  g.computeBoundingSphere();
  g.computeBoundingBox();
}

