import type { CompileDiagnostic, PassName } from '../../../../shared/shaders/source.js';

const passLabel = (p: PassName): string => (p === 'image' ? 'Image' : p === 'common' ? 'Common' : `Buffer ${p}`);

export interface SourcedDiagnostic extends CompileDiagnostic {
  /** Who reported it: the live preview's compile, the host refusing a save, or both. */
  origin: 'preview' | 'server' | 'both';
}

const same = (a: CompileDiagnostic, b: CompileDiagnostic): boolean => a.pass === b.pass && a.line === b.line && a.message === b.message;

/** Preview and save diagnostics in one list; one the host repeats is shown once, marked as both. */
export function mergeDiagnostics(preview: CompileDiagnostic[], server: CompileDiagnostic[]): SourcedDiagnostic[] {
  const out: SourcedDiagnostic[] = preview.map((d) => ({ ...d, origin: server.some((s) => same(s, d)) ? 'both' : 'preview' }));
  for (const d of server) if (!preview.some((p) => same(p, d))) out.push({ ...d, origin: 'server' });
  return out;
}

interface Props {
  diagnostics: SourcedDiagnostic[];
  compiling: boolean;
  onJump(d: CompileDiagnostic): void;
}

/** Every current diagnostic in the user's own line numbers; click to jump there. */
export function DiagnosticsList({ diagnostics, compiling, onJump }: Props) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return (
    <section className="diagnostics" data-testid="editor-diagnostics" data-count={diagnostics.length} aria-live="polite">
      <header className="diagnostics-head">
        {diagnostics.length === 0 ? (
          <span className="diagnostics-ok">{compiling ? 'Compiling…' : 'Compiles cleanly'}</span>
        ) : (
          <span>
            <strong className="diag-error-count">{errors} error{errors === 1 ? '' : 's'}</strong>
            {warnings ? <span className="diag-warning-count">, {warnings} warning{warnings === 1 ? '' : 's'}</span> : null}
          </span>
        )}
      </header>
      {diagnostics.length > 0 ? (
        <ul className="diagnostics-list">
          {diagnostics.map((d, i) => (
            <li key={i} data-severity={d.severity} data-line={d.line} data-pass={d.pass} data-testid="diagnostic">
              <button type="button" className="diagnostic" onClick={() => onJump(d)} disabled={d.line < 1}>
                <span className="diagnostic-where mono">
                  {passLabel(d.pass)}
                  {d.line > 0 ? `:${d.line}` : ''}
                  {d.column ? `:${d.column}` : ''}
                </span>
                <span className="diagnostic-message">{d.message}</span>
                {d.origin !== 'preview' ? <span className="chip diagnostic-origin" title="The host refused the save for this">on save</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
