/**
 * Playback time for the interactive canvas: play, pause and scrub (setTime). The headless
 * renderer never uses it; it passes explicit times so frames are reproducible. Also the
 * iDate vector both use.
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

/** Shadertoy's iDate of `d`: year, month (0-based, as JavaScript's), day of month, seconds since midnight. */
export function shadertoyDate(d: Date, zone: 'local' | 'utc'): [number, number, number, number] {
  if (zone === 'utc') return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds() + d.getUTCMilliseconds() / 1000];
  return [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds() + d.getMilliseconds() / 1000];
}