/** Player keyboard shortcuts (when the player has focus), shown in its help line. */
export type PlayerAction =
  | { type: 'toggle' }
  | { type: 'seekBy'; seconds: number }
  | { type: 'seekFraction'; fraction: number }
  | { type: 'volumeBy'; delta: number }
  | { type: 'mute' }
  | { type: 'fullscreen' }
  | { type: 'captions' }
  | { type: 'pip' }
  | { type: 'speedBy'; steps: number }
  | { type: 'chapterBy'; steps: number };

export const SHORTCUTS: ReadonlyArray<[string, string]> = [
  ['Space / K', 'play or pause'],
  ['← / →', 'back / forward 5 s'],
  ['J / L', 'back / forward 10 s'],
  ['↑ / ↓', 'volume'],
  ['M', 'mute'],
  ['C', 'captions on/off'],
  ['F', 'full screen'],
  ['P', 'picture-in-picture'],
  ['< / >', 'slower / faster'],
  ['N / B', 'next / previous chapter'],
  ['0–9', 'jump to 0–90 %'],
];

/** The parts of a key event the map reads (a DOM KeyboardEvent or React's). */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export function actionFor(e: KeyLike): PlayerAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case ' ':
    case 'k':
    case 'K':
      return { type: 'toggle' };
    case 'ArrowLeft':
      return { type: 'seekBy', seconds: -5 };
    case 'ArrowRight':
      return { type: 'seekBy', seconds: 5 };
    case 'j':
    case 'J':
      return { type: 'seekBy', seconds: -10 };
    case 'l':
    case 'L':
      return { type: 'seekBy', seconds: 10 };
    case 'ArrowUp':
      return { type: 'volumeBy', delta: 0.1 };
    case 'ArrowDown':
      return { type: 'volumeBy', delta: -0.1 };
    case 'm':
    case 'M':
      return { type: 'mute' };
    case 'f':
    case 'F':
      return { type: 'fullscreen' };
    case 'c':
    case 'C':
      return { type: 'captions' };
    case 'p':
    case 'P':
      return { type: 'pip' };
    case '>':
      return { type: 'speedBy', steps: 1 };
    case '<':
      return { type: 'speedBy', steps: -1 };
    case 'n':
    case 'N':
      return { type: 'chapterBy', steps: 1 };
    case 'b':
    case 'B':
      return { type: 'chapterBy', steps: -1 };
    default:
      return /^[0-9]$/.test(e.key) ? { type: 'seekFraction', fraction: Number(e.key) / 10 } : null;
  }
}

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/** The next speed step from the current rate (clamped to the list). */
export function stepSpeed(rate: number, steps: number): number {
  const i = SPEEDS.findIndex((s) => s >= rate - 1e-6);
  const at = i < 0 ? SPEEDS.length - 1 : i;
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, at + steps))] as number;
}
