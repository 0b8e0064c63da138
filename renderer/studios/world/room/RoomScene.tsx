import { Grid } from '@react-three/drei';
import { Canvas } from '@react-three/fiber';
import { useMemo } from 'react';
import type { Entity } from '../../../../shared/schemas/world.js';
import { OwnAvatar } from './OwnAvatar.js';
import { RemoteAvatar } from './RemoteAvatar.js';
import type { RoomClient } from './room-client.js';
import { useRoomStore } from './room-store.js';
import { RoomEntity } from './RoomEntity.js';
import { RoomTerrain } from './RoomTerrain.js';

/** The shared scene of a session: the same look as the editor, driven by the host's state. */
export function RoomScene({ client }: { client: RoomClient }) {
  const entities = useRoomStore((s) => s.entities);
  const players = useRoomStore((s) => s.players);
  const you = useRoomStore((s) => s.you);
  const terrain = useRoomStore((s) => s.terrain);
  const chunkRev = useRoomStore((s) => s.chunkRev);
  const { roots, childrenOf } = useMemo(() => {
    const childrenOf = new Map<string, Entity[]>();
    const roots: Entity[] = [];
    for (const e of Object.values(entities)) {
      if (e.parentId && entities[e.parentId]) childrenOf.set(e.parentId, [...(childrenOf.get(e.parentId) ?? []), e]);
      else roots.push(e);
    }
    return { roots, childrenOf };
  }, [entities]);
  return (
    <Canvas
      className="world-canvas"
      data-testid="room-canvas"
      shadows="percentage"
      dpr={1}
      frameloop="always"
      camera={{ position: [0, 2, 6], fov: 60, near: 0.1, far: 600 }}
      gl={{ antialias: false, preserveDrawingBuffer: true }}
    >
      <color attach="background" args={['#a9c8e6']} />
      <fog attach="fog" args={['#a9c8e6', 90, 220]} />
      <hemisphereLight args={['#dfefff', '#56614a', 0.7]} />
      <directionalLight
        castShadow
        position={[24, 40, 16]}
        intensity={1.6}
        shadow-mapSize={[1024, 1024]}
        shadow-camera-left={-40}
        shadow-camera-right={40}
        shadow-camera-top={40}
        shadow-camera-bottom={-40}
        shadow-camera-far={120}
      />
      <RoomTerrain terrain={terrain} chunkRev={chunkRev} />
      <Grid position={[0, 0.02, 0]} args={[128, 128]} cellSize={1} sectionSize={8} cellColor="#6f8a62" sectionColor="#4b6340" fadeDistance={90} infiniteGrid={false} />
      {roots.map((e) => (
        <RoomEntity key={e.id} entity={e} client={client} childrenOf={childrenOf} />
      ))}
      {Object.values(players)
        .filter((p) => p.sessionId !== you)
        .map((p) => (
          <RemoteAvatar key={p.sessionId} id={`player:${p.sessionId}`} name={p.name} color={p.color} interp={client.interp} holding={!!p.holding} />
        ))}
      <OwnAvatar client={client} />
    </Canvas>
  );
}
