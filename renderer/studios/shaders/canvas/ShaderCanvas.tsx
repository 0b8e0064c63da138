import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { CompileDiagnostic, ShaderSource } from '../../../../shared/shaders/source.js';
import { useAuthedMedia } from '../../../api/authed-media.js';
import { useContextSlot } from './context-budget.js';
import { CanvasOverlay } from './CanvasOverlay.js';
import { createPlayer, type Player, type PlayerStats } from './player.js';
import { useOnScreen } from './useOnScreen.js';
import './shader-canvas.css';

export interface ShaderCanvasController {
  play(): void;
  pause(): void;
  setTime(seconds: number): void;
  restart(): void;
  time(): number;
}

export interface CompileOutcome {
  ok: boolean;
  diagnostics: CompileDiagnostic[];
}

interface ShaderCanvasProps {
  source: ShaderSource | null;
  /** Budget priority (context-budget PRIORITY); higher keeps its context when slots are short. */
  priority: number;
  /** False: do not ask for a context at all (show the thumbnail). */
  live?: boolean;
  /** Told to pause (the canvas also pauses by itself while off-screen). */
  paused?: boolean;
  thumbnailUrl?: string | null;
  /** devicePixelRatio cap: shaders are fill-rate bound, 4K at 2× is rarely worth it. */
  maxDpr?: number;
  interactive?: boolean;
  /** Key presses reach keyboard channels while the canvas has focus (click it or Tab to it). */
  keyboard?: boolean;
  /** Show compile errors over the canvas (the editor lists them itself). */
  showErrors?: boolean;
  label: string;
  className?: string;
  onCompile?: (outcome: CompileOutcome) => void;
  onStats?: (stats: PlayerStats) => void;
  controllerRef?: Ref<ShaderCanvasController>;
}

type Phase = 'idle' | 'live' | 'error' | 'lost';

/**
 * Renders a ShaderSource live with the WebGL2 runtime when the context budget grants a slot,
 * else shows the thumbnail. Pauses off-screen, caps the pixel ratio, lowers resolution while
 * the frame rate is poor, and loses its GL context on unmount or when its slot is taken.
 */
export function ShaderCanvas(props: ShaderCanvasProps) {
  const { source, priority, live = true, paused = false, thumbnailUrl, maxDpr = 1.5, interactive = true, keyboard = false, showErrors = true, label, className } = props;
  const wrap = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const player = useRef<Player | null>(null);
  const onScreen = useOnScreen(wrap);
  const slot = useContextSlot(live && source !== null, priority);
  const [phase, setPhase] = useState<Phase>('idle');
  const [outcome, setOutcome] = useState<CompileOutcome | null>(null);
  const [playerId, setPlayerId] = useState(0);
  const [animating, setAnimating] = useState(false);
  const thumb = useAuthedMedia(thumbnailUrl ?? null);
  const callbacks = useRef({ onCompile: props.onCompile, onStats: props.onStats });
  callbacks.current = { onCompile: props.onCompile, onStats: props.onStats };
  const sourceKey = source ? JSON.stringify(source) : '';

  // One engine per granted slot, on a canvas made here: a context that was lost cannot be revived.
  useEffect(() => {
    const host = stage.current;
    if (!slot || !host) return undefined;
    const canvas = document.createElement('canvas');
    canvas.className = 'shader-canvas-gl';
    host.appendChild(canvas);
    let p: Player;
    try {
      p = createPlayer(canvas, {
        maxDpr,
        interactive,
        keyboard,
        onStats: (s) => callbacks.current.onStats?.(s),
        onLost: () => setPhase('lost'),
        onRestored: () => setPhase(p.hasProgram() ? 'live' : 'error'),
        onFirstFrame: () => canvas.setAttribute('data-drawn', 'true'),
        onRunningChange: setAnimating,
      });
    } catch (err) {
      canvas.remove();
      setPhase('error');
      setOutcome({ ok: false, diagnostics: [{ pass: 'image', line: 0, column: null, severity: 'error', message: err instanceof Error ? err.message : String(err) }] });
      return undefined;
    }
    player.current = p;
    setPlayerId((n) => n + 1);
    return () => {
      p.dispose();
      canvas.remove();
      if (player.current === p) player.current = null;
      setPhase('idle');
      setAnimating(false);
    };
  }, [slot, maxDpr, interactive, keyboard]);

  // (Re)compile when the source changes; the previous program keeps running on failure.
  useEffect(() => {
    const p = player.current;
    if (!p || !source) return;
    const result = p.load(source);
    setOutcome(result);
    setPhase(p.hasProgram() ? 'live' : 'error');
    callbacks.current.onCompile?.(result);
    // sourceKey stands in for source (a new object with the same code is not a change).
  }, [sourceKey, playerId]);

  useEffect(() => {
    player.current?.setRunning(onScreen && !paused);
  }, [onScreen, paused, playerId]);

  useImperativeHandle(
    props.controllerRef,
    () => ({
      play: () => player.current?.play(),
      pause: () => player.current?.pause(),
      setTime: (t) => player.current?.setTime(t),
      restart: () => player.current?.restart(),
      time: () => player.current?.time() ?? 0,
    }),
    [],
  );

  const state = !slot ? (thumb.url ? 'thumbnail' : 'waiting') : phase;
  const failed = outcome && !outcome.ok ? outcome.diagnostics : null;
  return (
    <div
      ref={wrap}
      className={`shader-canvas ${className ?? ''}`}
      data-testid="shader-canvas"
      data-state={state}
      data-compiled={outcome ? String(outcome.ok) : undefined}
      data-animating={animating}
      role="img"
      aria-label={label}
    >
      {thumb.url ? <img className="shader-canvas-thumb" src={thumb.url} alt="" draggable={false} /> : null}
      <div ref={stage} className="shader-canvas-stage" />
      <CanvasOverlay
        state={state}
        wantsLive={live && source !== null}
        hasThumbnail={!!thumbnailUrl}
        thumbnailError={thumb.error}
        errors={showErrors ? failed : null}
        hasProgram={phase === 'live'}
      />
    </div>
  );
}
