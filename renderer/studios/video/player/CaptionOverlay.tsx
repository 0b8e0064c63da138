import { useEffect, useState, type RefObject } from 'react';
import { useCaptionPrefs } from './prefs.js';

/** Cue text without WebVTT tags (<v Speaker>, <i>, timestamps). */
function cueText(cue: TextTrackCue): string {
  const text = (cue as VTTCue).text ?? '';
  return text.replace(/<[^>]+>/g, '');
}

/**
 * Draws the active cues of the caption track in use (the one not 'disabled') over the picture, at
 * the chosen size and contrast. Tracks stay 'hidden' so the browser's own rendering is off.
 */
export function CaptionOverlay({ videoRef }: { videoRef: RefObject<HTMLVideoElement | null> }) {
  const { on, size, contrast } = useCaptionPrefs();
  const [lines, setLines] = useState<string[]>([]);
  useEffect(() => {
    const el = videoRef.current;
    if (!el) return undefined;
    const tracks = el.textTracks;
    const update = (): void => {
      const active = [...Array.from(tracks)].find((t) => t.mode !== 'disabled' && (t.kind === 'subtitles' || t.kind === 'captions'));
      const cues = active?.activeCues ? Array.from(active.activeCues) : [];
      setLines(cues.map(cueText).filter(Boolean));
    };
    const listen = (): void => {
      for (const t of Array.from(tracks)) t.oncuechange = update;
      update();
    };
    listen();
    tracks.addEventListener('addtrack', listen);
    tracks.addEventListener('change', update);
    return () => {
      tracks.removeEventListener('addtrack', listen);
      tracks.removeEventListener('change', update);
      for (const t of Array.from(tracks)) t.oncuechange = null;
    };
  }, [videoRef]);
  if (!on || lines.length === 0) return null;
  return (
    <div className="vp-captions" data-size={size} data-contrast={contrast} data-testid="vp-captions" aria-live="off">
      {lines.map((l, i) => (
        <span key={i} className="vp-cue">
          {l}
        </span>
      ))}
    </div>
  );
}
