import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useHls } from '../player/useHls.js';

export interface LiveClock {
  /** The program time (EXT-X-PROGRAM-DATE-TIME) of the frame on screen, when hls.js knows it. */
  programTime: Date | null;
  playing: boolean;
}

interface LivePlayerProps {
  videoRef: RefObject<HTMLVideoElement | null>;
  /** The channel's live master playlist, relative to the API root. */
  masterPath: string;
  channelName: string;
  /** The slate is on air (nothing ready to play). */
  offAir: boolean;
  onClock: (clock: LiveClock) => void;
  /** Floats over the picture (the arcade's PIP). */
  overlay?: ReactNode;
}

const BEHIND_LIVE_SEC = 12;

/**
 * The channel's running stream through hls.js, joined at the live edge. It starts muted (browsers
 * let muted video play on its own, like a TV left on); Unmute is one click. There is no seek bar:
 * a channel is live, and "Go live" returns to the edge after a pause.
 */
export function LivePlayer({ videoRef, masterPath, channelName, offAir, onClock, overlay }: LivePlayerProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const hls = useHls(videoRef, null, { path: masterPath, live: true });
  const [playing, setPlaying] = useState(false);
  const [muted, setMuted] = useState(true);
  const [volume, setVolume] = useState(1);
  const [behind, setBehind] = useState(0);
  const [note, setNote] = useState<string | null>(null);
  const clockRef = useRef(onClock);
  clockRef.current = onClock;

  useEffect(() => {
    const el = videoRef.current;
    const h = hls.hls;
    if (!el || !h) return undefined;
    el.muted = true;
    const read = (): void => {
      setPlaying(!el.paused && !el.ended);
      setMuted(el.muted);
      setVolume(el.volume);
      const edge = h.liveSyncPosition;
      setBehind(edge !== null && Number.isFinite(edge) ? Math.max(0, edge - el.currentTime) : 0);
      clockRef.current({ programTime: h.playingDate ?? null, playing: !el.paused && !el.ended });
    };
    const start = (): void => {
      void el.play().catch(() => setNote('Press play to start the channel.'));
    };
    const events = ['timeupdate', 'play', 'pause', 'volumechange', 'seeked'] as const;
    for (const e of events) el.addEventListener(e, read);
    el.addEventListener('loadedmetadata', start, { once: true });
    return () => {
      for (const e of events) el.removeEventListener(e, read);
      el.removeEventListener('loadedmetadata', start);
    };
  }, [hls.hls, videoRef]);

  const el = (): HTMLVideoElement | null => videoRef.current;
  const toggle = (): void => {
    const v = el();
    if (!v) return;
    if (v.paused) {
      setNote(null);
      void v.play().catch((err: unknown) => setNote(`Could not play: ${err instanceof Error ? err.message : String(err)}`));
    } else v.pause();
  };
  const goLive = (): void => {
    const v = el();
    const edge = hls.hls?.liveSyncPosition;
    if (v && edge !== null && edge !== undefined && Number.isFinite(edge)) v.currentTime = edge;
    if (v?.paused) toggle();
  };
  const atEdge = behind < BEHIND_LIVE_SEC;

  return (
    <div className="ll-player vp" ref={wrapRef} data-testid="liveloop-player" data-engine="hls" data-hls-error={hls.error ?? undefined} data-playing={playing || undefined}>
      <div className="vp-stage ll-stage-frame">
        <video ref={videoRef} className="vp-video" playsInline muted onClick={toggle} aria-label={`${channelName}, live`} />
        {offAir ? (
          <span className="ll-badge ll-badge-off" data-testid="liveloop-off-air">
            Off air
          </span>
        ) : (
          <span className="ll-badge ll-on-air" data-testid="liveloop-on-air" data-live={playing && atEdge ? 'true' : 'false'} title={atEdge ? 'Live' : `${Math.round(behind)} s behind live`}>
            <span className="ll-on-air-dot" aria-hidden="true" /> On air
          </span>
        )}
        {overlay}
      </div>
      <div className="vp-row ll-controls">
        <button type="button" className="vp-btn" onClick={toggle} data-testid="liveloop-play" aria-label={playing ? 'Pause' : 'Play'}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          className="vp-btn"
          aria-pressed={!muted}
          onClick={() => {
            const v = el();
            if (!v) return;
            v.muted = !v.muted;
            if (!v.muted && v.paused) toggle();
          }}
          data-testid="liveloop-unmute"
        >
          {muted ? 'Unmute' : 'Mute'}
        </button>
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={muted ? 0 : volume}
          aria-label="Volume"
          onChange={(e) => {
            const v = el();
            if (!v) return;
            v.volume = Number(e.target.value);
            v.muted = v.volume === 0;
          }}
        />
        <span className="vp-spacer" />
        <span className="small muted" data-testid="liveloop-latency">
          {atEdge ? 'Live' : `${Math.round(behind)} s behind`}
        </span>
        <button type="button" className="vp-btn" onClick={goLive} disabled={atEdge && playing} data-testid="liveloop-go-live">
          Go live
        </button>
        <button
          type="button"
          className="vp-btn"
          onClick={() => {
            if (document.fullscreenElement) void document.exitFullscreen();
            else void wrapRef.current?.requestFullscreen().catch(() => setNote('Full screen is not allowed here.'));
          }}
        >
          Full screen
        </button>
      </div>
      {note ? (
        <p className="vp-note small" role="status">
          {note}
        </p>
      ) : null}
      {hls.error ? (
        <p className="vp-error" role="alert" data-testid="liveloop-player-error">
          {hls.error}
        </p>
      ) : null}
    </div>
  );
}
