import { create } from 'zustand';

/** Caption look, remembered on this device: size and contrast (seed: "adjustable size and contrast"). */
export type CaptionSize = 'small' | 'medium' | 'large' | 'xlarge';
export type CaptionContrast = 'normal' | 'high';

interface CaptionPrefs {
  on: boolean;
  size: CaptionSize;
  contrast: CaptionContrast;
  set(patch: Partial<Pick<CaptionPrefs, 'on' | 'size' | 'contrast'>>): void;
}

const PREFS_KEY = 'auteur.video.captions';

function load(): Pick<CaptionPrefs, 'on' | 'size' | 'contrast'> {
  const fallback = { on: true, size: 'medium' as const, contrast: 'normal' as const };
  try {
    const raw = JSON.parse(window.localStorage.getItem(PREFS_KEY) ?? 'null') as Partial<CaptionPrefs> | null;
    if (!raw) return fallback;
    return {
      on: typeof raw.on === 'boolean' ? raw.on : fallback.on,
      size: raw.size && ['small', 'medium', 'large', 'xlarge'].includes(raw.size) ? raw.size : fallback.size,
      contrast: raw.contrast === 'high' ? 'high' : 'normal',
    };
  } catch {
    return fallback;
  }
}

export const useCaptionPrefs = create<CaptionPrefs>()((set, get) => ({
  ...load(),
  set: (patch) => {
    set(patch);
    const { on, size, contrast } = get();
    try {
      window.localStorage.setItem(PREFS_KEY, JSON.stringify({ on, size, contrast }));
    } catch {
      // not persisted; still applies now
    }
  },
}));

/** Where the viewer stopped, per video and source, so a reload or a return resumes there. */
const positionKey = (videoId: string): string => `auteur.video.position.${videoId}`;

export function loadPosition(videoId: string): number | null {
  try {
    const v = Number(window.localStorage.getItem(positionKey(videoId)));
    return Number.isFinite(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

export function savePosition(videoId: string, seconds: number | null): void {
  try {
    if (seconds === null || seconds < 1) window.localStorage.removeItem(positionKey(videoId));
    else window.localStorage.setItem(positionKey(videoId), seconds.toFixed(2));
  } catch {
    // storage disabled: nothing to remember
  }
}
