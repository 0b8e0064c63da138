import { useEffect, useRef, useState } from 'react';

interface InlineEditProps {
  value: string;
  label: string;
  onSave(next: string): Promise<unknown>;
  multiline?: boolean;
  className?: string;
}

/**
 * Text that turns into a field on click (or Enter); Enter/blur saves, Escape cancels. While the save
 * is in flight the new text shows; a refused save puts the old text back and says why.
 */
export function InlineEdit({ value, label, onSave, multiline, className }: InlineEditProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  useEffect(() => {
    if (editing) ref.current?.select();
  }, [editing]);

  const commit = async () => {
    setEditing(false);
    const next = draft.trim();
    if (!next || next === value) return;
    setPending(next);
    setError(null);
    try {
      await onSave(next);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(null);
    }
  };

  if (editing) {
    const common = {
      ref,
      'aria-label': label,
      className: `inline-edit-field ${className ?? ''}`,
      value: draft,
      onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
      onBlur: () => void commit(),
      onKeyDown: (e: React.KeyboardEvent) => {
        if (e.key === 'Escape') {
          setDraft(value);
          setEditing(false);
        } else if (e.key === 'Enter' && (!multiline || e.metaKey || e.ctrlKey)) {
          e.preventDefault();
          void commit();
        }
      },
    };
    return multiline ? <textarea rows={3} {...common} /> : <input {...common} />;
  }
  return (
    <span className={`inline-edit ${className ?? ''}`}>
      <button
        type="button"
        className="inline-edit-text"
        title={`${label} (click to edit)`}
        aria-label={`${label}: ${pending ?? value}. Edit`}
        onClick={() => {
          setDraft(value);
          setEditing(true);
        }}
      >
        {pending ?? value}
      </button>
      {error ? (
        <span className="inline-edit-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
