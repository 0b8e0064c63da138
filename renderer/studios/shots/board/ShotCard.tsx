import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ContinuityWarning, Ingredient, Shot } from '../../../../shared/schemas/shots.js';
import { errorMessage } from '../../../api/errors.js';
import { useShotActions } from '../api/hooks.js';
import { shotsKeys } from '../api/keys.js';
import { downloadExport } from '../api/transfer.js';
import { accepts, draggedId, useDrag, useShotsUi } from '../ui/drag.js';
import { InlineEdit } from '../ui/InlineEdit.js';
import { JobProgress } from '../ui/JobProgress.js';
import { notify } from '../ui/notices.js';
import { Slots } from './Slots.js';
import { VeoSubmit } from './VeoSubmit.js';

interface ShotCardProps {
  projectId: string;
  shot: Shot;
  index: number;
  count: number;
  ingredients: ReadonlyMap<string, Ingredient>;
  warnings: ContinuityWarning[];
  /** Move this shot before `beforeId` (null: to the end). */
  onMove(shotId: string, beforeId: string | null): void;
  nextId: string | null;
  prevId: string | null;
}

const STATUS_LABEL: Record<Shot['status'], string> = { draft: 'Draft', generating_json: 'Generating payload…', ready: 'Payload ready' };

export function ShotCard({ projectId, shot, index, count, ingredients, warnings, onMove, nextId, prevId }: ShotCardProps) {
  const actions = useShotActions(projectId);
  const qc = useQueryClient();
  const openPayload = useShotsUi((s) => s.openPayload);
  const drag = useDrag();
  const [over, setOver] = useState(false);

  const remove = () =>
    actions.remove.mutate(shot.id, {
      onSuccess: () => notify.undo(`Shot ${index + 1} deleted.`, () => actions.restore(shot.id)),
      onError: (err) => notify.error(`Could not delete the shot: ${errorMessage(err)}`),
    });
  const generate = () => actions.generate.mutate(shot.id, { onError: (err) => notify.error(`Payload not queued: ${errorMessage(err)}`) });
  const exportShot = () =>
    downloadExport(`/shots/${shot.id}/export`, `shot-${index + 1}.zip`).then(
      (name) => notify.ok(`Exported ${name}.`),
      (err: unknown) => notify.error(`Export failed: ${errorMessage(err)}`),
    );

  return (
    <li
      className="shots-shot"
      data-testid="shots-shot"
      data-shot-id={shot.id}
      data-status={shot.status}
      data-over={over ? 'true' : undefined}
      onDragOver={(e) => {
        const d = drag.dragged;
        if (!accepts('shot', e) || (d?.kind === 'shot' && (d.sceneId !== shot.sceneId || d.id === shot.id))) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const id = draggedId('shot', e);
        drag.end();
        if (!id || id === shot.id) return;
        e.preventDefault();
        onMove(id, shot.id);
      }}
    >
      <div className="shots-shot-head">
        <span
          className="shots-grip"
          draggable
          title="Drag to reorder"
          aria-hidden="true"
          onDragStart={(e) => drag.start({ kind: 'shot', id: shot.id, sceneId: shot.sceneId }, e)}
          onDragEnd={drag.end}
        >
          ⋮⋮
        </span>
        <span className="shots-shot-num">{index + 1}</span>
        {shot.shotType ? <span className="badge">{shot.shotType}</span> : null}
        {shot.duration !== null ? <span className="muted small">{shot.duration.toFixed(1)} s</span> : null}
        {shot.camera ? <span className="muted small">{shot.camera}</span> : null}
        <span className="shots-shot-status" data-status={shot.status}>
          {STATUS_LABEL[shot.status]}
          {shot.payloadSource ? ` · ${shot.payloadSource}` : ''}
        </span>
        <span className="shots-shot-source muted small" title="Where this shot came from">
          {shot.source === 'heuristic' ? 'offline heuristic' : shot.source === 'llm' ? 'LLM' : 'manual'}
        </span>
      </div>
      <InlineEdit value={shot.description} label="Shot description" multiline onSave={(description) => actions.update.mutateAsync({ id: shot.id, body: { description } })} />
      {shot.characters.length ? <p className="muted small">Characters: {shot.characters.join(', ')}</p> : null}
      <Slots projectId={projectId} shot={shot} ingredients={ingredients} />
      {warnings.map((w) => (
        <p key={`${w.ingredientId}-${w.previousShotId}`} className="shots-warning" role="note" data-testid="shots-warning">
          ⚠ {w.message}
        </p>
      ))}
      {shot.lastError ? (
        <p className="shots-error" role="alert">
          Payload generation failed: {shot.lastError}
        </p>
      ) : null}
      <JobProgress
        jobId={shot.payloadJobId}
        label={`Payload for shot ${index + 1}`}
        hideWhenDone
        onSettled={() => void qc.invalidateQueries({ queryKey: shotsKeys.board(projectId) })}
        dataUpdatedAt={qc.getQueryState(shotsKeys.board(projectId))?.dataUpdatedAt}
      />
      <VeoSubmit projectId={projectId} shot={shot} index={index} />
      <div className="shots-row-actions">
        <button type="button" className="btn btn-secondary btn-tight" onClick={generate} disabled={shot.status === 'generating_json' || actions.generate.isPending}>
          {shot.veoPayload ? 'Regenerate payload' : 'Generate payload'}
        </button>
        {shot.veoPayload ? (
          <button type="button" className="btn btn-secondary btn-tight" onClick={() => openPayload(shot.id)}>
            Edit payload
          </button>
        ) : null}
        <button type="button" className="btn btn-ghost btn-tight" onClick={() => void exportShot()}>
          Export shot
        </button>
        <button type="button" className="btn btn-ghost btn-tight" aria-label={`Move shot ${index + 1} up`} disabled={index === 0} onClick={() => prevId && onMove(shot.id, prevId)}>
          ↑
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-tight"
          aria-label={`Move shot ${index + 1} down`}
          disabled={index === count - 1}
          onClick={() => nextId && onMove(nextId, shot.id)}
        >
          ↓
        </button>
        <button type="button" className="btn btn-ghost btn-tight" aria-label={`Delete shot ${index + 1}`} onClick={remove}>
          Delete
        </button>
      </div>
    </li>
  );
}
