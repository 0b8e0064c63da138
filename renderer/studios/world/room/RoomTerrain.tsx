import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, Color } from 'three';
import { CELL_M, VERTS, chunkOrigin, type Terrain, type TerrainChunk } from '../../../../shared/world/terrain.js';

/**
 * The room's ground, read-only: one mesh per heightmap chunk coloured by its splat. Brush
 * operations from any player are applied to the room's Terrain as they arrive (room-client.ts),
 * which bumps the chunk's revision so just that mesh refills.
 */

const LAYER_COLORS = [new Color('#5f8f3e'), new Color('#7d7468'), new Color('#d8c48f')];

function chunkGeometry(): BufferGeometry {
  const g = new BufferGeometry();
  const pos = new Float32Array(VERTS * VERTS * 3);
  for (let iz = 0; iz < VERTS; iz++) {
    for (let ix = 0; ix < VERTS; ix++) {
      const i = iz * VERTS + ix;
      pos[i * 3] = ix * CELL_M;
      pos[i * 3 + 2] = iz * CELL_M;
    }
  }
  const index: number[] = [];
  for (let iz = 0; iz < VERTS - 1; iz++) {
    for (let ix = 0; ix < VERTS - 1; ix++) {
      const a = iz * VERTS + ix;
      index.push(a, a + VERTS, a + 1, a + 1, a + VERTS, a + VERTS + 1);
    }
  }
  g.setIndex(index);
  g.setAttribute('position', new BufferAttribute(pos, 3));
  g.setAttribute('color', new BufferAttribute(new Float32Array(VERTS * VERTS * 3), 3));
  return g;
}

function refill(g: BufferGeometry, chunk: TerrainChunk): void {
  const pos = g.getAttribute('position') as BufferAttribute;
  const col = g.getAttribute('color') as BufferAttribute;
  const c = new Color();
  for (let i = 0; i < VERTS * VERTS; i++) {
    pos.setY(i, chunk.heights[i]!);
    c.setRGB(0, 0, 0);
    for (let k = 0; k < 3; k++) {
      const w = chunk.splat[i * 3 + k]! / 255;
      c.r += LAYER_COLORS[k]!.r * w;
      c.g += LAYER_COLORS[k]!.g * w;
      c.b += LAYER_COLORS[k]!.b * w;
    }
    col.setXYZ(i, c.r, c.g, c.b);
  }
  pos.needsUpdate = true;
  col.needsUpdate = true;
  g.computeVertexNormals();
  g.computeBoundingSphere();
}

function Chunk({ chunk, rev }: { chunk: TerrainChunk; rev: number }) {
  const geometry = useMemo(chunkGeometry, []);
  useEffect(() => refill(geometry, chunk), [geometry, chunk, rev]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  const o = chunkOrigin(chunk.cx, chunk.cz);
  return (
    <mesh geometry={geometry} position={[o.x, 0, o.z]} receiveShadow name={`room-terrain-${chunk.cx},${chunk.cz}`}>
      <meshStandardMaterial vertexColors roughness={0.95} />
    </mesh>
  );
}

export function RoomTerrain({ terrain, chunkRev }: { terrain: Terrain; chunkRev: Record<string, number> }) {
  return (
    <group>
      {[...terrain.chunks.entries()].map(([k, c]) => (
        <Chunk key={k} chunk={c} rev={chunkRev[k] ?? 0} />
      ))}
    </group>
  );
}
