import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

const KEY = 'auteur.shaders.editorSplit';
const MIN = 0.25;
const MAX = 0.75;

function stored(): number {
  try {
    const v = Number(window.localStorage.getItem(KEY));
    return v >= MIN && v <= MAX ? v : 0.52;
  } catch {
    return 0.52;
  }
}

/** Left/right panes with a draggable (and keyboard-movable) divider; the ratio is remembered. */
export function SplitPane({ left, right }: { left: ReactNode; right: ReactNode }) {
  const [ratio, setRatio] = useState(stored);
  const box = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  useEffect(() => {
    try {
      window.localStorage.setItem(KEY, String(ratio));
    } catch {
      /* not persisted */
    }
  }, [ratio]);

  const move = useCallback((clientX: number) => {
    const r = box.current?.getBoundingClientRect();
    if (!r) return;
    setRatio(Math.min(MAX, Math.max(MIN, (clientX - r.left) / r.width)));
  }, []);

  return (
    <div className="split" ref={box} style={{ gridTemplateColumns: `${ratio}fr 8px ${1 - ratio}fr` }}>
      <div className="split-pane">{left}</div>
      <div
        className="split-handle"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize editor and preview"
        aria-valuemin={MIN * 100}
        aria-valuemax={MAX * 100}
        aria-valuenow={Math.round(ratio * 100)}
        tabIndex={0}
        data-testid="split-handle"
        onPointerDown={(e) => {
          dragging.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => dragging.current && move(e.clientX)}
        onPointerUp={() => (dragging.current = false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft') setRatio((r) => Math.max(MIN, r - 0.02));
          if (e.key === 'ArrowRight') setRatio((r) => Math.min(MAX, r + 0.02));
        }}
      />
      <div className="split-pane">{right}</div>
    </div>
  );
}
