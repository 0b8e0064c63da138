import type { Video, VideoRendition } from '../../../../shared/schemas/video.js';
import { useAuthedMedia } from '../../../api/authed-media.js';
import { formatBytes } from '../../../components/format.js';

/** The first sentence of a fallback reason (the whole of it is on hover). */
function shortReason(text: string): string {
  const end = text.search(/\.\s|\(/);
  const first = (end > 0 ? text.slice(0, end) : text).trim();
  return first.length > 70 ? `${first.slice(0, 67)}…` : first;
}

function Rendition({ label, r, testId }: { label: string; r: VideoRendition | null; testId: string }) {
  return (
    <li data-testid={testId} data-ready={!!r || undefined}>
      <span>{label}</span>
      <span className="muted small">{r ? `${r.width}×${r.height} · ${r.durationSec.toFixed(1)} s · ${formatBytes(r.bytes)}` : 'not yet'}</span>
    </li>
  );
}

/** What the pipeline has produced so far, and who made each scene (provider, model, voice, cache). */
export function Assets({ video }: { video: Video }) {
  const thumb = useAuthedMedia(video.thumbnailMediaId ? `/media/${video.thumbnailMediaId}/file` : null);
  return (
    <section className="card video-assets" aria-labelledby="video-assets-title" data-testid="video-assets">
      <h2 id="video-assets-title">Assets</h2>
      {thumb.url ? <img className="video-assets-thumb" src={thumb.url} alt={`Thumbnail of ${video.title}`} /> : null}
      <ul className="video-asset-list">
        <Rendition label="Preview MP4" r={video.preview} testId="asset-preview" />
        <Rendition label="Final MP4" r={video.final} testId="asset-final" />
        <li data-ready={!!video.hlsMasterMediaId || undefined}>
          <span>HLS</span>
          <span className="muted small">{video.hlsMasterMediaId ? `${video.audioTracks.length || 1} audio · ${video.captions.length} caption track(s)` : 'not yet'}</span>
        </li>
        <li data-ready={video.chapters.length > 0 || undefined}>
          <span>Chapters</span>
          <span className="muted small">{video.chapters.length || 'not yet'}</span>
        </li>
      </ul>
      {video.scriptSource ? (
        <p className="small muted" data-testid="video-script-source">
          Script: {video.scriptSource.writer === 'offline' ? 'the offline writer (not an LLM)' : video.scriptSource.writer === 'edited' ? 'edited by you' : 'LLM'}
          {video.scriptSource.provider ? ` · ${video.scriptSource.provider}` : ''}
          {video.scriptSource.model ? ` (${video.scriptSource.model})` : ''}
        </p>
      ) : null}
      {video.notes.length ? (
        <details className="video-notes small" data-testid="video-notes">
          <summary>How it was made ({video.notes.length} note{video.notes.length === 1 ? '' : 's'})</summary>
          <ul>
            {video.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {video.scenes.length ? (
        <ol className="video-provenance" data-testid="video-provenance" aria-label="Who made each scene">
          {video.scenes.map((s) => (
            <li key={s.sceneId} data-cache={s.cacheHit ? 'hit' : 'rendered'}>
              <span className="mono">{s.sceneId}</span>
              <span>
                {s.provider} <span className="muted">({s.model})</span> · voice {s.voiceProvider ?? 'none'}
              </span>
              <span className="video-cache">{s.cacheHit ? 'cache hit' : 'rendered'}</span>
              {s.fallbackReason ? (
                <span className="video-fallback small" title={s.fallbackReason}>
                  fallback: {shortReason(s.fallbackReason)}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
