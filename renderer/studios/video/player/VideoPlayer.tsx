import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Video } from '../../../../shared/schemas/video.js';
import { useAuthedMedia } from '../../../api/authed-media.js';
import { CaptionOverlay } from './CaptionOverlay.js';
import { actionFor, stepSpeed, type PlayerAction } from './keyboard.js';
import { PlayerControls, type PlayerState } from './PlayerControls.js';
import { loadPosition, savePosition, useCaptionPrefs } from './prefs.js';
import { useHls } from './useHls.js';

const mediaPath = (id: string | null | undefined): string | null => (id ? `/media/${id}/file` : null);

/** A WebVTT caption track of the MP4 path (blob URL: the media route needs the token). */
function CaptionTrack({ mediaId, language, label }: { mediaId: string; language: string; label: string }) {
  const media = useAuthedMedia(mediaPath(mediaId));
  return media.url ? <track kind="subtitles" src={media.url} srcLang={language} label={label} /> : null;
}

interface VideoPlayerProps {
  video: Video;
  /** The preview MP4, or the final (HLS when it has a master, else its MP4). */
  source: 'preview' | 'final';
}

/**
 * The studio's player: hls.js for the final (audio languages and caption tracks from the master),
 * the MP4 otherwise; custom controls (speed, chapters, captions with size and contrast, language,
 * picture-in-picture), keyboard shortcuts when focused, and the position remembered per video.
 */
export function VideoPlayer({ video, source }: VideoPlayerProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const hlsMaster = source === 'final' ? video.hlsMasterMediaId : null;
  const hls = useHls(videoRef, hlsMaster);
  const useMp4 = !hlsMaster || !!hls.error;
  const mp4Id = source === 'final' ? video.final?.mediaId : video.preview?.mediaId;
  const mp4 = useAuthedMedia(mediaPath(mp4Id), useMp4);
  const poster = useAuthedMedia(mediaPath(video.posterMediaId ?? video.thumbnailMediaId));
  const captions = useCaptionPrefs();
  const [captionLang, setCaptionLang] = useState<string>(video.language);
  const [note, setNote] = useState<string | null>(null);
  const [st, setSt] = useState<PlayerState>({ playing: false, time: 0, duration: 0, rate: 1, volume: 1, muted: false, pip: false });

  // Element state → React state.
  useEffect(() => {
    const el = videoRef.current;
    if (!el) return undefined;
    let lastSave = 0;
    const read = (): void =>
      setSt({
        playing: !el.paused && !el.ended,
        time: el.currentTime,
        duration: Number.isFinite(el.duration) ? el.duration : 0,
        rate: el.playbackRate,
        volume: el.volume,
        muted: el.muted,
        pip: document.pictureInPictureElement === el,
      });
    const onMeta = (): void => {
      const at = loadPosition(video.id);
      if (at !== null && Number.isFinite(el.duration) && at < el.duration - 1) el.currentTime = at;
      read();
    };
    const onTime = (): void => {
      read();
      if (Date.now() - lastSave > 1500) {
        lastSave = Date.now();
        savePosition(video.id, el.currentTime);
      }
    };
    const onPause = (): void => {
      savePosition(video.id, el.ended ? null : el.currentTime);
      read();
    };
    const onEnded = (): void => {
      savePosition(video.id, null);
      read();
    };
    const events: Array<[string, () => void]> = [
      ['loadedmetadata', onMeta],
      ['timeupdate', onTime],
      ['pause', onPause],
      ['ended', onEnded],
      ['play', read],
      ['ratechange', read],
      ['volumechange', read],
      ['durationchange', read],
      ['enterpictureinpicture', read],
      ['leavepictureinpicture', read],
    ];
    for (const [name, fn] of events) el.addEventListener(name, fn);
    return () => {
      for (const [name, fn] of events) el.removeEventListener(name, fn);
    };
  }, [video.id]);

  // Which caption track is in use: hls.js subtitle track, or the MP4's <track> elements.
  useEffect(() => {
    const el = videoRef.current;
    if (!el) return undefined;
    const apply = (): void => {
      if (hls.hls && !useMp4) {
        const idx = hls.subtitleTracks.findIndex((t) => t.lang === captionLang);
        const pick = idx >= 0 ? idx : hls.subtitleTracks.length ? 0 : -1;
        hls.hls.subtitleTrack = captions.on ? pick : -1;
        return;
      }
      const tracks = Array.from(el.textTracks);
      const chosen = tracks.find((t) => t.language === captionLang) ?? tracks[0];
      for (const t of tracks) t.mode = captions.on && t === chosen ? 'hidden' : 'disabled';
    };
    apply();
    el.textTracks.addEventListener('addtrack', apply);
    return () => el.textTracks.removeEventListener('addtrack', apply);
  }, [hls.hls, hls.subtitleTracks, useMp4, captionLang, captions.on]);

  const chapters = video.chapters;
  const run = useCallback(
    (a: PlayerAction): void => {
      const el = videoRef.current;
      if (!el) return;
      const dur = Number.isFinite(el.duration) ? el.duration : 0;
      switch (a.type) {
        case 'toggle':
          if (el.paused || el.ended) void el.play().catch((err: unknown) => setNote(`Could not play: ${err instanceof Error ? err.message : String(err)}`));
          else el.pause();
          return;
        case 'seekBy':
          el.currentTime = Math.min(dur, Math.max(0, el.currentTime + a.seconds));
          return;
        case 'seekFraction':
          el.currentTime = dur * a.fraction;
          return;
        case 'volumeBy':
          el.volume = Math.min(1, Math.max(0, el.volume + a.delta));
          if (el.volume > 0) el.muted = false;
          return;
        case 'mute':
          el.muted = !el.muted;
          return;
        case 'captions':
          captions.set({ on: !captions.on });
          return;
        case 'speedBy':
          el.playbackRate = stepSpeed(el.playbackRate, a.steps);
          return;
        case 'chapterBy': {
          if (!chapters.length) return;
          const cur = chapters.findIndex((c) => el.currentTime >= c.startSec - 0.05 && el.currentTime < c.endSec);
          const next = chapters[Math.min(chapters.length - 1, Math.max(0, (cur < 0 ? 0 : cur) + a.steps))];
          if (next) el.currentTime = next.startSec;
          return;
        }
        case 'fullscreen':
          if (document.fullscreenElement) void document.exitFullscreen();
          else void wrapRef.current?.requestFullscreen().catch(() => setNote('Full screen is not allowed here.'));
          return;
        case 'pip':
          if (!document.pictureInPictureEnabled) {
            setNote('Picture-in-picture is not available in this browser.');
            return;
          }
          if (document.pictureInPictureElement) void document.exitPictureInPicture();
          else void el.requestPictureInPicture().catch((err: unknown) => setNote(`Picture-in-picture failed: ${err instanceof Error ? err.message : String(err)}`));
          return;
      }
    },
    [captions, chapters],
  );

  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    // Keys typed into the player's own selects and inputs are theirs.
    const tag = (e.target as HTMLElement).tagName;
    if (tag === 'SELECT' || tag === 'INPUT' || tag === 'TEXTAREA') return;
    if (tag === 'BUTTON' && (e.key === ' ' || e.key === 'Enter')) return;
    const action = actionFor(e);
    if (!action) return;
    e.preventDefault();
    run(action);
  };

  /** Seed "Language Selector": a dub in that language if there is one, else captions in it. */
  const chooseLanguage = (lang: string): void => {
    const audio = hls.audioTracks.find((t) => t.lang === lang);
    const hasCaptions = video.captions.some((c) => c.language === lang) || hls.subtitleTracks.some((t) => t.lang === lang);
    if (audio && hls.hls) {
      hls.hls.audioTrack = audio.index;
      if (hasCaptions) setCaptionLang(lang);
      setNote(null);
    } else if (hasCaptions) {
      setCaptionLang(lang);
      captions.set({ on: true });
      setNote(`No dub in ${lang}: showing ${lang} captions instead.`);
    }
  };

  const src = useMp4 ? mp4.url : null;
  const loadError = hls.error && !mp4.url ? hls.error : mp4.error;
  return (
    <div
      className="vp"
      ref={wrapRef}
      tabIndex={0}
      onKeyDown={onKey}
      data-testid="video-player"
      data-source={source}
      data-engine={useMp4 ? 'mp4' : 'hls'}
      data-hls-audio-track={hls.hls ? hls.audioTrack : undefined}
      aria-label={`${video.title} player. Keyboard: space plays or pauses.`}
    >
      <div className="vp-stage">
        <video ref={videoRef} className="vp-video" src={src ?? undefined} poster={poster.url ?? undefined} playsInline preload="metadata" onClick={() => run({ type: 'toggle' })}>
          {useMp4 ? video.captions.map((c) => <CaptionTrack key={c.mediaId} mediaId={c.mediaId} language={c.language} label={c.label} />) : null}
        </video>
        <CaptionOverlay videoRef={videoRef} />
      </div>
      <PlayerControls
        video={video}
        state={st}
        run={run}
        seek={(t) => {
          if (videoRef.current) videoRef.current.currentTime = t;
        }}
        setRate={(r) => {
          if (videoRef.current) videoRef.current.playbackRate = r;
        }}
        audioTracks={hls.audioTracks}
        audioTrack={hls.audioTrack}
        setAudioTrack={(i) => {
          if (hls.hls) hls.hls.audioTrack = i;
        }}
        captionLang={captionLang}
        captionLangs={[...new Set([...video.captions.map((c) => c.language), ...hls.subtitleTracks.map((t) => t.lang)])].filter(Boolean)}
        setCaptionLang={setCaptionLang}
        chooseLanguage={chooseLanguage}
      />
      {note ? (
        <p className="vp-note small" role="status">
          {note}
        </p>
      ) : null}
      {loadError ? (
        <p className="vp-error" role="alert">
          {loadError}
        </p>
      ) : null}
    </div>
  );
}
