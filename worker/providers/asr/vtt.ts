/** WebVTT writing and parsing, and SRT export, for captions made by Whisper or script timing. */

export interface Cue {
  startSec: number;
  endSec: number;
  /** May hold a line break ("\n") between its (at most two) lines. */
  text: string;
}

/** 3723.5 → "01:02:03.500" (VTT) or "01:02:03,500" (SRT). */
export function formatTimestamp(sec: number, decimal: '.' | ',' = '.'): string {
  const ms = Math.max(0, Math.round(sec * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${decimal}${pad(ms % 1000, 3)}`;
}

/** "01:02:03.500", "02:03.500" or SRT's "01:02:03,500" → seconds. */
export function parseTimestamp(ts: string): number {
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})$/.exec(ts.trim());
  if (!m) throw new Error(`Bad timestamp "${ts}"`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]!.padEnd(3, '0')) / 1000;
}

/** Cue text may not contain "-->" or blank lines. */
function cleanText(text: string): string {
  return text.replace(/-->/g, '→').split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
}

export function toVtt(cues: Cue[]): string {
  const blocks = cues.map((c, i) => `${i + 1}\n${formatTimestamp(c.startSec)} --> ${formatTimestamp(c.endSec)}\n${cleanText(c.text)}`);
  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}

export function toSrt(cues: Cue[]): string {
  return cues.map((c, i) => `${i + 1}\n${formatTimestamp(c.startSec, ',')} --> ${formatTimestamp(c.endSec, ',')}\n${cleanText(c.text)}\n`).join('\n');
}

/** Parses WebVTT (and, leniently, SRT): cue ids, settings after the times, NOTE/STYLE blocks and tags are handled. */
export function parseVtt(src: string): Cue[] {
  const blocks = src.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split(/\n{2,}/);
  const cues: Cue[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.length > 0);
    const timing = lines.findIndex((l) => l.includes('-->'));
    if (timing < 0) continue; // header, NOTE, STYLE, REGION
    const [start, rest] = lines[timing]!.split('-->');
    const end = rest!.trim().split(/\s+/)[0]!;
    const text = lines
      .slice(timing + 1)
      .map((l) => l.replace(/<[^>]+>/g, '').trim())
      .join('\n');
    cues.push({ startSec: parseTimestamp(start!), endSec: parseTimestamp(end), text });
  }
  return cues;
}
