import { Box3, Vector3 } from 'three';
import type { Transform } from '../../../../shared/schemas/world.js';
import { transformCommand } from '../store/entity-ops.js';
import { useWorldStore } from '../store/world-store.js';
import { playState } from './PlayController.js';
import { sceneRefs } from './registry.js';

/**
 * Switching modes is a camera + input + simulation change in the same scene (seed §3). Leaving
 * play keeps where things ended up, as one undoable "Play session" command that autosave writes.
 */
export function enterPlay(): void {
  const s = useWorldStore.getState();
  if (s.mode === 'play') return;
  sceneRefs.physics?.setSimulating(true);
  s.select([]);
  s.setMode('play');
}

export function exitPlay(): void {
  const s = useWorldStore.getState();
  if (s.mode !== 'play') return;
  const physics = sceneRefs.physics;
  if (physics) {
    playState.holding = null;
    physics.settle();
    const moved: Record<string, Transform> = {};
    for (const [id, pose] of physics.poses()) {
      const e = s.entities[id];
      if (!e) continue;
      const dp = Math.hypot(...pose.position.map((v, i) => v - e.transform.position[i]!));
      const dr = Math.hypot(...pose.rotation.map((v, i) => v - e.transform.rotation[i]!));
      if (dp > 1e-4 || dr > 1e-4) moved[id] = { ...e.transform, position: pose.position, rotation: pose.rotation };
    }
    if (Object.keys(moved).length) s.commit(transformCommand('Play session', s.entities, moved));
    physics.setSimulating(false);
  }
  s.setMode('build');
}

/** Build mode "F": look at the selection from far enough away to see all of it. */
export function frameSelection(): void {
  const s = useWorldStore.getState();
  const cam = sceneRefs.camera;
  if (!cam || s.mode !== 'build' || !s.selection.length) return;
  const box = new Box3();
  for (const id of s.selection) {
    const o = sceneRefs.objects.get(id);
    if (o) box.expandByObject(o);
  }
  if (box.isEmpty()) return;
  const centre = box.getCenter(new Vector3());
  const radius = Math.max(0.5, box.getSize(new Vector3()).length() / 2);
  const dir = new Vector3(0, 0, 1).applyQuaternion(cam.quaternion);
  dir.y = Math.max(dir.y, 0.35);
  cam.position.copy(centre).addScaledVector(dir.normalize(), radius * 3.2 + 1);
  cam.lookAt(centre);
  sceneRefs.invalidate();
}
