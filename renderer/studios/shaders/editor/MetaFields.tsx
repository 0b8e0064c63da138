import { useEffect, useState } from 'react';
import { parseTags, type Draft } from './draft.js';

interface Props {
  draft: Draft;
  onChange(next: (d: Draft) => Draft): void;
}

/** Description and tags (the title lives in the toolbar). Tags are typed comma-separated. */
export function MetaFields({ draft, onChange }: Props) {
  const [tagText, setTagText] = useState(draft.tags.join(', '));
  // Outside changes (import, reload) rewrite the text; typing does not fight the cursor.
  useEffect(() => {
    if (parseTags(tagText).join(',') !== draft.tags.join(',')) setTagText(draft.tags.join(', '));
  }, [draft.tags]);

  return (
    <section className="meta-fields card" aria-label="Shader details">
      <label className="field">
        <span>Description</span>
        <textarea
          className="textarea"
          data-testid="editor-description"
          value={draft.description}
          maxLength={1000}
          placeholder="What is it, how does it move, what inspired it?"
          onChange={(e) => onChange((d) => ({ ...d, description: e.target.value }))}
        />
      </label>
      <label className="field">
        <span>Tags</span>
        <input
          className="input"
          data-testid="editor-tags"
          value={tagText}
          placeholder="fractal, tunnel, neon"
          onChange={(e) => {
            setTagText(e.target.value);
            onChange((d) => ({ ...d, tags: parseTags(e.target.value).slice(0, 10) }));
          }}
        />
      </label>
      {draft.tags.length ? (
        <div className="chips">
          {draft.tags.map((t) => (
            <span key={t} className="chip chip-tag">
              #{t}
            </span>
          ))}
        </div>
      ) : null}
    </section>
  );
}
