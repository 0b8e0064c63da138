import { useEffect, useMemo } from 'react';
import { buildGeometry, fillGeometry } from '../scene/terrain-geometry.js';
import { chunkOrigin, type Terrain, type TerrainChunk } from '../../../../shared/world/terrain.js';

/**
 * The room's ground, read-only: one mesh per heightmap chunk coloured by its splat. Brush
 * operations from any player are applied to the room's Terrain as they arrive (room-client.ts),
 * which bumps the chunk's revision so just that mesh refills.
 */

function Chunk({ chunk, rev }: { chunk: TerrainChunk; rev: number }) {
  const geometry = useMemo(buildGeometry, []);
  useEffect(() => fillGeometry(geometry, chunk), [geometry, chunk, rev]);
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
