import { TransformControls } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useRef, useState, type ComponentRef } from 'react';
import { MathUtils, Vector3, type Object3D } from 'three';
import type { Transform } from '../../../../shared/schemas/world.js';
import { transformCommand } from '../store/entity-ops.js';
import { useWorldStore } from '../store/world-store.js';
import { sceneRefs } from './registry.js';

/** Set while a gizmo drag is on (and just after), so the click that ends it does not clear the selection. */
export const gizmoState = { draggingUntil: 0 };

/**
 * Move / rotate / scale gizmo on the primary selection, snapping to the grid (and 15° steps).
 * The other selected roots follow the primary's move; releasing commits one command for all.
 */
export function SelectionGizmo() {
  const selection = useWorldStore((s) => s.selection);
  const tool = useWorldStore((s) => s.tool);
  const snap = useWorldStore((s) => s.snap);
  const entities = useWorldStore((s) => s.entities);
  const primaryId = selection[selection.length - 1];
  const [found, setFound] = useState<{ id: string; object: Object3D } | null>(null);
  const start = useRef<{ primary: Vector3; others: Map<string, Vector3> } | null>(null);

  useEffect(() => {
    // Objects register in an effect; look again on the next frame if it is not there yet.
    const find = () => {
      const object = primaryId ? sceneRefs.objects.get(primaryId) : undefined;
      setFound(primaryId && object ? { id: primaryId, object } : null);
    };
    find();
    const raf = requestAnimationFrame(find);
    return () => cancelAnimationFrame(raf);
  }, [primaryId, entities]);

  // Only the object of the current selection, and only while it is in the scene: an optimistic
  // placeholder adopted under the host's id unmounts, and a gizmo left on it breaks the frame.
  const shown = found && found.id === primaryId && inScene(found.object) && tool !== 'sculpt' && entities[primaryId] ? found.object : null;
  // One gizmo for the editor's lifetime, attached and detached as the selection changes: building
  // one is ~100 meshes and their materials, which every spawn (select, then adopt) paid twice.
  // drei attaches its own empty group when given no object (also to a new instance, which it makes
  // when the canvas's event target connects): detach it after, for each instance.
  const [controls, setControls] = useState<ComponentRef<typeof TransformControls> | null>(null);
  useLayoutEffect(() => {
    if (!shown) controls?.detach();
  }, [shown, controls]);
  // Its programs are compiled while it waits, so the first selection only draws.
  const { gl, scene, camera } = useThree();
  useEffect(() => {
    if (!controls) return;
    gl.compile(controls, camera, scene);
    sceneRefs.gizmo = controls;
    return () => {
      if (sceneRefs.gizmo === controls) sceneRefs.gizmo = null;
    };
  }, [controls, gl, scene, camera]);
  const target = shown ?? undefined;
  const mode = tool === 'rotate' ? 'rotate' : tool === 'scale' ? 'scale' : 'translate';

  const onDown = () => {
    if (!target || !primaryId) return;
    gizmoState.draggingUntil = Number.MAX_SAFE_INTEGER;
    const others = new Map<string, Vector3>();
    for (const id of selection) {
      const o = sceneRefs.objects.get(id);
      if (id !== primaryId && o) others.set(id, o.position.clone());
    }
    start.current = { primary: target.position.clone(), others };
  };
  const onChange = () => {
    const s = start.current;
    if (!s || !target) return;
    const delta = target.position.clone().sub(s.primary);
    for (const [id, p] of s.others) sceneRefs.objects.get(id)?.position.copy(p.clone().add(delta));
  };
  const onUp = () => {
    gizmoState.draggingUntil = performance.now() + 250;
    const s = start.current;
    start.current = null;
    if (!s || !target || !primaryId) return;
    const all = useWorldStore.getState().entities;
    const transforms: Record<string, Transform> = {};
    const read = (id: string, o: Object3D): Transform => ({
      position: [o.position.x, o.position.y, o.position.z],
      rotation: [o.quaternion.x, o.quaternion.y, o.quaternion.z, o.quaternion.w],
      scale: [Math.max(0.001, o.scale.x), Math.max(0.001, o.scale.y), Math.max(0.001, o.scale.z)],
    });
    transforms[primaryId] = read(primaryId, target);
    for (const id of s.others.keys()) {
      const o = sceneRefs.objects.get(id);
      if (o) transforms[id] = read(id, o);
    }
    const label = mode === 'translate' ? 'Move' : mode === 'rotate' ? 'Rotate' : 'Scale';
    useWorldStore.getState().commit(transformCommand(selection.length > 1 ? `${label} ${selection.length} objects` : label, all, transforms));
  };

  return (
    <TransformControls
      ref={setControls}
      object={target}
      enabled={target !== undefined}
      mode={mode}
      size={0.8}
      translationSnap={snap > 0 ? snap : null}
      rotationSnap={snap > 0 ? MathUtils.degToRad(15) : null}
      scaleSnap={snap > 0 ? 0.1 : null}
      onMouseDown={onDown}
      onObjectChange={onChange}
      onMouseUp={onUp}
    />
  );
}

function inScene(o: Object3D): boolean {
  let root = o;
  while (root.parent) root = root.parent;
  return (root as { isScene?: boolean }).isScene === true;
}
