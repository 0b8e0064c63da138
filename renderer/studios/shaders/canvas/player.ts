import { asDiagnostics, staticCheck } from '../../../../shared/shaders/static-checks.js';
import type { ShaderSource } from '../../../../shared/shaders/source.js';
import { attachKeyboard, attachMouse, PlaybackClock, ShaderEngine } from '../../../shader-runtime/index.js';
import type { CompileOutcome } from './ShaderCanvas.js';

export interface PlayerStats {
  fps: number;
  time: number;
  frame: number;
  /** Resolution scale the adaptive loop settled on (1 = full, capped DPR). */
  scale: number;
  width: number;
  height: number;
}

export interface PlayerOptions {
  maxDpr: number;
  interactive: boolean;
  /** Feed key presses to keyboard channels while the canvas has focus (the editor's preview). */
  keyboard?: boolean;
  onStats?: (s: PlayerStats) => void;
  onLost?: () => void;
  onRestored?: () => void;
  onFirstFrame?: () => void;
  /** The loop started or stopped (visible and not paused, or not). */
  onRunningChange?: (running: boolean) => void;
}

export interface Player {
  load(source: ShaderSource): CompileOutcome;
  hasProgram(): boolean;
  /** Visible and not told to pause: the loop runs only then. */
  setRunning(running: boolean): void;
  play(): void;
  pause(): void;
  setTime(seconds: number): void;
  restart(): void;
  time(): number;
  dispose(): void;
}

/** Never more buffer pixels than 1080p: shaders are fill-rate bound. */
const MAX_PIXELS = 1920 * 1080;
const STATS_EVERY_MS = 500;
const MIN_SCALE = 0.25;
/** Frame time the adaptive resolution aims for (30 fps). */
const TARGET_FRAME_MS = 33;

/**
 * The resolution scale the last player settled on: a new canvas starts there instead of
 * rediscovering (with a few very slow frames) that this machine cannot fill every pixel.
 */
let learnedScale = 1;

/** The engine + clock + requestAnimationFrame loop behind one ShaderCanvas. */
export function createPlayer(canvas: HTMLCanvasElement, opts: PlayerOptions): Player {
  const engine = new ShaderEngine(canvas, { onContextLost: opts.onLost, onContextRestored: () => opts.onRestored?.() });
  const clock = new PlaybackClock();
  let loaded = false;
  let running = false;
  let userPaused = false;
  let raf = 0;
  let scale = learnedScale;
  let fps = 0;
  let frames = 0;
  let statsAt = performance.now();
  let slowFrames = 0;
  let fastFrames = 0;
  let lastTick = 0;
  let drawn = false;
  const detachMouse = opts.interactive ? attachMouse(canvas, engine.mouse) : () => undefined;
  const detachKeyboard = opts.keyboard ? attachKeyboard(canvas, engine.keyboard) : () => undefined;

  const stats = (): PlayerStats => ({ fps, time: clock.time(), frame: engine.frame, scale, width: engine.width, height: engine.height });

  const draw = (): void => {
    if (!loaded || !engine.render({ time: clock.time(), frameRate: fps || 60 })) return;
    frames++;
    if (!drawn) {
      drawn = true;
      opts.onFirstFrame?.();
    }
  };

  const resize = (): void => {
    const r = canvas.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return;
    const dpr = Math.min(window.devicePixelRatio || 1, opts.maxDpr);
    let w = r.width * dpr * scale;
    let h = r.height * dpr * scale;
    const over = Math.sqrt((w * h) / MAX_PIXELS);
    if (over > 1) {
      w /= over;
      h /= over;
    }
    // A resize clears the canvas: draw straight away rather than show black until the next frame.
    if (Math.max(1, Math.round(w)) !== engine.width || Math.max(1, Math.round(h)) !== engine.height) {
      engine.resize(w, h);
      draw();
    }
  };

  // Fewer pixels while frames are slow (in one step, sized to the slowness: a software GPU can
  // take seconds per full-size frame and would freeze the page), back up when there is headroom.
  const adapt = (dt: number): void => {
    if (dt > 70) {
      slowFrames++;
      fastFrames = 0;
    } else if (dt < 20) {
      fastFrames++;
      slowFrames = 0;
    } else {
      slowFrames = fastFrames = 0;
    }
    if (slowFrames >= 2 && scale > MIN_SCALE) {
      scale = Math.max(MIN_SCALE, scale * Math.min(0.85, Math.sqrt(TARGET_FRAME_MS / dt)));
      learnedScale = scale;
      slowFrames = 0;
      resize();
    } else if (fastFrames >= 120 && scale < 1) {
      scale = Math.min(1, scale / 0.85);
      learnedScale = scale;
      fastFrames = 0;
      resize();
    }
  };

  const tick = (now: number): void => {
    raf = requestAnimationFrame(tick);
    draw();
    if (lastTick) adapt(now - lastTick);
    lastTick = now;
    if (now - statsAt >= STATS_EVERY_MS) {
      fps = (frames * 1000) / (now - statsAt);
      frames = 0;
      statsAt = now;
      opts.onStats?.(stats());
    }
  };

  const sync = (): void => {
    const go = running && !userPaused && loaded;
    if (go && !raf) {
      clock.play();
      frames = 0;
      lastTick = 0;
      statsAt = performance.now();
      raf = requestAnimationFrame(tick);
      opts.onRunningChange?.(true);
    } else if (!go && raf) {
      cancelAnimationFrame(raf);
      raf = 0;
      clock.pause();
      fps = 0;
      opts.onStats?.(stats());
      opts.onRunningChange?.(false);
    }
  };

  const ro = new ResizeObserver(resize);
  ro.observe(canvas);
  resize();

  return {
    load(source) {
      // Static checks first: an endless loop would freeze the GPU process, not just this canvas.
      const issues = staticCheck(source);
      const staticDiagnostics = asDiagnostics(issues);
      if (issues.some((i) => i.severity === 'error')) return { ok: false, diagnostics: staticDiagnostics };
      const first = !loaded;
      const result = engine.load(source);
      if (result.ok) {
        loaded = true;
        if (first) clock.setTime(0);
        draw();
        sync();
      }
      return { ok: result.ok, diagnostics: [...staticDiagnostics, ...result.diagnostics] };
    },
    hasProgram: () => loaded,
    setRunning(next) {
      running = next;
      sync();
    },
    play() {
      userPaused = false;
      sync();
    },
    pause() {
      userPaused = true;
      sync();
    },
    setTime(seconds) {
      clock.setTime(seconds);
      if (!raf) draw();
      opts.onStats?.(stats());
    },
    restart() {
      clock.setTime(0);
      engine.reset();
      draw();
      opts.onStats?.(stats());
    },
    time: () => clock.time(),
    dispose() {
      cancelAnimationFrame(raf);
      raf = 0;
      ro.disconnect();
      detachMouse();
      detachKeyboard();
      engine.dispose();
    },
  };
}
