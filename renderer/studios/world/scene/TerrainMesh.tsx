import type { ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CELL_M, VERTS, applyStroke, chunkKey, chunkOrigin, type TerrainChunk } from '../../../../shared/world/terrain.js';
import type { ChunkSnapshot } from '../store/history.js';
import { useWorldStore } from '../store/world-store.js';
import { sceneRefs } from './registry.js';
import { gizmoState } from './SelectionGizmo.js';
import { buildGeometry, fillGeometry } from './terrain-geometry.js';

function ChunkMesh({ chunk, rev, onPointer, onClick }: { chunk: TerrainChunk; rev: number; onPointer(e: ThreeEvent<PointerEvent>, kind: 'down' | 'move' | 'up'): void; onClick(e: ThreeEvent<MouseEvent>): void }) {
  const geometry = useMemo(buildGeometry, []);
  useEffect(() => {
    fillGeometry(geometry, chunk);
    sceneRefs.invalidate();
  }, [geometry, chunk, rev]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  const o = chunkOrigin(chunk.cx, chunk.cz);
  return (
    <mesh
      geometry={geometry}
      position={[o.x, 0, o.z]}
      receiveShadow
      name={`terrain-${chunk.cx},${chunk.cz}`}
      onPointerDown={(e) => onPointer(e, 'down')}
      onPointerMove={(e) => onPointer(e, 'move')}
      onPointerUp={(e) => onPointer(e, 'up')}
      onClick={onClick}
    >
      <meshStandardMaterial vertexColors roughness={0.95} />
    </mesh>
  );
}

const snap = (c: TerrainChunk): ChunkSnapshot => ({ heights: c.heights.slice(), splat: c.splat.slice() });

/**
 * The ground: one mesh per heightmap chunk coloured by its splat. With the sculpt tool, dragging
 * on it applies the brush (shared/world/terrain.ts) in place about 15 times a second; releasing
 * commits the stroke as one undoable command with the touched chunks before and after.
 */
export function TerrainMesh() {
  const terrain = useWorldStore((s) => s.terrain);
  const chunkRev = useWorldStore((s) => s.chunkRev);
  const stroke = useRef<{ before: Map<string, ChunkSnapshot>; last: number } | null>(null);
  const [cursor, setCursor] = useState<[number, number, number] | null>(null);
  const tool = useWorldStore((s) => s.tool);
  const mode = useWorldStore((s) => s.mode);
  const radius = useWorldStore((s) => s.brush.radius);
  const sculpting = tool === 'sculpt' && mode === 'build';

  const dab = (x: number, z: number): void => {
    const s = useWorldStore.getState();
    const b = s.brush;
    const target = stroke.current;
    if (!target) return;
    // Snapshot each chunk the first time this stroke touches it.
    for (const c of s.terrain.chunks.values()) {
      const o = chunkOrigin(c.cx, c.cz);
      const k = chunkKey(c.cx, c.cz);
      if (target.before.has(k)) continue;
      if (x + b.radius >= o.x && x - b.radius <= o.x + (VERTS - 1) * CELL_M && z + b.radius >= o.z && z - b.radius <= o.z + (VERTS - 1) * CELL_M) target.before.set(k, snap(c));
    }
    const res = applyStroke(s.terrain, {
      tool: b.tool === 'paint' ? 'paint' : b.tool,
      x,
      z,
      radius: b.radius,
      strength: b.strength,
      layer: b.layer,
      targetHeight: b.tool === 'flatten' ? (target as { flattenTo?: number }).flattenTo : undefined,
      step: 1,
      seed: 7,
    });
    if (res.changed.length) s.touchChunks(res.changed);
  };

  const finish = (): void => {
    const target = stroke.current;
    stroke.current = null;
    if (!target) return;
    const s = useWorldStore.getState();
    const changes: Record<string, { before: ChunkSnapshot; after: ChunkSnapshot }> = {};
    for (const [k, before] of target.before) {
      const c = s.terrain.chunks.get(k);
      if (!c) continue;
      const after = snap(c);
      const same = after.heights.every((h, i) => h === before.heights[i]) && after.splat.every((w, i) => w === before.splat[i]);
      if (!same) changes[k] = { before, after };
    }
    if (Object.keys(changes).length) s.commit({ label: `Terrain: ${s.brush.tool}`, entities: {}, terrain: changes });
  };

  useEffect(() => {
    window.addEventListener('pointerup', finish);
    return () => window.removeEventListener('pointerup', finish);
  }, []);

  const onPointer = (e: ThreeEvent<PointerEvent>, kind: 'down' | 'move' | 'up'): void => {
    if (!sculpting) return;
    if (kind === 'move') setCursor([e.point.x, e.point.y, e.point.z]);
    if (kind === 'down' && e.button === 0) {
      e.stopPropagation();
      stroke.current = { before: new Map(), last: 0 };
      (stroke.current as { flattenTo?: number }).flattenTo = e.point.y;
      dab(e.point.x, e.point.z);
    } else if (kind === 'move' && stroke.current && e.buttons & 1) {
      const now = performance.now();
      if (now - stroke.current.last < 66) return;
      stroke.current.last = now;
      dab(e.point.x, e.point.z);
    } else if (kind === 'up') finish();
  };

  // A click on bare ground clears the selection; not a press (a gizmo handle drawn over the ground
  // is grabbed with one), and not the end of a drag (camera, marquee, gizmo).
  const onClick = (e: ThreeEvent<MouseEvent>): void => {
    if (sculpting || mode !== 'build' || e.button !== 0 || e.altKey || e.shiftKey || e.delta > 4) return;
    if (performance.now() <= gizmoState.draggingUntil) return;
    useWorldStore.getState().select([]);
  };

  return (
    <group>
      {[...terrain.chunks.entries()].map(([k, c]) => (
        <ChunkMesh key={k} chunk={c} rev={chunkRev[k] ?? 0} onPointer={onPointer} onClick={onClick} />
      ))}
      {sculpting && cursor ? (
        <mesh position={[cursor[0], cursor[1] + 0.15, cursor[2]]} rotation={[-Math.PI / 2, 0, 0]} raycast={() => null}>
          <ringGeometry args={[radius * 0.95, radius, 48]} />
          <meshBasicMaterial color="#ffffff" transparent opacity={0.8} depthTest={false} />
        </mesh>
      ) : null}
    </group>
  );
}
