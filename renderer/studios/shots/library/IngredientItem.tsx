import { useState } from 'react';
import type { Ingredient } from '../../../../shared/schemas/shots.js';
import { errorMessage } from '../../../api/errors.js';
import { useIngredientActions } from '../api/hooks.js';
import { useDrag } from '../ui/drag.js';
import { InlineEdit } from '../ui/InlineEdit.js';
import { notify } from '../ui/notices.js';
import { Thumb } from '../ui/Thumb.js';

/** One library entry: drag it onto a shot's slot; rename; delete (asks first while shots use it). */
export function IngredientItem({ projectId, ingredient }: { projectId: string; ingredient: Ingredient }) {
  const actions = useIngredientActions(projectId);
  const drag = useDrag();
  const [confirming, setConfirming] = useState(false);
  const used = ingredient.usedBy.length;
  const m = ingredient.metadata;

  const remove = (confirm: boolean) => {
    setConfirming(false);
    actions.remove.mutate(
      { id: ingredient.id, confirm },
      {
        onSuccess: (res) =>
          notify.undo(
            `“${ingredient.name}” deleted${res.clearedSlots ? ` (${res.clearedSlots} slot${res.clearedSlots === 1 ? '' : 's'} cleared)` : ''}.`,
            () => actions.restore(ingredient.id),
          ),
        onError: (err) => notify.error(`Could not delete “${ingredient.name}”: ${errorMessage(err)}`),
      },
    );
  };

  return (
    <li
      className="shots-ingredient"
      data-testid="shots-ingredient"
      data-type={ingredient.type}
      draggable
      onDragStart={(e) => drag.start({ kind: 'ingredient', id: ingredient.id }, e)}
      onDragEnd={drag.end}
      title="Drag onto a shot's reference slot"
    >
      <Thumb ingredient={ingredient} />
      <div className="shots-ingredient-body">
        <InlineEdit value={ingredient.name} label="Ingredient name" onSave={(name) => actions.rename.mutateAsync({ id: ingredient.id, name })} />
        <p className="muted small">
          <span className="badge">{ingredient.type}</span> {ingredient.kind === 'video' ? 'video · ' : ''}
          {m.width && m.height ? `${m.width}×${m.height}` : ''}
          {used ? ` · in ${used} slot${used === 1 ? '' : 's'}` : ''}
        </p>
        {m.palette.length ? (
          <span className="shots-palette" aria-label={`Palette ${m.palette.join(' ')}`}>
            {m.palette.slice(0, 6).map((c) => (
              <span key={c} style={{ background: c }} />
            ))}
          </span>
        ) : null}
        {m.caption ? <p className="small shots-caption">{m.caption}</p> : null}
        {confirming ? (
          <div className="shots-confirm" role="alertdialog" aria-label="Confirm delete">
            <span className="small">
              Used by {used} shot slot{used === 1 ? '' : 's'}: deleting clears {used === 1 ? 'it' : 'them'}.
            </span>
            <button type="button" className="btn btn-secondary btn-tight" onClick={() => remove(true)}>
              Delete anyway
            </button>
            <button type="button" className="btn btn-ghost btn-tight" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </div>
        ) : (
          <button type="button" className="btn btn-ghost btn-tight" aria-label={`Delete ${ingredient.name}`} onClick={() => (used ? setConfirming(true) : remove(false))}>
            Delete
          </button>
        )}
      </div>
    </li>
  );
}
