import type { BufferId, CompileDiagnostic, PassName, ShaderSource } from '../../../../shared/shaders/source.js';
import { BUFFER_IDS, hasPass } from './draft.js';
import './pass-tabs.css';

const label = (p: PassName): string => (p === 'image' ? 'Image' : p === 'common' ? 'Common' : `Buffer ${p}`);

interface Props {
  source: ShaderSource;
  current: PassName;
  diagnostics: CompileDiagnostic[];
  readOnly?: boolean;
  onSelect(pass: PassName): void;
  onAddBuffer(id: BufferId): void;
  onRemoveBuffer(id: BufferId): void;
}

/** Image, Common and Buffer A–D; a red dot marks passes with errors, "+" adds a buffer. */
export function PassTabs({ source, current, diagnostics, readOnly, onSelect, onAddBuffer, onRemoveBuffer }: Props) {
  const passes: PassName[] = ['image', 'common', ...BUFFER_IDS.filter((b) => hasPass(source, b))];
  const missing = BUFFER_IDS.filter((b) => !hasPass(source, b));
  const errorsIn = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.pass));
  return (
    <div className="pass-tabs" role="tablist" aria-label="Shader passes">
      {passes.map((p) => (
        <div key={p} className="pass-tab-wrap" data-current={p === current}>
          <button
            type="button"
            role="tab"
            className="pass-tab"
            aria-selected={p === current}
            data-testid={`pass-tab-${p}`}
            data-has-error={errorsIn.has(p)}
            onClick={() => onSelect(p)}
          >
            {label(p)}
            {errorsIn.has(p) ? <span className="pass-error-dot" aria-label="has errors" /> : null}
          </button>
          {!readOnly && p !== 'image' && p !== 'common' ? (
            <button
              type="button"
              className="pass-tab-close"
              aria-label={`Remove ${label(p)}`}
              title={`Remove ${label(p)}`}
              onClick={() => {
                if (window.confirm(`Remove ${label(p)}? Its code is deleted and channels reading it are unplugged.`)) onRemoveBuffer(p as BufferId);
              }}
            >
              ×
            </button>
          ) : null}
        </div>
      ))}
      {!readOnly && missing.length > 0 ? (
        <button type="button" className="pass-tab pass-tab-add" data-testid="add-buffer" onClick={() => onAddBuffer(missing[0]!)} title={`Add Buffer ${missing[0]}`}>
          + Buffer {missing[0]}
        </button>
      ) : null}
    </div>
  );
}
