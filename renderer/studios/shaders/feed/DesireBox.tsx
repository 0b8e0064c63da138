import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../../api/errors.js';
import { useCreateDesire, useDesire } from '../api/hooks.js';
import { studioPaths } from '../nav.js';
import { StudioLink } from '../ui/StudioLink.js';
import { usePostedDesires } from './posted-desires.js';

function PendingDesire({ id }: { id: string }) {
  const desire = useDesire(id, { watch: true });
  const d = desire.data;
  if (!d) return null;
  return (
    <li className="desire-pending" data-testid="desire-pending" data-status={d.status}>
      <span className="status-chip" data-status={d.status}>
        {d.status.replace('_', ' ')}
      </span>
      <span className="desire-pending-text">“{d.promptText}”</span>
      {d.fulfilledBy ? (
        <StudioLink to={studioPaths.detail(d.fulfilledBy.id)}>see {d.fulfilledBy.title}</StudioLink>
      ) : (
        <StudioLink to={studioPaths.desires()}>{d.clusterSize > 1 ? `${d.clusterSize} want this` : 'on the board'}</StudioLink>
      )}
    </li>
  );
}

/** "Show me something like…": posts a desire from the feed and follows it until it is fulfilled. */
export function DesireBox() {
  const [text, setText] = useState('');
  const create = useCreateDesire();
  const posted = usePostedDesires((s) => s.ids);
  const add = usePostedDesires((s) => s.add);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const promptText = text.trim();
    if (promptText.length < 3) return;
    create.mutate(
      { promptText },
      {
        onSuccess: (d) => {
          add(d.id);
          setText('');
        },
      },
    );
  };

  return (
    <div className="desire-box">
      <form className="desire-form" onSubmit={submit}>
        <input
          className="desire-input"
          data-testid="desire-input"
          placeholder="Show me something like…"
          aria-label="Describe a shader you want to see"
          value={text}
          maxLength={500}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="btn btn-cta desire-submit" data-testid="desire-submit" disabled={create.isPending || text.trim().length < 3}>
          {create.isPending ? 'Asking…' : 'Ask'}
        </button>
      </form>
      {create.isError ? (
        <p className="field-error desire-error" role="alert">
          {errorMessage(create.error)}
        </p>
      ) : null}
      {posted.length ? (
        <ul className="desire-pending-list">
          {posted.slice(-2).map((id) => (
            <PendingDesire key={id} id={id} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
