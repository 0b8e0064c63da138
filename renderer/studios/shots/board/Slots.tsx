import { useState } from 'react';
import { SLOT_COUNT, type Ingredient, type Shot } from '../../../../shared/schemas/shots.js';
import { errorMessage } from '../../../api/errors.js';
import { useSlotMutation } from '../api/hooks.js';
import { accepts, draggedId, useDrag } from '../ui/drag.js';
import { notify } from '../ui/notices.js';
import { Thumb } from '../ui/Thumb.js';

interface SlotsProps {
  projectId: string;
  shot: Shot;
  ingredients: ReadonlyMap<string, Ingredient>;
}

/** The three Veo reference slots of a shot: drop an ingredient from the library, or clear one. */
export function Slots({ projectId, shot, ingredients }: SlotsProps) {
  const slot = useSlotMutation(projectId);
  const [over, setOver] = useState<number | null>(null);
  const end = useDrag((s) => s.end);

  const put = (n: number, ingredientId: string | null) =>
    slot.mutate(
      { shotId: shot.id, slot: n, ingredientId },
      { onError: (err) => notify.error(`Slot ${n} not changed: ${errorMessage(err)}`) },
    );

  return (
    <ol className="shots-slots" aria-label="Reference slots">
      {Array.from({ length: SLOT_COUNT }, (_, i) => {
        const n = i + 1;
        const id = shot.slots[i] ?? null;
        const ing = id ? ingredients.get(id) : undefined;
        return (
          <li
            key={n}
            className="shots-slot"
            data-testid="shots-slot"
            data-slot={n}
            data-filled={id ? 'true' : 'false'}
            data-over={over === n ? 'true' : undefined}
            onDragOver={(e) => {
              if (!accepts('ingredient', e)) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'copy';
              setOver(n);
            }}
            onDragLeave={() => setOver((o) => (o === n ? null : o))}
            onDrop={(e) => {
              const ingredientId = draggedId('ingredient', e);
              setOver(null);
              end();
              if (!ingredientId) return;
              e.preventDefault();
              if (ingredientId !== id) put(n, ingredientId);
            }}
          >
            {id ? (
              <>
                {ing ? <Thumb ingredient={ing} size="sm" /> : <span className="shots-thumb shots-thumb-sm" />}
                <span className="shots-slot-name" title={ing ? `${ing.type}: ${ing.name}` : id}>
                  {ing?.name ?? 'Unknown ingredient'}
                </span>
                <button type="button" className="shots-slot-clear" aria-label={`Clear slot ${n}`} onClick={() => put(n, null)}>
                  ×
                </button>
              </>
            ) : (
              <span className="shots-slot-empty">Slot {n}: drop an ingredient</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
