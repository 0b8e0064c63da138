import { useRef, useState } from 'react';
import type { ShaderSource } from '../../../../shared/shaders/source.js';
import { PRIORITY } from '../canvas/context-budget.js';
import type { PlayerStats } from '../canvas/player.js';
import { ShaderCanvas, type CompileOutcome, type ShaderCanvasController } from '../canvas/ShaderCanvas.js';
import { Transport } from './Transport.js';

interface Props {
  source: ShaderSource | null;
  onCompile(outcome: CompileOutcome): void;
}

function readsKeyboard(source: ShaderSource | null): boolean {
  return !!source && [source.image, ...source.buffers].some((p) => p.channels.some((c) => c.type === 'keyboard'));
}

/** The live preview: always holds a context (editor priority), with play/pause, scrub and fps. */
export function PreviewPane({ source, onCompile }: Props) {
  const controller = useRef<ShaderCanvasController>(null);
  const [paused, setPaused] = useState(false);
  const [stats, setStats] = useState<PlayerStats | null>(null);
  const [ok, setOk] = useState(true);
  return (
    <section className="preview" aria-label="Live preview">
      <div className="preview-stage">
        <ShaderCanvas
          source={source}
          priority={PRIORITY.focus}
          paused={paused}
          maxDpr={2}
          showErrors={false}
          label="Live preview of the shader being edited"
          className="preview-canvas"
          keyboard
          controllerRef={controller}
          onCompile={(outcome) => {
            setOk(outcome.ok);
            onCompile(outcome);
          }}
          onStats={setStats}
        />
        {readsKeyboard(source) ? (
          <span className="preview-keys muted small" data-testid="preview-keys">
            Click the preview to type: keys reach the keyboard channel while it has focus
          </span>
        ) : null}
        {!ok ? (
          <span className="preview-stale" data-testid="preview-stale">
            Showing the last version that compiled
          </span>
        ) : null}
      </div>
      <Transport controller={controller} paused={paused} onPausedChange={setPaused} stats={stats} />
    </section>
  );
}
