import { Html } from '@react-three/drei';
import type { ThreeEvent } from '@react-three/fiber';
import { Suspense, useEffect, useMemo, useRef } from 'react';
import type { Group } from 'three';
import type { Entity } from '../../../../shared/schemas/world.js';
import { useAuthedMedia } from '../../../api/authed-media.js';
import { useAsset } from '../api/hooks.js';
import { baseSize, type Vec3 } from '../store/entity-ops.js';
import { useWorldStore } from '../store/world-store.js';
import { GlbBoundary, GlbModel } from './GlbModel.js';
import { sceneRefs } from './registry.js';

/** The box a placeholder shows (seed §6 Step B): right size and colour, pivot at ground contact. */
function PlaceholderBox({ size, color, failed }: { size: Vec3; color: string; failed: boolean }) {
  return (
    <mesh position={[0, size[1] / 2, 0]} castShadow receiveShadow>
      <boxGeometry args={size} />
      <meshStandardMaterial color={failed ? '#b04040' : color} roughness={0.8} transparent opacity={0.85} />
    </mesh>
  );
}

function SelectionBox({ size }: { size: Vec3 }) {
  return (
    <mesh position={[0, size[1] / 2, 0]} raycast={() => null}>
      <boxGeometry args={[size[0] * 1.04 + 0.02, size[1] * 1.04 + 0.02, size[2] * 1.04 + 0.02]} />
      <meshBasicMaterial color="#ffcc33" wireframe />
    </mesh>
  );
}

interface Props {
  entity: Entity;
  childrenOf: Map<string, Entity[]>;
}

/** One entity: placeholder until its GLB is loaded, badges while draft or failed, and its prefab children inside it. */
export function EntityObject({ entity, childrenOf }: Props) {
  const ref = useRef<Group>(null);
  const selected = useWorldStore((s) => s.selection.includes(entity.id));
  const mode = useWorldStore((s) => s.mode);
  const select = useWorldStore((s) => s.select);
  const notify = useWorldStore((s) => s.notify);
  const asset = useAsset(entity.assetId);
  const glbPath = entity.assetId && asset.data?.files.glbMediaId ? `/world/assets/${encodeURIComponent(entity.assetId)}/glb` : null;
  const media = useAuthedMedia(glbPath);
  const size = baseSize(entity, asset.data);
  const sizeKey = size.join(',');
  const stableSize = useMemo(() => size, [sizeKey]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    sceneRefs.physics?.declare({ entity, size: stableSize });
    sceneRefs.invalidate();
  }, [entity, stableSize]);
  useEffect(() => {
    const id = entity.id;
    const obj = ref.current;
    if (obj) sceneRefs.objects.set(id, obj);
    return () => {
      sceneRefs.objects.delete(id);
      sceneRefs.physics?.forget(id);
    };
  }, [entity.id]);
  useEffect(() => {
    if (media.error) notify(`${entity.name}: the model could not be loaded (${media.error}); the placeholder stays.`);
  }, [media.error, entity.name, notify]);

  const onClick = (ev: ThreeEvent<MouseEvent>) => {
    if (mode !== 'build' || useWorldStore.getState().tool === 'sculpt') return;
    ev.stopPropagation();
    // A click on a prefab child selects its root, so the group moves together.
    let id = entity.id;
    const all = useWorldStore.getState().entities;
    while (all[id]?.parentId && all[all[id]!.parentId!]) id = all[id]!.parentId!;
    select([id], ev.shiftKey || ev.ctrlKey || ev.metaKey);
  };

  const color = entity.placeholder?.color ?? '#8a8f98';
  const failed = entity.status === 'failed';
  const placeholder = <PlaceholderBox size={stableSize} color={color} failed={failed} />;
  const t = entity.transform;
  const kids = childrenOf.get(entity.id) ?? [];
  return (
    <group ref={ref} name={entity.name} position={t.position} quaternion={t.rotation} scale={t.scale} userData={{ entityId: entity.id }} onClick={onClick}>
      {media.url ? (
        <GlbBoundary key={media.url} fallback={placeholder} onError={(m) => notify(`${entity.name}: the model could not be read (${m}); the placeholder stays.`)}>
          <Suspense fallback={placeholder}>
            <GlbModel url={media.url} render={entity.render} />
          </Suspense>
        </GlbBoundary>
      ) : (
        placeholder
      )}
      {selected ? <SelectionBox size={stableSize} /> : null}
      {entity.status !== 'ready' && mode === 'build' ? (
        <Html position={[0, stableSize[1] + 0.3, 0]} center zIndexRange={[10, 0]} style={{ pointerEvents: 'none' }}>
          <span className={`world-badge world-badge-${entity.status}`} data-testid={`world-badge-${entity.status}`} data-entity-id={entity.id}>
            {failed ? 'failed' : 'draft'}
          </span>
        </Html>
      ) : null}
      {kids.map((k) => (
        <EntityObject key={k.id} entity={k} childrenOf={childrenOf} />
      ))}
    </group>
  );
}
