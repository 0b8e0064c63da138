import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../../api/errors.js';
import { useCreateDesire } from '../api/hooks.js';
import { DEFAULT_KNOBS, StyleSliders, type StyleKnobs } from '../ui/StyleSliders.js';
import { useToast } from '../ui/toast.js';

/** Post a desire: what you want to see, optionally with style hints from the sliders. */
export function DesireForm() {
  const [text, setText] = useState('');
  const [withStyle, setWithStyle] = useState(false);
  const [autoFulfil, setAutoFulfil] = useState(true);
  const [knobs, setKnobs] = useState<StyleKnobs>(DEFAULT_KNOBS);
  const create = useCreateDesire();
  const toast = useToast();

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    create.mutate(
      { promptText: text.trim(), autoFulfil, ...(withStyle ? { styleHints: { chaos: knobs.chaos, colorTemperature: knobs.colorTemperature, motion: knobs.motion } } : {}) },
      {
        onSuccess: (d) => {
          setText('');
          const similar = d.clusterSize > 1 ? ` — ${d.clusterSize - 1} similar desire${d.clusterSize > 2 ? 's' : ''} already on the board` : '';
          toast.ok(d.fulfilment?.state === 'generating' ? `Posted${similar}; the studio is generating it now` : `Posted${similar}`);
        },
      },
    );
  };

  return (
    <form className="card desire-post" onSubmit={submit} data-testid="desire-form">
      <h2>Ask for a shader</h2>
      <label className="field">
        <span>What do you want to see?</span>
        <textarea
          className="textarea"
          data-testid="desire-text"
          placeholder="ragdoll physics but dark and slow…"
          value={text}
          maxLength={500}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <label className="desire-style-toggle">
        <input type="checkbox" checked={withStyle} onChange={(e) => setWithStyle(e.target.checked)} data-testid="desire-with-style" /> Add style hints
      </label>
      {withStyle ? <StyleSliders idPrefix="desire" value={knobs} onChange={setKnobs} /> : null}
      <label className="desire-auto-toggle">
        <input type="checkbox" checked={autoFulfil} onChange={(e) => setAutoFulfil(e.target.checked)} data-testid="desire-auto" />
        <span>Let the studio generate it now when few others want the same and the queue is clear; otherwise it waits on the board</span>
      </label>
      {create.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(create.error)}
        </p>
      ) : null}
      <button type="submit" className="btn btn-cta" data-testid="desire-post" disabled={create.isPending || text.trim().length < 3}>
        {create.isPending ? 'Posting…' : 'Post desire'}
      </button>
    </form>
  );
}
