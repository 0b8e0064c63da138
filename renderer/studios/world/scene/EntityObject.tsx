import type { ThreeEvent } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { Group } from 'three';
import type { Entity } from '../../../../shared/schemas/world.js';
import { useAsset } from '../api/hooks.js';
import { baseSize, type Vec3 } from '../store/entity-ops.js';
import { useWorldStore } from '../store/world-store.js';
import { useColliderFile, useLodGlbs } from './asset-files.js';
import { badgeMaterial, placeholderMaterialProps, selectionMaterial } from './entity-materials.js';
import { GlbModel, useGlb } from './GlbModel.js';
import { isTempId } from '../store/optimistic.js';
import { logFirstDraw, renderNow, sceneRefs } from './registry.js';

/** The box a placeholder shows (seed §6 Step B): right size and colour, pivot at ground contact. */
function PlaceholderBox({ id, size, color, failed }: { id: string; size: Vec3; color: string; failed: boolean }) {
  const drawn = useRef(false);
  const onAfterRender = () => {
    if (drawn.current) return;
    drawn.current = true;
    logFirstDraw(id);
  };
  return (
    <mesh position={[0, size[1] / 2, 0]} castShadow receiveShadow onAfterRender={onAfterRender}>
      <boxGeometry args={size} />
      <meshStandardMaterial {...placeholderMaterialProps(color, failed)} />
    </mesh>
  );
}

function SelectionBox({ size }: { size: Vec3 }) {
  return (
    <mesh position={[0, size[1] / 2, 0]} raycast={() => null} material={selectionMaterial}>
      <boxGeometry args={[size[0] * 1.04 + 0.02, size[1] * 1.04 + 0.02, size[2] * 1.04 + 0.02]} />
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
  const glb = useGlb(glbPath);
  const lods = useLodGlbs(asset.data);
  const collider = useColliderFile(asset.data);
  const size = baseSize(entity, asset.data);
  const sizeKey = size.join(',');
  const stableSize = useMemo(() => size, [sizeKey]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    sceneRefs.physics?.declare({ entity, size: stableSize, collider });
    sceneRefs.invalidate();
  }, [entity, stableSize, collider]);
  // An optimistic spawn (Enter in the prompt box) is drawn in this very task: its mesh is in the scene after commit.
  useLayoutEffect(() => {
    if (isTempId(entity.id)) renderNow();
  }, [entity.id]);
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
    if (glb.error) notify(`${entity.name}: the model could not be loaded (${glb.error}); the placeholder stays.`);
  }, [glb.error, entity.name, notify]);

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
  const placeholder = <PlaceholderBox id={entity.id} size={stableSize} color={color} failed={failed} />;
  const t = entity.transform;
  const kids = childrenOf.get(entity.id) ?? [];
  return (
    <group ref={ref} name={entity.name} position={t.position} quaternion={t.rotation} scale={t.scale} userData={{ entityId: entity.id }} onClick={onClick}>
      {glb.gltf ? <GlbModel gltf={glb.gltf} lods={lods} sizeM={Math.max(...stableSize)} render={entity.render} /> : placeholder}
      {selected ? <SelectionBox size={stableSize} /> : null}
      {entity.status !== 'ready' && mode === 'build' ? (
        <sprite position={[0, stableSize[1] + 0.35, 0]} scale={[0.8, 0.3, 1]} raycast={() => null} renderOrder={10} material={badgeMaterial(failed ? 'failed' : 'draft')} />
      ) : null}
      {kids.map((k) => (
        <EntityObject key={k.id} entity={k} childrenOf={childrenOf} />
      ))}
    </group>
  );
}
