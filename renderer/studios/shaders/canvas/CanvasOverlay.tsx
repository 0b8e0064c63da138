import type { CompileDiagnostic } from '../../../../shared/shaders/source.js';

interface Props {
  state: string;
  /** Whether this canvas asked for a live context (with a source to run). */
  wantsLive: boolean;
  hasThumbnail: boolean;
  thumbnailError: string | null;
  errors: CompileDiagnostic[] | null;
  hasProgram: boolean;
}

const where = (d: CompileDiagnostic): string => `${d.pass === 'image' ? 'Image' : d.pass === 'common' ? 'Common' : `Buffer ${d.pass}`}${d.line ? `:${d.line}` : ''}`;

/** What sits over the canvas: compile errors, a lost context, or why there is no picture. */
export function CanvasOverlay({ state, wantsLive, hasThumbnail, thumbnailError, errors, hasProgram }: Props) {
  if (errors && errors.length > 0) {
    const shown = errors.filter((d) => d.severity === 'error').slice(0, 4);
    return (
      <div className={`canvas-overlay canvas-errors${hasProgram ? ' canvas-errors-soft' : ''}`} role="alert">
        <strong>{hasProgram ? 'Still showing the last version that compiled' : 'This shader does not compile'}</strong>
        <ul>
          {shown.map((d, i) => (
            <li key={i}>
              <span className="mono">{where(d)}</span> {d.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (state === 'lost') return <div className="canvas-overlay canvas-note">Graphics context lost — waiting for the browser to restore it…</div>;
  if (state === 'waiting' && thumbnailError) return <div className="canvas-overlay canvas-note">Preview image unavailable ({thumbnailError})</div>;
  // Thumbnail-only cards of shaders that have not rendered yet; a live canvas waiting for its
  // context (or its source) stays quiet.
  if (state === 'waiting' && !hasThumbnail) return <div className="canvas-overlay canvas-note canvas-note-quiet">{wantsLive ? '' : 'Preview not rendered yet'}</div>;
  return null;
}
