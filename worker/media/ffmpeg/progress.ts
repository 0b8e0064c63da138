/**
 * ffmpeg's own stderr is the only progress source (the bundled build has no ffprobe):
 * "Duration: 00:00:05.04, start: …" for inputs and "frame=  120 … time=00:00:04.00 …" lines.
 */

export function parseClock(s: string): number | null {
  const m = /^(-)?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(s.trim());
  if (!m) return null;
  const v = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return m[1] ? -v : v;
}

/** "  Duration: 00:00:05.04, start: 1.400000, bitrate: 98 kb/s" → { durationSec: 5.04, startSec: 1.4 }. */
export function parseDurationLine(line: string): { durationSec: number | null; startSec: number | null } | null {
  const m = /Duration:\s*([\d:.]+|N\/A)(?:,\s*start:\s*(-?[\d.]+))?/.exec(line);
  if (!m) return null;
  return { durationSec: m[1] === 'N/A' ? null : parseClock(m[1]!), startSec: m[2] !== undefined ? Number(m[2]) : null };
}

export interface ProgressSample {
  frame: number | null;
  timeSec: number | null;
  speed: number | null;
}

/** One "frame= … time= … speed=" status line, or null for any other line. */
export function parseProgressLine(line: string): ProgressSample | null {
  const time = /time=\s*(-?[\d:.]+)/.exec(line);
  const frame = /frame=\s*(\d+)/.exec(line);
  if (!time && !frame) return null;
  const speed = /speed=\s*([\d.]+)x/.exec(line);
  return {
    frame: frame ? Number(frame[1]) : null,
    timeSec: time ? parseClock(time[1]!) : null,
    speed: speed ? Number(speed[1]) : null,
  };
}

/**
 * Turns status lines into a fraction 0..1 that only ever grows: by output time against a known
 * duration, else by frame count against a known frame total. `done()` reports 1.
 */
export class ProgressTracker {
  private last = 0;
  constructor(
    private readonly total: { durationSec?: number | null; frames?: number | null },
    private readonly report: (fraction: number) => void,
  ) {}

  feed(line: string): void {
    const s = parseProgressLine(line);
    if (!s) return;
    let f: number | null = null;
    if (s.timeSec !== null && this.total.durationSec) f = s.timeSec / this.total.durationSec;
    else if (s.frame !== null && this.total.frames) f = s.frame / this.total.frames;
    if (f === null || !Number.isFinite(f)) return;
    // Hold back the last step for done(): the muxer still writes the index (faststart moves moov).
    f = Math.min(0.99, Math.max(0, f));
    if (f > this.last) {
      this.last = f;
      this.report(f);
    }
  }

  done(): void {
    this.last = 1;
    this.report(1);
  }
}
