import { useState } from 'react';
import type { Shader } from '../../../../shared/schemas/shaders.js';
import type { PassName } from '../../../../shared/shaders/source.js';
import { CodeEditor } from '../editor/CodeEditor.js';
import { hasPass, passCode } from '../editor/draft.js';
import { PassTabs } from '../editor/PassTabs.js';

/** Read-only Monaco over each pass, with the diagnostics of the last render. */
export function CodeTab({ shader }: { shader: Shader }) {
  const [pass, setPass] = useState<PassName>('image');
  const current = hasPass(shader.source, pass) ? pass : 'image';
  return (
    <section className="detail-code" data-testid="detail-code">
      <PassTabs source={shader.source} current={current} diagnostics={shader.diagnostics} readOnly onSelect={setPass} onAddBuffer={() => undefined} onRemoveBuffer={() => undefined} />
      <div className="detail-code-editor">
        <CodeEditor modelKey={current} value={passCode(shader.source, current)} readOnly diagnostics={shader.diagnostics.filter((d) => d.pass === current)} ariaLabel={`Code of the ${current} pass (read-only)`} />
      </div>
    </section>
  );
}
