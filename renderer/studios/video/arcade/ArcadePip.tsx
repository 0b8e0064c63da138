import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import type { ArcadeGame } from '../../../../shared/schemas/video-arcade.js';
import { GameFrame } from './GameFrame.js';
import './arcade.css';

/** How loud the video stays while a game is open (its volume × this). */
export const DUCKED_VOLUME = 0.25;
/** The floating panel's width: a share of the video's, within bounds (16:9 game below a 32 px bar). */
const pipWidth = (videoWidth: number | undefined): number => Math.round(clamp((videoWidth ?? 720) * 0.5, 280, 420));
const BAR_H = 32;
const MINI_W = 176;
const MARGIN = 12;
const STEP = 16;

type VideoSource = HTMLVideoElement | null | RefObject<HTMLVideoElement | null>;

export interface ArcadePipProps {
  /** The <video> the panel floats over (an element or a ref to one). */
  video: VideoSource;
  game: ArcadeGame;
  onClose: () => void;
}

const resolve = (v: VideoSource): HTMLVideoElement | null => (v && 'current' in v ? v.current : (v as HTMLVideoElement | null));
const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/**
 * Ducks the video while the game is open: its volume drops to DUCKED_VOLUME of what it was and
 * comes back on close, unless the viewer changed it meanwhile (their choice wins).
 */
function useDucking(video: HTMLVideoElement | null): void {
  useEffect(() => {
    if (!video) return undefined;
    const before = video.volume;
    const ducked = Math.round(before * DUCKED_VOLUME * 1000) / 1000;
    video.volume = ducked;
    video.dataset.arcadeDucked = 'true';
    return () => {
      delete video.dataset.arcadeDucked;
      if (Math.abs(video.volume - ducked) < 0.002) video.volume = before;
    };
  }, [video]);
}

/** The video's box on screen, followed while it moves or resizes (layout, scroll, fullscreen). */
function useVideoRect(video: HTMLVideoElement | null): DOMRect | null {
  const [rect, setRect] = useState<DOMRect | null>(null);
  useEffect(() => {
    if (!video) return undefined;
    const read = (): void => setRect(video.getBoundingClientRect());
    read();
    const ro = new ResizeObserver(read);
    ro.observe(video);
    addEventListener('scroll', read, true);
    addEventListener('resize', read);
    return () => {
      ro.disconnect();
      removeEventListener('scroll', read, true);
      removeEventListener('resize', read);
    };
  }, [video]);
  return rect;
}

/** A live copy of the video frames for the corner while flipped (the <video> itself stays where the player put it). */
function VideoMini({ video, onClick }: { video: HTMLVideoElement; onClick: () => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let raf = 0;
    const draw = (): void => {
      const c = canvas.current;
      const ctx = c?.getContext('2d');
      if (c && ctx && video.videoWidth) {
        c.height = Math.round((c.width * video.videoHeight) / video.videoWidth) || c.height;
        ctx.drawImage(video, 0, 0, c.width, c.height);
      }
      raf = requestAnimationFrame(draw);
    };
    raf = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(raf);
  }, [video]);
  return (
    <button type="button" className="arcade-mini" onClick={onClick} aria-label="Video (flip back to make it big)" data-testid="arcade-pip-mini">
      <canvas ref={canvas} width={MINI_W} height={Math.round((MINI_W * 9) / 16)} />
    </button>
  );
}

/**
 * The arcade in picture-in-picture: a floating, movable panel with the game over a playing video.
 * Flip swaps the roles (the game covers the video, a live copy of the video sits in the corner).
 * Keyboard: the title bar is focusable (arrows move the panel, Shift for bigger steps), F flips,
 * Escape closes; the game itself gets keys once clicked or focused (Tab into the frame).
 */
export function ArcadePip({ video: source, game, onClose }: ArcadePipProps) {
  const [video, setVideo] = useState<HTMLVideoElement | null>(() => resolve(source));
  useLayoutEffect(() => setVideo(resolve(source)), [source]);
  useDucking(video);
  const rect = useVideoRect(video);
  const [flipped, setFlipped] = useState(false);
  const [pos, setPos] = useState<{ x: number; y: number } | null>(null);
  const drag = useRef<{ dx: number; dy: number } | null>(null);
  const handle = useRef<HTMLDivElement>(null);

  const width = pipWidth(rect?.width);
  const height = Math.round((width * 9) / 16) + BAR_H;
  // First placement: inside the video's bottom-right corner (or the window's without a video).
  useEffect(() => {
    if (pos || (video && !rect)) return;
    const r = rect ?? new DOMRect(0, 0, innerWidth, innerHeight);
    setPos({ x: clamp(r.right - width - MARGIN, 0, innerWidth - width), y: clamp(r.bottom - height - MARGIN, 0, innerHeight - height) });
  }, [rect, pos, video, width, height]);
  // Focus the title bar once the panel exists, so the keyboard controls work straight away.
  const placed = pos !== null;
  useEffect(() => {
    if (placed) handle.current?.focus();
  }, [placed]);

  const move = useCallback((x: number, y: number) => setPos({ x: clamp(x, 0, innerWidth - 120), y: clamp(y, 0, innerHeight - 40) }), []);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (flipped || !pos || (e.target as HTMLElement).closest('button')) return;
    drag.current = { dx: e.clientX - pos.x, dy: e.clientY - pos.y };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (drag.current) move(e.clientX - drag.current.dx, e.clientY - drag.current.dy);
  };
  const onPointerUp = (): void => void (drag.current = null);
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') return (e.preventDefault(), onClose());
    if (e.key === 'f' || e.key === 'F') return (e.preventDefault(), setFlipped((f) => !f));
    if (flipped || !pos || e.target !== handle.current) return;
    const step = e.shiftKey ? STEP * 4 : STEP;
    const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (!d) return;
    e.preventDefault();
    move(pos.x + d[0]!, pos.y + d[1]!);
  };

  if (!pos) return null;
  // Flipped: the panel takes the video's box; otherwise it floats where the viewer put it.
  const box = flipped && rect ? { left: rect.left, top: rect.top, width: rect.width, height: rect.height } : { left: pos.x, top: pos.y, width, height };
  return createPortal(
    <div
      className={`arcade-pip${flipped ? ' arcade-pip-flipped' : ''}`}
      style={box}
      role="dialog"
      aria-label={`${game.title} over the video`}
      data-testid="arcade-pip"
      data-flipped={flipped ? 'true' : 'false'}
      onKeyDown={onKey}
    >
      <div
        ref={handle}
        className="arcade-pip-bar"
        tabIndex={0}
        aria-label={`${game.title}: drag or use the arrow keys to move, F to flip, Escape to close`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <span className="arcade-pip-title" title={`${game.title} · the video plays at ${Math.round(DUCKED_VOLUME * 100)} % volume while the game is open`}>
          {game.title}
        </span>
        {flipped ? <span className="arcade-pip-note small">video at {Math.round(DUCKED_VOLUME * 100)} % volume</span> : <span className="arcade-pip-note" />}
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-pressed={flipped}
          aria-label={flipped ? 'Flip: make the video big again' : 'Flip: make the game big'}
          onClick={() => setFlipped((f) => !f)}
          data-testid="arcade-pip-flip"
          title="Flip (F)"
        >
          ⇄ Flip
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} aria-label="Close the game" data-testid="arcade-pip-close" title="Close (Escape)">
          ✕
        </button>
      </div>
      <GameFrame game={game} className="arcade-pip-frame" />
      {flipped && video ? <VideoMini video={video} onClick={() => setFlipped(false)} /> : null}
    </div>,
    document.body,
  );
}
