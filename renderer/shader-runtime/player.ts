/**
 * Drives a ShaderEngine on screen: a requestAnimationFrame loop on a PlaybackClock (play,
 * pause, scrub), canvas size following its CSS box × devicePixelRatio, iMouse from pointer
 * events and a measured frame rate. ShaderCanvas (the React component) wraps this.
 */
import type { ShaderSource } from '../../shared/shaders/source.js';
import { PlaybackClock } from './clock.js';
import { ShaderEngine, type EngineOptions, type LoadResult } from './engine.js';
import { attachMouse } from './mouse.js';

export interface PlayerOptions extends EngineOptions {
  /** Cap on devicePixelRatio (software rendering pays per pixel). */
  maxPixelRatio?: number;
  /** Called after each drawn frame with the shader time and the measured fps. */
  onFrame?: (time: number, fps: number) => void;
}

export class ShaderPlayer {
  readonly engine: ShaderEngine;
  readonly clock = new PlaybackClock();
  private raf = 0;
  private fps = 0;
  private lastFrameAt = 0;
  private readonly detachMouse: () => void;
  private readonly resizeObserver: ResizeObserver | null;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly opts: PlayerOptions = {},
  ) {
    this.engine = new ShaderEngine(canvas, opts);
    this.detachMouse = attachMouse(canvas, this.engine.mouse);
    this.resizeObserver = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.fit());
    this.resizeObserver?.observe(canvas);
    this.fit();
  }

  /** Matches the drawing buffer to the canvas's CSS size. */
  fit(): void {
    const ratio = Math.min(window.devicePixelRatio || 1, this.opts.maxPixelRatio ?? 2);
    const r = this.canvas.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) this.engine.resize(r.width * ratio, r.height * ratio);
  }

  load(source: ShaderSource): LoadResult {
    const result = this.engine.load(source);
    if (result.ok && !this.clock.playing) this.drawOnce();
    return result;
  }

  play(): void {
    this.clock.play();
    if (!this.raf) this.raf = requestAnimationFrame(this.tick);
  }

  pause(): void {
    this.clock.pause();
    cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  /** Jumps to `seconds` and shows that frame even while paused. */
  seek(seconds: number): void {
    this.clock.setTime(seconds);
    if (!this.clock.playing) this.drawOnce();
  }

  get framesPerSecond(): number {
    return this.fps;
  }

  private drawOnce(): void {
    this.engine.render({ time: this.clock.time(), frameRate: this.fps || 60 });
  }

  private tick = (now: number): void => {
    this.raf = requestAnimationFrame(this.tick);
    if (this.lastFrameAt) {
      const inst = 1000 / Math.max(1, now - this.lastFrameAt);
      this.fps = this.fps ? this.fps * 0.9 + inst * 0.1 : inst;
    }
    this.lastFrameAt = now;
    const time = this.clock.time();
    if (this.engine.render({ time, frameRate: this.fps || 60 })) this.opts.onFrame?.(time, this.fps);
  };

  dispose(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.resizeObserver?.disconnect();
    this.detachMouse();
    this.engine.dispose();
  }
}
