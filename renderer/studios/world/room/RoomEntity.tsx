import { useFrame } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import type { Group } from 'three';
import type { Entity } from '../../../../shared/schemas/world.js';
import { placeholderMaterialProps } from '../scene/entity-materials.js';
import { GlbModel } from '../scene/GlbModel.js';
import type { RoomClient } from './room-client.js';
import { useRoomGlb } from './room-glb.js';
import { useRoomStore } from './room-store.js';

/** Where each rendered entity's root is, for aiming pick-ups and the test hook (by entity id). */
export const roomObjects = new Map<string, Group>();
/** A body the local player holds is drawn where the player holds it (its authority), not where the last patch had it. */
export const localHold: { id: string | null; position: [number, number, number] | null } = { id: null, position: null };

interface Props {
  entity: Entity;
  client: RoomClient;
  /** Prefab children by parent id: drawn inside their parent (one body), at their relative transforms. */
  childrenOf: Map<string, Entity[]>;
}

/**
 * One entity of the room: its placeholder box (right size and colour) until the asset is ready,
 * then its GLB fetched by asset id. Dynamic bodies follow the server's poses through the
 * interpolation buffer; a body someone holds shows that player's colour as an outline
 * (authority), and our own held body follows our hand at once.
 */
export function RoomEntity({ entity, client, childrenOf }: Props) {
  const ref = useRef<Group>(null);
  const holder = useRoomStore((s) => s.holders[entity.id] ?? null);
  const holderColor = useRoomStore((s) => (holder ? (s.players[holder]?.color ?? '#ffcc33') : null));
  const glb = useRoomGlb(entity.assetId && entity.status === 'ready' ? client.endpoint.glb(entity.assetId) : null);
  const notify = useRoomStore((s) => s.notify);

  useEffect(() => {
    const id = entity.id;
    const g = ref.current;
    if (g) roomObjects.set(id, g);
    return () => {
      roomObjects.delete(id);
    };
  }, [entity.id]);
  useEffect(() => {
    if (glb.error) notify(`${entity.name}: the model could not be loaded (${glb.error}); the placeholder stays.`);
  }, [glb.error, entity.name, notify]);

  useFrame(() => {
    const g = ref.current;
    if (!g) return;
    if (localHold.id === entity.id && localHold.position) {
      g.position.set(...localHold.position);
      return;
    }
    const pose = client.interp.sample(entity.id, performance.now());
    if (!pose) return;
    g.position.set(...pose.position);
    g.quaternion.set(...pose.rotation);
  });

  const size = entity.placeholder?.scaleMeters ?? [1, 1, 1];
  const t = entity.transform;
  return (
    <group ref={ref} name={entity.name} position={t.position} quaternion={t.rotation} scale={t.scale} userData={{ entityId: entity.id }}>
      {glb.gltf ? (
        <GlbModel gltf={glb.gltf} render={entity.render} />
      ) : (
        <mesh position={[0, size[1] / 2, 0]} castShadow receiveShadow>
          <boxGeometry args={size} />
          <meshStandardMaterial {...placeholderMaterialProps(entity.placeholder?.color ?? '#8a8f98', entity.status === 'failed')} />
        </mesh>
      )}
      {holderColor ? (
        <mesh position={[0, size[1] / 2, 0]} raycast={() => null}>
          <boxGeometry args={[size[0] * 1.08 + 0.04, size[1] * 1.08 + 0.04, size[2] * 1.08 + 0.04]} />
          <meshBasicMaterial color={holderColor} wireframe />
        </mesh>
      ) : null}
      {(childrenOf.get(entity.id) ?? []).map((k) => (
        <RoomEntity key={k.id} entity={k} client={client} childrenOf={childrenOf} />
      ))}
    </group>
  );
}
