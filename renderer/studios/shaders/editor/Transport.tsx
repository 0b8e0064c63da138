import { useEffect, useState, type RefObject } from 'react';
import type { ShaderCanvasController } from '../canvas/ShaderCanvas.js';
import type { PlayerStats } from '../canvas/player.js';
import { PauseIcon, PlayIcon, RestartIcon } from '../ui/icons.js';

interface Props {
  controller: RefObject<ShaderCanvasController | null>;
  paused: boolean;
  onPausedChange(paused: boolean): void;
  stats: PlayerStats | null;
}

const fmt = (t: number): string => {
  const m = Math.floor(t / 60);
  const s = t - m * 60;
  return `${m}:${s.toFixed(2).padStart(5, '0')}`;
};

/** Play/pause, restart, a time scrubber and the live frame rate under the preview. */
export function Transport({ controller, paused, onPausedChange, stats }: Props) {
  const [time, setTime] = useState(0);
  const [scrubbing, setScrubbing] = useState(false);

  // Follow the clock at ~10 Hz while playing; scrubbing drives it the other way.
  useEffect(() => {
    if (scrubbing) return undefined;
    const read = (): void => setTime(controller.current?.time() ?? 0);
    read();
    if (paused) return undefined;
    const id = window.setInterval(read, 100);
    return () => window.clearInterval(id);
  }, [controller, paused, scrubbing]);

  const span = Math.max(30, Math.ceil((time + 5) / 30) * 30);
  return (
    <div className="transport" data-testid="transport">
      <button
        type="button"
        className="icon-btn transport-btn"
        data-testid="preview-playpause"
        aria-label={paused ? 'Play' : 'Pause'}
        title={paused ? 'Play' : 'Pause'}
        onClick={() => onPausedChange(!paused)}
      >
        {paused ? <PlayIcon /> : <PauseIcon />}
      </button>
      <button
        type="button"
        className="icon-btn transport-btn"
        data-testid="preview-restart"
        aria-label="Restart from 0"
        title="Restart from 0 (buffers cleared)"
        onClick={() => {
          controller.current?.restart();
          setTime(0);
        }}
      >
        <RestartIcon />
      </button>
      <input
        type="range"
        className="transport-scrub"
        aria-label="Time"
        data-testid="preview-scrub"
        min={0}
        max={span}
        step={0.01}
        value={Math.min(time, span)}
        onPointerDown={() => setScrubbing(true)}
        onPointerUp={() => setScrubbing(false)}
        onBlur={() => setScrubbing(false)}
        onChange={(e) => {
          const t = Number(e.target.value);
          setTime(t);
          controller.current?.setTime(t);
        }}
      />
      <span className="transport-time mono" data-testid="preview-time">
        {fmt(time)}
      </span>
      <span className="transport-fps mono" data-testid="preview-fps" title={stats ? `${stats.width}×${stats.height} buffer pixels, scale ${stats.scale.toFixed(2)}` : undefined}>
        {stats && !paused ? `${stats.fps.toFixed(0)} fps` : paused ? 'paused' : '— fps'}
      </span>
    </div>
  );
}
