import type { QueryClient } from '@tanstack/react-query';
import type { ContinuityWarning, ProjectBoard, Shot, SlotIds } from '../../../../shared/schemas/shots.js';
import { shotsKeys } from './keys.js';

/** Pure: the board with one shot replaced (and its scene's warnings, when the host sent them). */
export function withShot(board: ProjectBoard, shot: Shot, sceneWarnings?: ContinuityWarning[]): ProjectBoard {
  const scenes = board.scenes.map((scene) => {
    const had = scene.shots.some((s) => s.id === shot.id);
    if (scene.id !== shot.sceneId) return had ? { ...scene, shots: scene.shots.filter((s) => s.id !== shot.id) } : scene;
    const shots = had ? scene.shots.map((s) => (s.id === shot.id ? shot : s)) : [...scene.shots, shot];
    return { ...scene, shots: shots.sort((a, b) => a.order - b.order) };
  });
  const warnings = sceneWarnings
    ? [...board.warnings.filter((w) => w.sceneId !== shot.sceneId), ...sceneWarnings]
    : board.warnings;
  return { ...board, scenes, warnings };
}

/** Pure: the board with a shot's slots set (the optimistic half of a drag into a slot). */
export function withSlots(board: ProjectBoard, shotId: string, slots: SlotIds): ProjectBoard {
  return {
    ...board,
    scenes: board.scenes.map((scene) => ({ ...scene, shots: scene.shots.map((s) => (s.id === shotId ? { ...s, slots } : s)) })),
  };
}

/** Pure: `ids` moved so that `moved` sits just before `before` (or last when before is null). */
export function moveId(ids: readonly string[], moved: string, before: string | null): string[] {
  const rest = ids.filter((id) => id !== moved);
  const at = before === null ? rest.length : rest.indexOf(before);
  rest.splice(at < 0 ? rest.length : at, 0, moved);
  return rest;
}

export function findShot(board: ProjectBoard | undefined, shotId: string): Shot | undefined {
  for (const scene of board?.scenes ?? []) {
    const shot = scene.shots.find((s) => s.id === shotId);
    if (shot) return shot;
  }
  return undefined;
}

export function getBoard(qc: QueryClient, projectId: string): ProjectBoard | undefined {
  return qc.getQueryData<ProjectBoard>(shotsKeys.board(projectId));
}

export function setBoard(qc: QueryClient, projectId: string, update: (b: ProjectBoard) => ProjectBoard): void {
  qc.setQueryData<ProjectBoard>(shotsKeys.board(projectId), (b) => (b ? update(b) : b));
}
