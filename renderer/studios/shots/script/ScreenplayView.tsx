import { Fragment, type ReactNode } from 'react';
import { ParsedScreenplay, type ScreenplayElement } from '../../../../shared/shots/screenplay.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';

type Dialogue = Extract<ScreenplayElement, { type: 'dialogue' }>;

function DialogueBlock({ d }: { d: Dialogue }) {
  return (
    <div className="sp-dialogue-block">
      <p className="sp-character">
        {d.character}
        {d.extension ? ` (${d.extension})` : ''}
      </p>
      {d.parts.map((p, i) =>
        p.kind === 'parenthetical' ? (
          <p key={i} className="sp-parenthetical">
            {p.text.startsWith('(') ? p.text : `(${p.text})`}
          </p>
        ) : (
          <p key={i} className="sp-dialogue">
            {p.text}
          </p>
        ),
      )}
    </div>
  );
}

/** Elements in order; a left+right dual-dialogue pair is laid out side by side. */
function renderElements(elements: ScreenplayElement[]): ReactNode[] {
  const out: ReactNode[] = [];
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    const next = elements[i + 1];
    if (el.type === 'dialogue' && el.dual === 'left' && next?.type === 'dialogue' && next.dual === 'right') {
      out.push(
        <div key={i} className="sp-dual">
          <DialogueBlock d={el} />
          <DialogueBlock d={next} />
        </div>,
      );
      i++;
      continue;
    }
    switch (el.type) {
      case 'action':
        out.push(<p key={i} className="sp-action">{el.text}</p>);
        break;
      case 'dialogue':
        out.push(<DialogueBlock key={i} d={el} />);
        break;
      case 'transition':
        out.push(<p key={i} className="sp-transition">{el.text}</p>);
        break;
      case 'centered':
        out.push(<p key={i} className="sp-centered">{el.text}</p>);
        break;
      case 'lyrics':
        out.push(<p key={i} className="sp-lyrics">{el.text}</p>);
        break;
      case 'section':
        out.push(<p key={i} className="sp-section" data-depth={el.depth}>{`${'#'.repeat(el.depth)} ${el.text}`}</p>);
        break;
      case 'synopsis':
        out.push(<p key={i} className="sp-synopsis">= {el.text}</p>);
        break;
      case 'note':
        out.push(<p key={i} className="sp-note">[[{el.text}]]</p>);
        break;
      case 'boneyard':
        out.push(
          <details key={i} className="sp-boneyard">
            <summary>Boneyard (commented out)</summary>
            <pre>{el.text}</pre>
          </details>,
        );
        break;
      case 'page_break':
        out.push(<hr key={i} className="sp-page-break" aria-label="Page break" />);
        break;
    }
  }
  return out;
}

/** The parsed script in standard screenplay layout (Courier, cue/dialogue indents, right-aligned transitions). */
export function ScreenplayView({ document }: { document: unknown }) {
  const parsed = ParsedScreenplay.safeParse(document);
  if (!parsed.success) return <ErrorBanner error={new Error('The host sent a screenplay this view cannot read.')} title="Screenplay not shown" />;
  const sp = parsed.data;
  return (
    <article className="sp-page" data-testid="shots-screenplay" aria-label={sp.title ?? 'Screenplay'}>
      {sp.titlePage.length ? (
        <header className="sp-title-page">
          {sp.titlePage.map((e, i) => (
            <p key={i} className={e.key.toLowerCase() === 'title' ? 'sp-title' : 'sp-title-entry'}>
              {e.key.toLowerCase() === 'title' ? e.value : `${e.key.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase())}: ${e.value}`}
            </p>
          ))}
        </header>
      ) : null}
      {renderElements(sp.preamble)}
      {sp.scenes.map((scene) => (
        <Fragment key={scene.index}>
          <h3 className="sp-heading">
            {scene.sceneNumber ? <span className="sp-scene-number">{scene.sceneNumber}</span> : null}
            {scene.slugline}
            {scene.sceneNumber ? <span className="sp-scene-number sp-scene-number-right">{scene.sceneNumber}</span> : null}
          </h3>
          {renderElements(scene.elements)}
        </Fragment>
      ))}
      <p className="muted small sp-footer">
        {sp.format.toUpperCase()} · {sp.encoding} · about {sp.pages.toFixed(1)} page{sp.pages === 1 ? '' : 's'}
      </p>
    </article>
  );
}
