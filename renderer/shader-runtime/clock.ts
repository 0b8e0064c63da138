/**
 * Playback time for the interactive canvas: play, pause and scrub (setTime). The headless
 * renderer never uses it; it passes explicit times so frames are reproducible.
 */
export class PlaybackClock {
  private base = 0;
  private startedAt: number | null = null;

  constructor(private readonly now: () => number = () => performance.now()) {}

  get playing(): boolean {
    return this.startedAt !== null;
  }

  /** Seconds of shader time now. */
  time(): number {
    return this.startedAt === null ? this.base : this.base + (this.now() - this.startedAt) / 1000;
  }

  play(): void {
    if (this.startedAt === null) this.startedAt = this.now();
  }

  pause(): void {
    this.base = this.time();
    this.startedAt = null;
  }

  /** Jumps to `seconds`, keeping the play/pause state. */
  setTime(seconds: number): void {
    this.base = Math.max(0, seconds);
    if (this.startedAt !== null) this.startedAt = this.now();
  }
}
