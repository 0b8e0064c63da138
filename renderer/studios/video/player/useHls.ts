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

/**
 * Plays an HLS master from the media store through hls.js (the full build: audio and subtitle
 * groups need it). Every playlist and segment request carries the token; relative URIs in the
 * master resolve against /api/v1/media/<id>/file.
 */
export function useHls(videoRef: RefObject<HTMLVideoElement | null>, masterMediaId: string | null): HlsState {
  const [state, setState] = useState<HlsState>(EMPTY);
  useEffect(() => {
    const el = videoRef.current;
    if (!el || !masterMediaId) {
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
      h.loadSource(`${apiBase}${API_PREFIX}/media/${encodeURIComponent(masterMediaId)}/file`);
      h.attachMedia(el);
      setState({ ...EMPTY, hls: h });
    });
    return () => {
      alive = false;
      hls?.destroy();
    };
  }, [videoRef, masterMediaId]);
  return state;
}
