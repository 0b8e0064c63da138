import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ContinuityWarning, Ingredient, ProjectBoard } from '../../../../shared/schemas/shots.js';
import { errorMessage } from '../../../api/errors.js';
import { moveId, useSceneActions, useShotActions } from '../api/hooks.js';
import { shotsKeys } from '../api/keys.js';
import { downloadExport } from '../api/transfer.js';
import { accepts, draggedId, useDrag } from '../ui/drag.js';
import { InlineEdit } from '../ui/InlineEdit.js';
import { JobProgress } from '../ui/JobProgress.js';
import { plural } from '../ui/format.js';
import { notify } from '../ui/notices.js';
import { AnimaticResult } from './AnimaticResult.js';
import { ShotCard } from './ShotCard.js';

type SceneWithShots = ProjectBoard['scenes'][number];

interface SceneCardProps {
  projectId: string;
  scene: SceneWithShots;
  index: number;
  count: number;
  ingredients: ReadonlyMap<string, Ingredient>;
  warnings: ContinuityWarning[];
  canAnimatic: boolean;
  onMoveScene(sceneId: string, beforeId: string | null): void;
  prevId: string | null;
  nextId: string | null;
}

export function SceneCard({ projectId, scene, index, count, ingredients, warnings, canAnimatic, onMoveScene, prevId, nextId }: SceneCardProps) {
  const sceneActions = useSceneActions(projectId);
  const shotActions = useShotActions(projectId);
  const qc = useQueryClient();
  const drag = useDrag();
  const [over, setOver] = useState(false);
  const [animaticJobId, setAnimaticJobId] = useState<string | null>(null);
  const [newShot, setNewShot] = useState('');

  const refreshBoard = useCallback(() => void qc.invalidateQueries({ queryKey: shotsKeys.board(projectId) }), [qc, projectId]);
  const ids = scene.shots.map((s) => s.id);
  const moveShot = (moved: string, before: string | null) => {
    const next = moveId(ids, moved, before);
    if (next.join() === ids.join()) return;
    shotActions.reorder.mutate({ sceneId: scene.id, ids: next }, { onError: (err) => notify.error(`Shots not reordered: ${errorMessage(err)}`) });
  };
  const remove = () =>
    sceneActions.remove.mutate(scene.id, {
      onSuccess: () => notify.undo(`Scene “${scene.slugline}” deleted.`, () => sceneActions.restore(scene.id)),
      onError: (err) => notify.error(`Could not delete the scene: ${errorMessage(err)}`),
    });
  const breakdown = () => sceneActions.breakdown.mutate(scene.id, { onError: (err) => notify.error(`Breakdown not queued: ${errorMessage(err)}`) });
  const animatic = () =>
    sceneActions.animatic.mutate(scene.id, {
      onSuccess: (job) => setAnimaticJobId(job.id),
      onError: (err) => notify.error(`Animatic not queued: ${errorMessage(err)}`),
    });
  const exportScene = () =>
    downloadExport(`/shots/scenes/${scene.id}/export`, `scene-${index + 1}.zip`).then(
      (name) => notify.ok(`Exported ${name}.`),
      (err: unknown) => notify.error(`Export failed: ${errorMessage(err)}`),
    );
  const addShot = () => {
    const description = newShot.trim();
    if (!description) return;
    shotActions.create.mutate({ sceneId: scene.id, description }, { onSuccess: () => setNewShot(''), onError: (err) => notify.error(errorMessage(err)) });
  };

  return (
    <section
      className="card shots-scene"
      data-testid="shots-scene"
      data-scene-id={scene.id}
      data-over={over ? 'true' : undefined}
      aria-label={`Scene ${index + 1}: ${scene.slugline}`}
      onDragOver={(e) => {
        if (!accepts('scene', e) || drag.dragged?.id === scene.id) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const id = draggedId('scene', e);
        if (!id || id === scene.id || !accepts('scene', e)) return;
        drag.end();
        e.preventDefault();
        onMoveScene(id, scene.id);
      }}
    >
      <header className="shots-scene-head">
        <span
          className="shots-grip"
          draggable
          title="Drag to reorder scenes"
          aria-hidden="true"
          onDragStart={(e) => drag.start({ kind: 'scene', id: scene.id }, e)}
          onDragEnd={drag.end}
        >
          ⋮⋮
        </span>
        <span className="shots-scene-num">{index + 1}</span>
        <InlineEdit value={scene.slugline} label="Slugline" className="shots-slugline" onSave={(slugline) => sceneActions.rename.mutateAsync({ id: scene.id, slugline })} />
        <span className="muted small">{plural(scene.shots.length, 'shot')}</span>
      </header>
      <div className="shots-row-actions">
        <button type="button" className="btn btn-secondary btn-tight" onClick={breakdown} disabled={sceneActions.breakdown.isPending}>
          {scene.shots.length ? 'Break down again' : 'Break down'}
        </button>
        {canAnimatic ? (
          <button type="button" className="btn btn-secondary btn-tight" onClick={animatic} disabled={!scene.shots.length || sceneActions.animatic.isPending}>
            Animatic
          </button>
        ) : null}
        <button type="button" className="btn btn-ghost btn-tight" onClick={() => void exportScene()}>
          Export scene
        </button>
        <button type="button" className="btn btn-ghost btn-tight" aria-label={`Move scene ${index + 1} up`} disabled={index === 0} onClick={() => prevId && onMoveScene(scene.id, prevId)}>
          ↑
        </button>
        <button type="button" className="btn btn-ghost btn-tight" aria-label={`Move scene ${index + 1} down`} disabled={index === count - 1} onClick={() => nextId && onMoveScene(nextId, scene.id)}>
          ↓
        </button>
        <button type="button" className="btn btn-ghost btn-tight" aria-label={`Delete scene ${index + 1}`} onClick={remove}>
          Delete
        </button>
      </div>
      <JobProgress
        jobId={scene.breakdownJobId}
        label={`Breakdown of scene ${index + 1}`}
        onSettled={refreshBoard}
        dataUpdatedAt={qc.getQueryState(shotsKeys.board(projectId))?.dataUpdatedAt}
      />
      {animaticJobId ? (
        <>
          <JobProgress jobId={animaticJobId} label={`Animatic of scene ${index + 1}`} hideWhenDone />
          <AnimaticResult jobId={animaticJobId} />
        </>
      ) : null}
      {scene.shots.length === 0 && !scene.breakdownJobId ? <p className="muted small">No shots yet: break the scene down, or add one below.</p> : null}
      <ol className="shots-shot-list">
        {scene.shots.map((shot, i) => (
          <ShotCard
            key={shot.id}
            projectId={projectId}
            shot={shot}
            index={i}
            count={scene.shots.length}
            ingredients={ingredients}
            warnings={warnings.filter((w) => w.shotId === shot.id)}
            onMove={moveShot}
            prevId={scene.shots[i - 1]?.id ?? null}
            nextId={scene.shots[i + 1]?.id ?? null}
          />
        ))}
      </ol>
      <form
        className="shots-add-shot"
        onSubmit={(e) => {
          e.preventDefault();
          addShot();
        }}
      >
        <input value={newShot} onChange={(e) => setNewShot(e.target.value)} placeholder="Describe a new shot…" aria-label={`New shot in scene ${index + 1}`} maxLength={10_000} />
        <button type="submit" className="btn btn-ghost btn-tight" disabled={!newShot.trim() || shotActions.create.isPending}>
          Add shot
        </button>
      </form>
    </section>
  );
}
