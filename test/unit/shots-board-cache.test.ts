import { describe, expect, it } from 'vitest';
import type { ProjectBoard, Shot } from '../../shared/schemas/shots.js';
import { findShot, moveId, withShot, withSlots } from '../../renderer/studios/shots/api/board-cache.js';

// The Shots studio's optimistic cache edits: what the board shows before the host answers.

const at = '2026-01-01T00:00:00.000Z';
const mkShot = (id: string, sceneId: string, order: number): Shot => ({
  id, sceneId, projectId: 'p', description: `shot ${id}`, duration: 3, order, slots: [null, null, null], llmContextCache: null,
  veoPayload: null, payloadSource: null, status: 'draft', lastError: null, shotType: null, camera: null, characters: [],
  source: 'manual', payloadJobId: null, createdAt: at, updatedAt: at,
});
const mkBoard = (): ProjectBoard => ({
  project: { id: 'p', name: 'P', resolution: '1080p', aspectRatio: '16:9', veoVersion: '3.1', sceneCount: 2, shotCount: 3, ingredientCount: 0, createdAt: at, updatedAt: at },
  scenes: [
    { id: 's1', projectId: 'p', slugline: 'INT. A - DAY', rawContent: null, order: 0, shotCount: 2, breakdownJobId: null, createdAt: at, updatedAt: at, shots: [mkShot('a', 's1', 0), mkShot('b', 's1', 1)] },
    { id: 's2', projectId: 'p', slugline: 'EXT. B - NIGHT', rawContent: null, order: 1, shotCount: 1, breakdownJobId: null, createdAt: at, updatedAt: at, shots: [mkShot('c', 's2', 0)] },
  ],
  ingredients: [],
  warnings: [
    { kind: 'character_missing', sceneId: 's1', shotId: 'b', previousShotId: 'a', ingredientId: 'i', character: 'MARA', message: 'm' },
    { kind: 'character_missing', sceneId: 's2', shotId: 'c', previousShotId: 'c', ingredientId: 'i', character: 'MARA', message: 'm' },
  ],
});

describe('shots board cache', () => {
  it('moveId puts an id before another, or last', () => {
    expect(moveId(['a', 'b', 'c'], 'c', 'a')).toEqual(['c', 'a', 'b']);
    expect(moveId(['a', 'b', 'c'], 'a', 'c')).toEqual(['b', 'a', 'c']);
    expect(moveId(['a', 'b', 'c'], 'a', null)).toEqual(['b', 'c', 'a']);
    expect(moveId(['a', 'b', 'c'], 'b', 'missing')).toEqual(['a', 'c', 'b']);
  });

  it('withSlots changes only that shot, leaving the old board untouched (rollback keeps it)', () => {
    const before = mkBoard();
    const after = withSlots(before, 'b', ['i1', null, null]);
    expect(findShot(after, 'b')?.slots).toEqual(['i1', null, null]);
    expect(findShot(after, 'a')?.slots).toEqual([null, null, null]);
    expect(findShot(before, 'b')?.slots).toEqual([null, null, null]);
  });

  it("withShot replaces a shot and its scene's warnings, and moves a shot that changed scene", () => {
    const board = mkBoard();
    const edited = { ...mkShot('b', 's1', 1), description: 'new' };
    const next = withShot(board, edited, []);
    expect(findShot(next, 'b')?.description).toBe('new');
    expect(next.warnings.map((w) => w.sceneId)).toEqual(['s2']);

    const moved = withShot(board, { ...mkShot('a', 's2', 1) });
    expect(moved.scenes[0]!.shots.map((s) => s.id)).toEqual(['b']);
    expect(moved.scenes[1]!.shots.map((s) => s.id)).toEqual(['c', 'a']);
    expect(moved.warnings).toHaveLength(2);
  });
});
