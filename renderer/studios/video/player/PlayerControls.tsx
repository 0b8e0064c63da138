import { useState } from 'react';
import type { Video } from '../../../../shared/schemas/video.js';
import { SHORTCUTS, SPEEDS, type PlayerAction } from './keyboard.js';
import { useCaptionPrefs, type CaptionContrast, type CaptionSize } from './prefs.js';
import type { HlsTrack } from './useHls.js';

export interface PlayerState {
  playing: boolean;
  time: number;
  duration: number;
  rate: number;
  volume: number;
  muted: boolean;
  pip: boolean;
}

interface Props {
  video: Video;
  state: PlayerState;
  run(a: PlayerAction): void;
  seek(t: number): void;
  setRate(r: number): void;
  audioTracks: HlsTrack[];
  audioTrack: number;
  setAudioTrack(i: number): void;
  captionLang: string;
  captionLangs: string[];
  setCaptionLang(l: string): void;
  chooseLanguage(l: string): void;
}

export const clock = (s: number): string => {
  const t = Math.max(0, Math.floor(s));
  return `${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`;
};

const SIZES: CaptionSize[] = ['small', 'medium', 'large', 'xlarge'];

export function PlayerControls(p: Props) {
  const { state: st, video } = p;
  const caps = useCaptionPrefs();
  const [showKeys, setShowKeys] = useState(false);
  const chapters = video.chapters;
  const current = chapters.findIndex((c) => st.time >= c.startSec - 0.05 && st.time < c.endSec);
  const languages = [...new Set([...p.audioTracks.map((t) => t.lang), ...p.captionLangs])].filter(Boolean);
  const activeAudioLang = p.audioTracks[p.audioTrack]?.lang;
  return (
    <div className="vp-controls">
      <div className="vp-seek">
        <input
          type="range"
          aria-label="Seek"
          min={0}
          max={st.duration || 0}
          step={0.05}
          value={Math.min(st.time, st.duration || 0)}
          onChange={(e) => p.seek(Number(e.target.value))}
          data-testid="vp-seek"
        />
        {st.duration > 0
          ? chapters.map((c) => (
              <span key={c.sceneId} className="vp-chapter-mark" style={{ left: `${(c.startSec / st.duration) * 100}%` }} aria-hidden="true" />
            ))
          : null}
      </div>
      <div className="vp-row">
        <button type="button" className="vp-btn" onClick={() => p.run({ type: 'toggle' })} aria-label={st.playing ? 'Pause' : 'Play'} data-testid="vp-play">
          {st.playing ? '❚❚' : '▶'}
        </button>
        <span className="vp-time mono small" data-testid="vp-time">
          {clock(st.time)} / {clock(st.duration)}
        </span>
        <button type="button" className="vp-btn" onClick={() => p.run({ type: 'mute' })} aria-pressed={st.muted} aria-label={st.muted ? 'Unmute' : 'Mute'}>
          {st.muted ? 'Unmute' : 'Mute'}
        </button>
        <label className="vp-select">
          <span className="sr-only">Speed</span>
          <select value={st.rate} onChange={(e) => p.setRate(Number(e.target.value))} aria-label="Speed" data-testid="vp-speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="vp-btn" onClick={() => caps.set({ on: !caps.on })} aria-pressed={caps.on} data-testid="vp-captions-toggle" disabled={!p.captionLangs.length}>
          CC
        </button>
        {p.captionLangs.length > 1 ? (
          <select value={p.captionLang} onChange={(e) => p.setCaptionLang(e.target.value)} aria-label="Caption language" data-testid="vp-caption-lang">
            {p.captionLangs.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        ) : null}
        <select value={caps.size} onChange={(e) => caps.set({ size: e.target.value as CaptionSize })} aria-label="Caption size" data-testid="vp-caption-size">
          {SIZES.map((s) => (
            <option key={s} value={s}>
              {s === 'xlarge' ? 'Extra large' : s[0]!.toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
        <select value={caps.contrast} onChange={(e) => caps.set({ contrast: e.target.value as CaptionContrast })} aria-label="Caption contrast" data-testid="vp-caption-contrast">
          <option value="normal">Normal contrast</option>
          <option value="high">High contrast</option>
        </select>
        {p.audioTracks.length > 1 ? (
          <select value={p.audioTrack} onChange={(e) => p.setAudioTrack(Number(e.target.value))} aria-label="Audio track" data-testid="vp-audio-track">
            {p.audioTracks.map((t) => (
              <option key={t.index} value={t.index}>
                {t.name || t.lang}
              </option>
            ))}
          </select>
        ) : null}
        {languages.length > 1 ? (
          <select value={activeAudioLang ?? p.captionLang} onChange={(e) => p.chooseLanguage(e.target.value)} aria-label="Language" data-testid="vp-language">
            {languages.map((l) => (
              <option key={l} value={l}>
                {l}
                {p.audioTracks.some((t) => t.lang === l) ? ' (audio)' : ' (captions)'}
              </option>
            ))}
          </select>
        ) : null}
        <span className="vp-spacer" />
        <button type="button" className="vp-btn" onClick={() => p.run({ type: 'pip' })} aria-pressed={st.pip} data-testid="vp-pip" title="Picture-in-picture (P)">
          PiP
        </button>
        <button type="button" className="vp-btn" onClick={() => p.run({ type: 'fullscreen' })} title="Full screen (F)">
          Full
        </button>
        <button type="button" className="vp-btn" onClick={() => setShowKeys((v) => !v)} aria-expanded={showKeys} title="Keyboard shortcuts">
          ?
        </button>
      </div>
      {chapters.length ? (
        <ol className="vp-chapters" aria-label="Chapters" data-testid="vp-chapters">
          {chapters.map((c, i) => (
            <li key={c.sceneId}>
              <button type="button" className="vp-chapter" aria-current={i === current || undefined} onClick={() => p.seek(c.startSec)}>
                <span className="mono small">{clock(c.startSec)}</span> {c.title}
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      {showKeys ? (
        <dl className="vp-keys small">
          {SHORTCUTS.map(([k, what]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
