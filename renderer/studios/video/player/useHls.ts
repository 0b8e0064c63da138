import { useEffect, useState, type RefObject } from 'react';
import type HlsType from 'hls.js';
import { API_PREFIX } from '../../../../shared/routes.js';
import { getConnection } from '../../../api/auth.js';

export interface HlsTrack {
  index: number;
  name: string;
  lang: string;
}

export interface HlsState {
  hls: HlsType | null;
  audioTracks: HlsTrack[];
  audioTrack: number;
  subtitleTracks: HlsTrack[];
  error: string | null;
}

const EMPTY: HlsState = { hls: null, audioTracks: [], audioTrack: -1, subtitleTracks: [], error: null };

/** Other sources than a media-store master (the LiveLoop page plays a channel's live stream). */
export interface HlsSourceOptions {
  /** A playlist path under the API root (e.g. /channels/<id>/live/master.m3u8) instead of the media file. */
  path?: string;
  /** A live stream: join close to the live edge and keep there. */
  live?: boolean;
}

/**
 * Plays an HLS master from the media store through hls.js (the full build: audio and subtitle
 * groups need it). Every playlist and segment request carries the token; relative URIs in the
 * master resolve against /api/v1/media/<id>/file.
 */
export function useHls(videoRef: RefObject<HTMLVideoElement | null>, masterMediaId: string | null, options: HlsSourceOptions = {}): HlsState {
  const [state, setState] = useState<HlsState>(EMPTY);
  const { path, live = false } = options;
  useEffect(() => {
    const el = videoRef.current;
    if (!el || (!masterMediaId && !path)) {
      setState(EMPTY);
      return undefined;
    }
    let hls: HlsType | null = null;
    let alive = true;
    void import('hls.js').then(({ default: Hls }) => {
      if (!alive) return;
      if (!Hls.isSupported()) {
        setState({ ...EMPTY, error: 'This browser has no Media Source Extensions, so HLS cannot play here: the MP4 plays instead.' });
        return;
      }
      const { apiBase, token } = getConnection();
      hls = new Hls({
        xhrSetup: (xhr) => {
          if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
        },
        renderTextTracksNatively: true,
        ...(live ? { liveSyncDurationCount: 3, liveMaxLatencyDurationCount: 10, lowLatencyMode: false } : {}),
      });
      const h = hls;
      const sync = (): void =>
        setState({
          hls: h,
          audioTracks: h.audioTracks.map((t, index) => ({ index, name: t.name, lang: t.lang ?? '' })),
          audioTrack: h.audioTrack,
          subtitleTracks: h.subtitleTracks.map((t, index) => ({ index, name: t.name, lang: t.lang ?? '' })),
          error: null,
        });
      h.on(Hls.Events.MANIFEST_PARSED, sync);
      h.on(Hls.Events.AUDIO_TRACKS_UPDATED, sync);
      h.on(Hls.Events.AUDIO_TRACK_SWITCHED, sync);
      h.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, sync);
      h.on(Hls.Events.SUBTITLE_TRACK_SWITCH, sync);
      h.on(Hls.Events.ERROR, (_e, data) => {
        if (!data.fatal) return;
        setState((s) => ({ ...s, error: `HLS playback failed (${data.type}: ${data.details})${data.response ? `, HTTP ${data.response.code}` : ''}` }));
      });
      // Captions are drawn by the player's own overlay (size and contrast), so hls.js keeps them hidden.
      h.subtitleDisplay = false;
      h.loadSource(path ? `${apiBase}${path.startsWith(`${API_PREFIX}/`) ? '' : API_PREFIX}${path}` : `${apiBase}${API_PREFIX}/media/${encodeURIComponent(masterMediaId!)}/file`);
      h.attachMedia(el);
      setState({ ...EMPTY, hls: h });
    });
    return () => {
      alive = false;
      hls?.destroy();
    };
  }, [videoRef, masterMediaId, path, live]);
  return state;
}
